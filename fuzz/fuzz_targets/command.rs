//! The command-text parser and everything after it: any bytes as a command
//! line through `parse_line` and `answer`, rendered for Discord, the terminal
//! and `--json`. The Discord body must fit Discord's limits and ping nobody;
//! a parsed command's own line must parse back to the same command.

use afl::fuzz_nohook;
use pactbot::lang::Lang;
use pactbot::render;
use pactbot_fuzz::{check, ds, text};

fn main() {
    fuzz_nohook!(|data: &[u8]| {
        let line = text(data);
        if let Ok(cmd) = pactbot::parse_line(&line) {
            let again = cmd.to_line();
            assert_eq!(pactbot::parse_line(&again).as_ref(), Ok(&cmd), "{again:?}");
        }
        let reply = pactbot::answer(ds(), &line, Lang::Uk);
        check(&render::discord::message(&reply));
        check(&render::discord::update(&reply));
        let _ = render::text::render(&reply);
        let _ = render::json::render(&pactbot::answer_json(ds(), &line, Lang::En));
    });
}
