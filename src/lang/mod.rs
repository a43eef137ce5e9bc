//! The reader's language and every fixed string of the replies.
//!
//! Each language is one value of [`Strings`]: a key missing in one of them
//! is a compile error, not an English word in a Ukrainian reply. Plain
//! labels are `&'static str`; anything with a number or a name in it is a
//! small function, so each language can order words and choose plural forms
//! its own way (Ukrainian has three: 1 партнер, 2 партнери, 5 партнерів).
//! Markdown is not written here: the functions take pieces already marked
//! up by `commands::execute::format`.

pub mod chart;
mod en;
mod uk;
mod uk_errors;

pub use en::STRINGS as EN;
pub use uk::STRINGS as UK;

use std::fmt;

use serde::Serialize;

use crate::chart::ChartKind;
use crate::dataset::{Evidence, MoneyKind, Names, Qualifier, Text};
use crate::figures::{Section, Span};
use crate::search::MatchStage;

/// The language of a reply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Ukrainian.
    Uk,
}

/// A language code that is neither `en` nor `uk`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (use en or uk)")]
pub struct UnknownLang(pub String);

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Uk];

    /// `en` or `uk`, as `--lang` and the JSON's `"lang"` spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
        }
    }

    /// The language of a Discord client locale: `uk` is Ukrainian, anything
    /// else (`en-US`, `de`, none) English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.eq_ignore_ascii_case("uk") || locale.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("uk-"))
        {
            Lang::Uk
        } else {
            Lang::En
        }
    }

    /// The fixed strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Uk => &UK,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "uk" => Ok(Lang::Uk),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Text {
    /// The text in `lang`; Ukrainian falls back to the English where the
    /// translation is still missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Uk => self.uk_or_en(),
        }
    }
}

impl Names {
    /// The short name in `lang` ("United Kingdom", "Велика Британія").
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Uk => &self.uk,
        }
    }

    /// The short name in the other language, shown beside it.
    pub fn other(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.uk,
            Lang::Uk => &self.en,
        }
    }
}

/// What a "no match" reply says was looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sought {
    Partner,
    Aid,
    /// A partner or an aid type (`/search` found neither).
    PartnerOrAid,
    /// Anything (`/search` found several).
    Thing,
}

/// Every fixed string of the replies in one language. Arguments named
/// `*_md` are already Markdown (bold, code, links) and go in as they are.
pub struct Strings {
    // Every reply.
    /// The footer: data date and version.
    pub footer: fn(as_of: &str, version: &str) -> String,
    /// A date as this language writes it ("16 February 2024", "16 лютого 2024 р.").
    pub date: fn(chrono::NaiveDate) -> String,
    /// The decimal separator of numbers ("7.1", "7,1").
    pub decimal_separator: char,
    /// An amount: qualifier ("up to "), currency code and number ("7.1 bn").
    pub amount: fn(qualifier: &str, currency: &str, number: &str) -> String,
    /// Appended to the footer of a paginated reply.
    pub page_of: fn(number: usize, count: usize) -> String,
    /// A page past the end was asked for; the last page is shown.
    pub page_past_end: fn(asked: usize, count: usize) -> String,
    /// Appended to a section's name when it runs over into another field.
    pub continued: &'static str,
    pub previous_button: &'static str,
    pub next_button: &'static str,
    /// Text output: how to reach the next / previous page.
    pub next_page: &'static str,
    pub previous_page: &'static str,
    pub sources: &'static str,
    pub source: &'static str,
    /// The text of a link to a statement's first source.
    pub source_link: &'static str,
    /// After a source's title when a government or the EU published it.
    pub official_source: &'static str,
    pub evidence: fn(Evidence) -> &'static str,
    /// Joins the evidence level and the clause it cites ("agreement text · Art. 3 §2").
    pub evidence_at: fn(evidence: &str, clause: &str) -> String,
    /// Marks a line announced alongside the agreement, not in it.
    pub alongside_mark: &'static str,
    /// Marks an amount already given by the signing (not a pledge).
    pub already_given_mark: &'static str,

    // Money.
    pub qualifier: fn(Qualifier) -> &'static str,
    pub money_kind: fn(MoneyKind) -> &'static str,
    pub billions: &'static str,
    pub millions: &'static str,
    pub share_of_gdp: &'static str,

    // Errors and no match.
    pub error_title: &'static str,
    pub error_help: fn(help_md: &str) -> String,
    pub command_error: fn(&crate::commands::CommandError) -> String,
    pub match_note: fn(stage: MatchStage, typed_md: &str, name_md: &str) -> String,
    pub no_match_title: &'static str,
    pub ambiguous_title: &'static str,
    pub ambiguous: fn(Sought, typed_md: &str) -> String,
    pub nothing_close: fn(typed_md: &str) -> String,
    pub no_such: fn(Sought, typed_md: &str) -> String,
    pub suggestions: &'static str,
    pub no_agreement_title: fn(flag: &str, country: &str) -> String,
    pub no_agreement:
        fn(country: &str, records: usize, official: usize, other: usize, timeline_md: &str) -> String,
    pub what_is_known: &'static str,
    pub see_also: &'static str,
    pub see_also_text: fn(timeline_md: &str, search_md: &str) -> String,
    /// The user's words in this language's quotation marks (“…”, «…»).
    pub quote: fn(text_md: &str) -> String,

    // Questions (`/ask`, `/search` free text).
    /// "Understood as `/pledged aid:F-16`".
    pub understood_as: fn(line_md: &str) -> String,
    /// After [`Strings::understood_as`] when the question asks about
    /// deliveries: the data holds pledges.
    pub pledges_not_deliveries: &'static str,
    /// After [`Strings::understood_as`] when the question names a year the
    /// command cannot filter by.
    pub year_not_used: fn(year: i32) -> String,
    pub not_understood_title: &'static str,
    /// "pactbot did not understand “…”." (`quoted_md` from [`Strings::quote`]).
    pub not_understood: fn(quoted_md: &str) -> String,
    /// The question fits several commands; they follow as choices.
    pub several_readings: fn(quoted_md: &str) -> String,
    /// "Recognised: Japan (partner), 2025 (year)."
    pub recognised: fn(list: &str) -> String,
    /// What kind of thing a recognised name is, after it in brackets.
    pub recognised_kind: fn(crate::question::RecognisedKind) -> &'static str,
    /// What the data covers, and where every command is listed.
    pub data_covers: fn(help_md: &str) -> String,
    pub choices: &'static str,
    pub what_pactbot_answers: &'static str,
    /// One line per kind of question pactbot answers, with examples.
    pub question_examples: &'static [&'static str],

    // Autocomplete.
    /// "France (Франція) · signed 2024-02-16".
    pub partner_choice: fn(name: &str, name_uk: &str, signed: &str) -> String,
    /// "Drones (Дрони) · 12 partners".
    pub aid_choice: fn(name: &str, name_uk: &str, partners: usize) -> String,

    // /agreement.
    pub agreement_title: fn(flag: &str, partner: &str) -> String,
    pub count_position: fn(n: usize, official: u32) -> String,
    pub not_counted: &'static str,
    pub signed_in: fn(date_md: &str, place: &str) -> String,
    /// "For the United Kingdom:" (the partner's signatories).
    pub for_partner: fn(partner: &str) -> String,
    pub for_ukraine: &'static str,
    pub term: &'static str,
    pub status: &'static str,
    pub official_count: &'static str,
    pub money: &'static str,
    pub aid_areas: fn(n: usize) -> String,
    pub notable: &'static str,
    pub open_questions: &'static str,
    /// The section of what was announced alongside the agreement.
    pub alongside_areas: fn(n: usize) -> String,
    /// The title of a detail page of the card: "🇯🇵 Japan — aid areas".
    pub agreement_part_title: fn(flag: &str, partner: &str, part: &str) -> String,
    /// The detail pages after the card: aid lines, notable points and open
    /// questions, sources.
    pub part_aid: &'static str,
    pub part_notes: &'static str,
    pub part_sources: &'static str,
    /// The card's line after the aid area names: how many more were only
    /// announced alongside the agreement.
    pub card_alongside: fn(n: usize) -> String,
    /// The card's label over the money announced alongside the agreement.
    pub card_money_alongside: &'static str,

    // /pledged.
    pub pledged_title: fn(aid: &str, aid_uk: &str) -> String,
    pub pledged_count: fn(n_md: &str, total: usize) -> String,
    pub press_only: fn(n: usize) -> String,
    pub partners: &'static str,
    pub nobody_pledged: &'static str,
    /// The section title for pledges announced alongside the agreements.
    pub alongside_section: &'static str,
    /// The list of partner groups (`group:` named none of them).
    pub groups: &'static str,
    /// After the count: what the alongside section holds, not counted.
    pub alongside_note: fn(n: usize) -> String,
    /// The count within a group: "3 of the 5 partners in the Nordic
    /// countries pledged it …".
    pub pledged_in_group: fn(n_md: &str, members: usize, group: &str) -> String,
    /// `group:` named no known group (`quoted_md` from [`Strings::quote`]).
    pub no_such_group: fn(quoted_md: &str) -> String,
    /// Whether any agreement mentions a system (`system_md` in bold), who makes
    /// it, and how the list is ordered: `naming` pledges name it,
    /// `alongside` announcements alongside the agreements do. `aid` is the
    /// aid type's name as it reads inside a sentence.
    pub system_named:
        fn(system_md: &str, makers: &[&str], aid: &str, naming: usize, alongside: usize) -> String,
    /// The section of pledges that name the system: "Naming F-16".
    pub naming_system: fn(system: &str) -> String,
    /// The section of the aid type's other pledges: "Combat aircraft — other pledges".
    pub other_pledges: fn(aid: &str) -> String,

    // /search for a partner and an aid type.
    pub search_title: fn(flag: &str, partner: &str, aid: &str) -> String,
    pub from_agreement: fn(signed: &str, place: &str, agreement_md: &str) -> String,
    pub not_mentioned: fn(partner: &str, aid: &str, agreement_md: &str, pledged_md: &str) -> String,
    /// Not in the agreement, but announced alongside it (the line follows).
    pub only_alongside: fn(partner: &str, aid: &str) -> String,

    // /search for a partner and a named system ("did the US pledge ATACMS").
    /// Lines of the partner's agreement mention the system (they follow).
    pub system_in_agreement: fn(partner: &str, system_md: &str) -> String,
    /// Not in the agreement's lines, but in what was announced alongside it
    /// (the lines follow).
    pub system_only_alongside: fn(partner: &str, system_md: &str) -> String,
    /// No line of the partner's record mentions the system: the dataset
    /// does not say, which is not a no.
    pub system_not_in_record: fn(partner: &str, system_md: &str) -> String,
    /// The partner's pledges of the system's aid type, none naming it,
    /// follow (`aid` as it reads inside a sentence).
    pub system_aid_pledged: fn(aid: &str) -> String,
    /// The agreement does not mention the system's aid type either.
    pub system_aid_absent: fn(aid: &str) -> String,
    /// Where the partners whose pledges mention the system are listed.
    pub system_elsewhere: fn(pledged_md: &str) -> String,

    // /compare.
    pub compare_title: fn(flag_a: &str, a: &str, flag_b: &str, b: &str) -> String,
    pub compare_same: fn(partner: &str) -> String,
    pub compare_intro: fn(a: &str, b: &str) -> String,
    pub compare_side: fn(date_md: &str, place: &str, signatories: &str, term: &str) -> String,
    pub money_of: fn(partner: &str) -> String,
    pub no_amount: &'static str,
    /// Marks a money line known only from the press.
    pub press_report: &'static str,
    pub both_pledged: fn(n: usize) -> String,
    pub only: fn(partner: &str, n: usize) -> String,
    pub details: fn(first_md: &str, second_md: &str) -> String,
    /// The field of aid areas each side announced alongside its agreement.
    pub compare_alongside: &'static str,

    // /timeline.
    pub timeline_title: &'static str,
    pub timeline_intro: fn(n: usize, first: &str, last: &str, note: &str) -> String,
    pub timeline: &'static str,
    /// With `year:`: how many of all the agreements were signed that year
    /// (`n` may be 0), then what the number means and the official count.
    pub timeline_in_year: fn(n: usize, total: usize, year: u16, note: &str) -> String,

    // /stats.
    pub stats_title: &'static str,
    pub stats_intro: fn(counted_md: &str, records: usize, about_md: &str) -> String,
    pub stats_press_left_out: fn(n: usize) -> String,
    pub commitments: fn(n: usize) -> String,
    pub signed_per_year: &'static str,
    pub money_by_currency: &'static str,
    pub most_pledged: &'static str,
    pub least_pledged: &'static str,

    // /about and /help.
    pub about_title: &'static str,
    pub about_intro: &'static str,
    pub about_coverage: fn(coverage_md: &str, records: usize, note: &str) -> String,
    pub about_counts: fn(aid_types: usize, countries: usize) -> String,
    pub about_as_of: fn(as_of_md: &str, date: &str, version: &str) -> String,
    pub about_evidence: fn(label_md: &str, text_md: &str, summary_md: &str, press_md: &str) -> String,
    pub coverage_label: &'static str,
    pub as_of_label: &'static str,
    pub evidence_label: &'static str,
    pub who_label: &'static str,
    pub help_title: &'static str,
    pub help_intro: &'static str,
    pub commands: &'static str,
    pub example: fn(example_md: &str) -> String,

    // /money.
    pub money_title: &'static str,
    /// Says these are commitments, not deliveries, and how amounts are
    /// converted (`source_md` links the ECB rates).
    pub money_intro: fn(source_md: &str) -> String,
    /// The filters in force: a group's name and/or a year, and how many
    /// commitments a year filter left out for want of stated years.
    pub money_filters: fn(group: Option<&str>, year: Option<u16>, undated: usize) -> String,
    pub money_section: fn(Section, Span) -> &'static str,
    /// "≈ EUR 1.16 bn at the ECB rate of 2024-05-31 (11.65 NOK = 1 EUR)".
    pub eur_conversion: fn(eur: &str, rate: &str, currency: &str, published: &str) -> String,
    pub money_nothing: &'static str,

    // Pictures (/chart).
    /// Text output's line for a reply's picture: file name, size in pixels
    /// and KiB, and how to write it to a file.
    pub picture: fn(file: &str, width: u32, height: u32, kib: usize) -> String,
    /// What the picture shows, how to read it, and its caveats.
    pub chart_about: fn(ChartKind) -> &'static str,
    /// The field that names the text answer with every source.
    pub chart_as_text: &'static str,
    pub chart_as_text_value: fn(command_md: &str) -> String,
    /// The matrix's: a column is one `/pledged`, a row one `/agreement`.
    pub chart_as_text_matrix: fn(pledged_md: &str, agreement_md: &str) -> String,
    /// `kind:aid` without `aid:`.
    pub chart_needs_aid: fn(kind_md: &str, example_md: &str) -> String,
    /// `aid:` with a kind that draws every partner.
    pub chart_takes_no_aid: fn(kind_md: &str, aid_kind_md: &str) -> String,
    /// `kind:aid` with a system named ("F-16"): the picture is of its whole
    /// kind of aid, and `/pledged` lists who names the system.
    pub chart_system_widened: fn(system: &str, aid_name: &str, pledged_md: &str) -> String,
    /// The chart could not be drawn.
    pub chart_failed: fn(error: &str, text_md: &str) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_and_print() {
        for l in Lang::ALL {
            assert_eq!(l.as_str().parse::<Lang>(), Ok(l));
            assert_eq!(l.to_string(), l.as_str());
        }
        assert_eq!(" UK ".parse::<Lang>(), Ok(Lang::Uk));
        assert!("ru".parse::<Lang>().is_err());
        assert_eq!(serde_json::to_string(&Lang::Uk).unwrap(), "\"uk\"");
    }

    #[test]
    fn only_a_ukrainian_locale_gives_ukrainian() {
        assert_eq!(Lang::from_locale("uk"), Lang::Uk);
        assert_eq!(Lang::from_locale("uk-UA"), Lang::Uk);
        for other in ["en-US", "en-GB", "de", "ru", "", "ukr", "u"] {
            assert_eq!(Lang::from_locale(other), Lang::En, "{other}");
        }
    }
}
