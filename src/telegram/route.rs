//! What a Telegram message asks, as a line for the core: a command line
//! (`/pledged air defence`, `/pledged@pactbot drones`) or a plain question.
//! Pure functions, so the rules are tested without a chat.

use crate::lang::Lang;

/// Where a message was written, as far as answering it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// A private chat with the bot (everything is for it).
    pub private: bool,
    /// The message replies to one of the bot's own messages.
    pub replies_to_bot: bool,
}

/// The line the core answers for `text`, or `None` when the message is not
/// for this bot. `username` is the bot's, without `@`.
///
/// Commands keep their arguments as typed, so the core's one parser reads
/// them (`/compare Germany France`); `@username` after the command is
/// dropped, and a command for another bot (`/help@otherbot`) is not ours.
/// `/start` and `/help` show the help; `/ask TEXT` is the question TEXT.
/// In groups, with Telegram's default privacy mode, the bot sees commands,
/// mentions and replies to itself: a command without `@username` that is
/// not one of ours may be another bot's, so it is left alone there.
pub fn line(text: &str, username: &str, place: Place) -> Option<String> {
    let t = text.trim();
    if let Some(cmd) = t.strip_prefix('/') {
        let (word, rest) = match cmd.find(char::is_whitespace) {
            Some(i) => (&cmd[..i], cmd[i..].trim()),
            None => (cmd, ""),
        };
        let (name, addressed) = match word.split_once('@') {
            Some((n, to)) if to.eq_ignore_ascii_case(username) => (n, true),
            Some(_) => return None,
            None => (word, place.private),
        };
        let name = name.to_lowercase();
        return match name.as_str() {
            "start" | "help" if rest.is_empty() || name == "start" => Some("/help".into()),
            "ask" if rest.is_empty() => Some("/help".into()),
            "ask" => Some(rest.to_string()),
            _ if !addressed && crate::commands::table::find(&name).is_none() => None,
            _ if rest.is_empty() => Some(format!("/{name}")),
            _ => Some(format!("/{name} {rest}")),
        };
    }
    let mention = format!("@{username}");
    let (mentioned, question) = match find_ignoring_ascii_case(t, &mention) {
        Some(i) => (true, format!("{} {}", &t[..i], &t[i + mention.len()..])),
        None => (false, t.to_string()),
    };
    if !(place.private || mentioned || place.replies_to_bot) {
        return None;
    }
    let q = question.split_whitespace().collect::<Vec<_>>().join(" ");
    let q = q.trim_start_matches(['/', ',', ':']).trim();
    Some(if q.is_empty() {
        "/help".into()
    } else {
        q.to_string()
    })
}

fn find_ignoring_ascii_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?)
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n) && hay.is_char_boundary(i))
}

/// The reader's language from Telegram's `language_code` (`uk`, `uk-UA`).
pub fn lang(language_code: Option<&str>) -> Lang {
    match language_code {
        Some(c) if c.to_ascii_lowercase().starts_with("uk") => Lang::Uk,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIVATE: Place = Place {
        private: true,
        replies_to_bot: false,
    };
    const GROUP: Place = Place {
        private: false,
        replies_to_bot: false,
    };

    #[test]
    fn commands_keep_their_arguments_as_typed() {
        let cases = [
            ("/pledged air defence", PRIVATE, Some("/pledged air defence")),
            (
                "/compare Germany France",
                PRIVATE,
                Some("/compare Germany France"),
            ),
            ("/pledged@PactBot drones", GROUP, Some("/pledged drones")),
            ("/pledged drones", GROUP, Some("/pledged drones")),
            ("/pledged@otherbot drones", GROUP, None),
            ("/weather", GROUP, None),
            ("/weather", PRIVATE, Some("/weather")),
            ("/weather@pactbot", GROUP, Some("/weather")),
            ("/start", PRIVATE, Some("/help")),
            ("/start payload", PRIVATE, Some("/help")),
            ("/help 2", PRIVATE, Some("/help 2")),
            ("/ask хто дав ППО?", GROUP, Some("хто дав ППО?")),
            ("/ask", PRIVATE, Some("/help")),
            ("/STATS", PRIVATE, Some("/stats")),
        ];
        for (text, place, want) in cases {
            assert_eq!(line(text, "pactbot", place).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn questions_in_groups_need_a_mention_or_a_reply() {
        assert_eq!(line("who pledged drones?", "pactbot", GROUP), None);
        assert_eq!(
            line("@PactBot who pledged drones?", "pactbot", GROUP).as_deref(),
            Some("who pledged drones?")
        );
        assert_eq!(
            line("хто дав ППО? @pactbot", "pactbot", GROUP).as_deref(),
            Some("хто дав ППО?")
        );
        let reply = Place {
            private: false,
            replies_to_bot: true,
        };
        assert_eq!(
            line("and Japan?", "pactbot", reply).as_deref(),
            Some("and Japan?")
        );
        assert_eq!(line("@pactbot", "pactbot", GROUP).as_deref(), Some("/help"));
        assert_eq!(
            line("what did Japan pledge?", "pactbot", PRIVATE).as_deref(),
            Some("what did Japan pledge?")
        );
    }

    #[test]
    fn language_codes_pick_ukrainian() {
        assert_eq!(lang(Some("uk")), Lang::Uk);
        assert_eq!(lang(Some("uk-UA")), Lang::Uk);
        assert_eq!(lang(Some("en")), Lang::En);
        assert_eq!(lang(Some("ru")), Lang::En);
        assert_eq!(lang(None), Lang::En);
    }
}
