//! Running a command against the dataset: the one [`execute`] every
//! transport calls. One file per command; [`format`] holds every piece of
//! Markdown, [`resolve`] turns typed names into records (or the reply that
//! explains why not), [`views`] the typed `--json` shapes.

mod about;
mod agreement;
mod chart;
mod compare;
pub(crate) mod format;
mod help;
mod money;
mod pledged;
mod resolve;
mod search;
mod stats;
mod system;
mod timeline;
mod views;

pub use chart::{Fresh, Painter};

use super::{Command, CommandError, CommandKind};
use crate::dataset::{AidId, AidType, Dataset, Partner, Text};
use crate::lang::{Lang, Strings};
use crate::reply::{Reply, ReplyBuilder, Status};
use crate::search::Target;

/// Answers a command from the dataset in `lang`, for a reader: text or a
/// Discord message. Never fails: a bad or unknown input is an answer too
/// (`no_match`, `not_a_partner`). The `--json` data is not built (see
/// [`execute_json`]).
pub fn execute(ds: &Dataset, cmd: &Command, lang: Lang) -> Reply {
    run(&Ctx::new(ds, cmd.kind(), lang, false), cmd)
}

/// The same answer with its structured data for `--json`
/// ([`Reply::data`] is set).
pub fn execute_json(ds: &Dataset, cmd: &Command, lang: Lang) -> Reply {
    run(&Ctx::new(ds, cmd.kind(), lang, true), cmd)
}

/// [`execute`] (or, with `json`, [`execute_json`]) with the pictures of
/// `/chart` drawn by `painter`: the answer cache passes one that draws each
/// picture once per dataset version and shares it between formats.
pub fn execute_with(ds: &Dataset, cmd: &Command, lang: Lang, json: bool, painter: &dyn Painter) -> Reply {
    let mut ctx = Ctx::new(ds, cmd.kind(), lang, json);
    ctx.painter = painter;
    run(&ctx, cmd)
}

fn run(ctx: &Ctx<'_>, cmd: &Command) -> Reply {
    match cmd {
        Command::Ask { question } => super::answer_question(ctx.ds, question, ctx.lang, ctx.data),
        Command::Agreement { country, page } => match resolve::partner(ctx, country) {
            Ok((p, note)) => agreement::agreement(ctx, p, note, *page),
            Err(r) => *r,
        },
        Command::Pledged { aid, group, page } => {
            let ds = ctx.ds;
            let group = match group.as_deref().map(|g| (g, crate::question::group_named(ds, g))) {
                None => None,
                Some((_, Some(g))) => Some(g),
                Some((typed, None)) => return pledged::no_group(ctx, typed),
            };
            // A named system ("ATACMS") answers with its kind of aid, the
            // partners whose pledge names it first.
            let system = crate::question::system_named(ds, aid);
            let typed = system.map_or(aid.as_str(), |s| s.aid.as_str());
            match resolve::aid(ctx, typed) {
                Ok((a, note)) => pledged::pledged(ctx, a, note, pledged::Filter { group, system }, *page),
                Err(r) => *r,
            }
        }
        Command::Search { query, page } => search::search(ctx, query, *page),
        Command::Compare { first, second, page } => compare::compare(ctx, first, second, *page),
        Command::Timeline { year, page } => timeline::timeline(ctx, *year, *page),
        Command::Stats { page } => stats::stats(ctx, *page),
        Command::About { page } => about::about(ctx, *page),
        Command::Help { page } => help::help(ctx, *page),
        Command::Money { group, year, page } => {
            let group = match group
                .as_deref()
                .map(|g| (g, crate::question::group_named(ctx.ds, g)))
            {
                None => None,
                Some((_, Some(g))) => Some(g),
                Some((typed, None)) => return pledged::no_group(ctx, typed),
            };
            money::money(ctx, group, *year, *page)
        }
        Command::Chart { kind, aid } => chart::chart(ctx, *kind, aid.as_deref()),
    }
}

/// The answer to a command line that could not be parsed, tagged with the
/// command the error names ([`CommandError::command`]; `unknown` when there
/// is none). Its data (the error text) is small and always set.
pub fn error_reply(ds: &Dataset, err: &CommandError, lang: Lang) -> Reply {
    let command = err.command().map_or("unknown", CommandKind::name);
    let s = lang.strings();
    let suggestions = match err {
        CommandError::UnknownCommand {
            suggestion: Some(s), ..
        } => vec![format!("/{s}")],
        _ => Vec::new(),
    };
    let text = (s.command_error)(err);
    ReplyBuilder::new(command, Status::Error, s.error_title)
        .lang(lang)
        .description(format!("{text}\n\n{}", (s.error_help)(&format::code("/help"))))
        .suggestions(suggestions)
        .data(views::ErrorView { error: &text })
        .build_one(&footer(s, ds))
}

/// What every command of one execution shares.
pub(super) struct Ctx<'a> {
    pub ds: &'a Dataset,
    /// The command being answered; replies are tagged with its name, also
    /// when `/search` answers with an agreement.
    pub kind: CommandKind,
    pub lang: Lang,
    /// The fixed strings of `lang`.
    pub s: &'static Strings,
    pub footer: String,
    /// Whether to build the `--json` data (only the JSON renderer reads it).
    pub data: bool,
    /// Draws `/chart`'s picture ([`Fresh`] unless the caller keeps pictures).
    pub painter: &'a dyn Painter,
}

impl<'a> Ctx<'a> {
    fn new(ds: &'a Dataset, kind: CommandKind, lang: Lang, data: bool) -> Self {
        let s = lang.strings();
        Ctx {
            ds,
            kind,
            lang,
            s,
            footer: footer(s, ds),
            data,
            painter: &Fresh,
        }
    }

    /// A data text in the reader's language.
    fn t<'t>(&self, t: &'t Text) -> &'t str {
        t.get(self.lang)
    }

    /// A partner's short name in the reader's language.
    fn name<'p>(&self, p: &'p Partner) -> &'p str {
        p.names.get(self.lang)
    }

    /// An aid type's name in the reader's language.
    fn aid_name<'p>(&self, a: &'p AidType) -> &'p str {
        match self.lang {
            Lang::En => &a.en,
            Lang::Uk => &a.uk,
        }
    }

    /// A search target's name in the reader's language.
    fn target_name(&self, t: Target) -> &'a str {
        let ds = self.ds;
        match t {
            Target::Partner(i) => ds.partners[usize::from(i)].names.get(self.lang),
            Target::Country(i) => ds.countries[usize::from(i)].names.get(self.lang),
            Target::Aid(i) => self.aid_name(&ds.aid_types[usize::from(i)]),
        }
    }

    /// An aid type's name by id, or the id where the taxonomy lacks it.
    fn aid_name_of<'p>(&self, id: &'p AidId) -> &'p str
    where
        'a: 'p,
    {
        self.ds.aid_type(id).map_or(id.as_str(), |t| self.aid_name(t))
    }

    /// A reply of this command in this language.
    fn reply(&self, status: Status, title: impl Into<String>) -> ReplyBuilder {
        ReplyBuilder::new(self.kind.name(), status, title)
            .lang(self.lang)
            .wants_data(self.data)
    }
}

fn footer(s: &Strings, ds: &Dataset) -> String {
    (s.footer)(&(s.date)(ds.meta.as_of), &ds.meta.version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::{CommandKind, COMMANDS};

    fn ds() -> Dataset {
        Dataset::embedded().expect("the shipped dataset loads")
    }

    fn commands() -> Vec<Command> {
        let mut out = Vec::new();
        for spec in COMMANDS {
            let line = match spec.kind {
                CommandKind::Ask => "/ask who pledged demining?",
                CommandKind::Agreement => "/agreement country:Slovakia",
                CommandKind::Pledged => "/pledged aid:demining",
                CommandKind::Search => "/search query:Japan drones",
                CommandKind::Compare => "/compare Germany vs France",
                CommandKind::Timeline => "/timeline page:2",
                CommandKind::Stats => "/stats",
                CommandKind::About => "/about",
                CommandKind::Help => "/help",
                CommandKind::Money => "/money group:nordic year:2024",
                CommandKind::Chart => "/chart kind:aid aid:drones",
            };
            out.push(crate::commands::parse(line).expect(line));
        }
        out.push(crate::commands::parse("/agreement country:pizza").unwrap());
        out
    }

    #[test]
    fn the_json_data_is_built_only_for_json() {
        let ds = ds();
        for cmd in commands() {
            for lang in Lang::ALL {
                let shown = execute(&ds, &cmd, lang);
                let mut json = execute_json(&ds, &cmd, lang);
                assert_eq!(shown.data, None, "{cmd:?}");
                assert!(matches!(json.data, Some(serde_json::Value::Object(_))), "{cmd:?}");
                assert_eq!(json.lang, lang);
                json.data = None;
                assert_eq!(shown, json, "the same answer apart from its data: {cmd:?}");
            }
        }
    }

    #[test]
    fn names_come_in_the_readers_language() {
        let ds = ds();
        let fr = ds.partners.iter().find(|p| p.id.as_str() == "FR").unwrap();
        let typo = crate::commands::parse("/agreement country:Frannce").unwrap();
        let r = execute(&ds, &typo, Lang::Uk);
        assert!(r.title.contains(&fr.names.uk), "{}", r.title);
        assert!(
            r.description.contains(&format::bold(&fr.names.uk)),
            "the match note names it in Ukrainian: {}",
            r.description
        );
        let r = execute(&ds, &typo, Lang::En);
        assert!(r.title.contains("France"), "{}", r.title);
        let ambiguous = crate::commands::parse("/agreement country:austr").unwrap();
        let r = execute(&ds, &ambiguous, Lang::Uk);
        assert!(
            r.suggestions.iter().all(|s| s.starts_with("Австр")),
            "{:?}",
            r.suggestions
        );
    }

    #[test]
    fn replies_carry_their_language() {
        let ds = ds();
        for cmd in commands() {
            assert_eq!(execute(&ds, &cmd, Lang::Uk).lang, Lang::Uk);
            assert_eq!(execute(&ds, &cmd, Lang::En).lang, Lang::En);
        }
        let err = crate::commands::parse("/nope").unwrap_err();
        assert_eq!(error_reply(&ds, &err, Lang::Uk).lang, Lang::Uk);
    }

    #[test]
    fn error_replies_are_tagged_with_the_command_of_the_table() {
        let ds = ds();
        for (line, want) in [
            ("/Pledged page:0", "pledged"),
            ("/угода", "agreement"),
            ("/nope", "unknown"),
            ("", "unknown"),
        ] {
            let err = crate::commands::parse(line).unwrap_err();
            assert_eq!(error_reply(&ds, &err, Lang::En).command, want, "{line}");
        }
    }

    /// Paints a one-pixel picture: for tests of a chart's text.
    struct Pixel;

    impl Painter for Pixel {
        fn paint(
            &self,
            _: &crate::chart::ChartSpec,
            data: &crate::chart::ChartData,
        ) -> Result<crate::reply::Image, crate::chart::ChartError> {
            let png = crate::reply::TINY_PNG.to_vec();
            Ok(crate::reply::Image::new("p.png", png, (1, 1), &data.alt))
        }
    }

    #[test]
    fn a_charts_title_is_its_pictures_title() {
        let ds = ds();
        for (line, spec) in [
            (
                "/chart kind:timeline",
                crate::chart::ChartSpec::of(crate::chart::ChartKind::Timeline),
            ),
            (
                "/chart kind:money",
                crate::chart::ChartSpec::of(crate::chart::ChartKind::Money),
            ),
            (
                "/chart kind:matrix",
                crate::chart::ChartSpec::of(crate::chart::ChartKind::Matrix),
            ),
            (
                "/chart kind:aid aid:drones",
                crate::chart::ChartSpec::aid(AidId("drones".into())),
            ),
        ] {
            let cmd = crate::commands::parse(line).expect(line);
            for lang in Lang::ALL {
                let r = execute_with(&ds, &cmd, lang, false, &Pixel);
                let data = crate::chart::chart_data(&ds, &spec, lang).expect(line);
                assert_eq!(r.status, Status::Ok, "{line}");
                assert_eq!(r.title, data.title, "{line} in {lang:?}");
            }
        }
    }
}
