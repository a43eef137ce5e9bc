// The official JS stack for comparison: express + discord-interactions'
// verifyKeyMiddleware, answering the benchmark's signed requests.
// bench/endpoint.sh installs both into a temporary folder and runs this there.
const express = require('express');
const {
  verifyKeyMiddleware,
  InteractionType,
  InteractionResponseType,
} = require('discord-interactions');

const app = express();

// The middleware verifies the signature (401 if bad) and answers PING with
// {"type":1} itself; everything else reaches this handler.
app.post('/interactions', verifyKeyMiddleware(process.env.DISCORD_PUBLIC_KEY), (req, res) => {
  const interaction = req.body;
  if (interaction.type === InteractionType.APPLICATION_COMMAND) {
    const aid = interaction.data.options?.[0]?.value ?? '';
    return res.json({
      type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: `/${interaction.data.name} ${aid}`, allowed_mentions: { parse: [] } },
    });
  }
  return res.status(400).json({ error: 'unknown interaction type' });
});

app.listen(Number(process.env.PORT), '127.0.0.1');
