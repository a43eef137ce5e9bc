//! English: every fixed string of the replies.

use super::{Sought, Strings};
use crate::chart::ChartKind;
use crate::dataset::{Evidence, MoneyKind, Qualifier};
use crate::figures::{Section, Span};
use crate::question::RecognisedKind;
use crate::search::MatchStage;

/// "1 commitment", "2 commitments".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn sought(s: Sought) -> &'static str {
    match s {
        Sought::Partner => "partner",
        Sought::Aid => "kind of aid",
        Sought::PartnerOrAid => "partner or kind of aid",
        Sought::Thing => "thing",
    }
}

fn sought_plural(s: Sought) -> &'static str {
    match s {
        Sought::Partner => "partners",
        Sought::Aid => "kinds of aid",
        Sought::PartnerOrAid => "partners or kinds of aid",
        Sought::Thing => "things",
    }
}

/// "The United Kingdom's", "The United States'", "Japan's": a partner's
/// name as the possessive that opens a sentence.
fn possessive(name: &str) -> String {
    let n = with_article(name);
    let mut out: String = n.chars().take(1).flat_map(char::to_uppercase).collect();
    out.extend(n.chars().skip(1));
    out.push_str(if n.ends_with('s') { "'" } else { "'s" });
    out
}

/// Names that read with an article: "the United Kingdom", "the Netherlands".
fn with_article(name: &str) -> String {
    let needs = [
        "United ",
        "European ",
        "Czech Republic",
        "Netherlands",
        "Holy See",
    ]
    .iter()
    .any(|p| name.starts_with(p));
    if needs {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// The English strings.
pub static STRINGS: Strings = Strings {
    footer: |as_of, version| format!("pactbot · data as of {as_of} · v{version}"),
    date: |d| d.to_string(),
    decimal_separator: '.',
    amount: |qualifier, currency, number| format!("{qualifier}{currency} {number}"),
    page_of: |n, count| format!("page {n} of {count}"),
    page_past_end: |asked, count| format!(
        "There is no page {asked}: this answer has {}.",
        plural(count, "page", "pages")
    ),
    continued: " (cont.)",
    previous_button: "◀ Previous",
    next_button: "Next ▶",
    next_page: "Next page:",
    previous_page: "Previous page:",
    sources: "Sources",
    source: "Source",
    source_link: "source",
    official_source: " · official",
    evidence: |e| match e {
        Evidence::AgreementText => "agreement text",
        Evidence::OfficialSummary => "official summary",
        Evidence::Press => "press report, not confirmed in the text",
    },

    evidence_at: |evidence, clause| format!("{evidence} · {clause}"),
    alongside_mark: "announced alongside, not in the agreement",
    already_given_mark: "already given, not a pledge",

    qualifier: |q| match q {
        Qualifier::Exactly => "",
        Qualifier::UpTo => "up to ",
        Qualifier::AtLeast => "at least ",
        Qualifier::About => "about ",
        Qualifier::MoreThan => "more than ",
    },
    money_kind: |k| match k {
        MoneyKind::Military => "military",
        MoneyKind::Financial => "financial",
        MoneyKind::Humanitarian => "humanitarian",
        MoneyKind::Reconstruction => "reconstruction",
        MoneyKind::Total => "overall",
    },
    billions: "bn",
    millions: "m",
    share_of_gdp: "% of GDP",

    error_title: "That command didn't work",
    error_help: |help| format!("Type {help} to see every command."),
    command_error: |e| e.to_string(),
    match_note: |stage, typed, name| {
        let how = match stage {
            MatchStage::Prefix => "starts like",
            MatchStage::Typo => "is close to",
            MatchStage::Abbreviation => "abbreviates",
        };
        format!("{typed} {how} {name}.")
    },
    no_match_title: "No match",
    ambiguous_title: "Which one did you mean?",
    ambiguous: |s, typed| format!("{typed} could be several {}. Which one did you mean?", sought_plural(s)),
    nothing_close: |typed| format!("Nothing in the dataset is close to {typed}. Try a country's name, its code (GB, DE, EU) or a kind of aid (air defence, drones)."),
    no_such: |s, typed| format!("No {} called {typed}. Did you mean one of these?", sought(s)),
    suggestions: "Suggestions",
    no_agreement_title: |flag, country| format!("{flag} {country} — no agreement"),
    no_agreement: |country, records, official, other, timeline| format!(
        "{country} has no bilateral security agreement with Ukraine in this dataset, which holds all {records} agreements (the {official} of the official count and {other} other); {timeline} lists them."
    ),
    what_is_known: "What is known",
    see_also: "See also",
    see_also_text: |timeline, search| format!("{timeline} lists every agreement; {search} takes any question."),
    quote: |t| format!("“{t}”"),

    year_not_used: |year| format!("The year {year} is not used: this answer covers every year."),
    understood_as: |line| format!("Understood as {line}"),
    pledges_not_deliveries: "The data holds what the agreements pledge, not deliveries.",
    not_understood_title: "Not understood",
    not_understood: |q| format!("pactbot did not understand {q}."),
    several_readings: |q| format!("{q} could mean several things. Which one did you mean?"),
    recognised: |list| format!("Recognised: {list}."),
    recognised_kind: |k| match k {
        RecognisedKind::Partner => "partner",
        RecognisedKind::Country => "country without an agreement",
        RecognisedKind::Aid => "kind of aid",
        RecognisedKind::Group => "group",
        RecognisedKind::System => "weapon system",
        RecognisedKind::Year => "year",
    },
    data_covers: |help| format!("The data covers what the security agreements pledge, not deliveries or statements outside them. Type {help} for every command."),
    choices: "Choices",
    what_pactbot_answers: "What pactbot answers",
    question_examples: &[
        "who pledged a kind of aid or a system: “which Nordic countries pledged F-16s?”, “хто дав ППО?”",
        "one partner's agreement: “what did Japan promise?”, “when did Germany sign?”",
        "one partner and one kind of aid: “did Japan pledge air defence?”",
        "two partners side by side: “compare UK and US”",
        "counts and dates: “how many agreements are there?”, “the latest one”",
    ],

    partner_choice: |name, uk, signed| format!("{name} ({uk}) · signed {signed}"),
    aid_choice: |name, uk, n| format!("{name} ({uk}) · {}", plural(n, "partner", "partners")),

    agreement_title: |flag, partner| format!("{flag} {partner} — security agreement"),
    count_position: |n, official| format!(" · no. {n} of {official} in the official count"),
    not_counted: "not in the official count",
    signed_in: |date, place| format!("Signed {date} in {place}"),
    for_partner: |partner| format!("For {}:", with_article(partner)),
    for_ukraine: "For Ukraine:",
    term: "Term:",
    status: "Status:",
    official_count: "Official count:",
    money: "Money",
    aid_areas: |n| format!("Aid areas ({n})"),
    notable: "Notable",
    open_questions: "Open questions",
    alongside_areas: |n| format!("Announced alongside, not in the agreement ({n})"),
    agreement_part_title: |flag, partner, part| format!("{flag} {partner} — {part}"),
    part_aid: "aid areas",
    part_notes: "notable points",
    part_sources: "sources",
    card_alongside: |n| format!("and {} announced alongside, not in the agreement", plural(n, "more area", "more areas")),
    card_money_alongside: "Announced alongside, not in the agreement:",

    pledged_title: |aid, aid_uk| format!("{aid} ({aid_uk}) — who pledged it"),
    pledged_count: |n, total| format!("{n} of {total} partners pledged it, in signing order."),
    press_only: |n| {
        if n == 1 {
            "1 of these rests on a press report only, marked below.".to_string()
        } else {
            format!("{n} of these rest on press reports only, marked below.")
        }
    },
    partners: "Partners",
    nobody_pledged: "No partner's agreement mentions this kind of aid.",
    alongside_section: "Announced alongside the agreements (not counted)",
    groups: "Groups",
    pledged_in_group: |n, members, group| format!(
        "{n} of the {members} partners in {group} pledged it in their agreements, in signing order."
    ),
    no_such_group: |q| format!("No partner group called {q}."),
    system_named: |system, makers, aid, naming, alongside| {
        let made = if makers.is_empty() {
            String::new()
        } else {
            let makers: Vec<String> = makers.iter().map(|m| with_article(m)).collect();
            format!(" (made in {})", makers.join(" and "))
        };
        let mut t = if naming == 0 {
            format!("No agreement in the dataset mentions the {system}{made}. Below: every {aid} pledge, none of which mentions it.")
        } else {
            format!(
                "{system}{made} is mentioned in {}: listed first, then the other {aid} pledges.",
                plural(naming, "pledge", "pledges")
            )
        };
        if alongside > 0 {
            t.push_str(&format!(
                " {} alongside the agreements {} it (listed apart).",
                plural(alongside, "announcement", "announcements"),
                if alongside == 1 { "mentions" } else { "mention" }
            ));
        }
        t
    },
    naming_system: |system| format!("Mentioning {system}"),
    other_pledges: |aid| format!("{aid} — other pledges"),
    alongside_note: |n| format!(
        "{} made alongside the agreements (signing-day packages, coalitions, separate memoranda) {} listed apart and not counted.",
        plural(n, "more announcement", "more announcements"),
        if n == 1 { "is" } else { "are" }
    ),

    search_title: |flag, partner, aid| format!("{flag} {partner} — {aid}"),
    from_agreement: |signed, place, agreement| format!("From the agreement signed {signed} in {place}. Full record: {agreement}"),
    not_mentioned: |partner, aid, agreement, pledged| format!(
        "{} agreement does not mention {} in this dataset. {agreement} shows what it covers; {pledged} shows who pledged it.",
        possessive(partner),
        aid.to_lowercase()
    ),

    only_alongside: |partner, aid| format!(
        "{} agreement does not include {}; it was announced alongside the agreement, not in it:",
        possessive(partner),
        aid.to_lowercase()
    ),

    system_in_agreement: |partner, system| format!(
        "{} agreement, as the dataset records it, mentions the {system} in these lines:",
        possessive(partner)
    ),
    system_only_alongside: |partner, system| format!(
        "{} agreement, as the dataset records it, does not mention the {system}; what was announced alongside it (not part of the agreement) does:",
        possessive(partner)
    ),
    system_not_in_record: |partner, system| format!(
        "The dataset does not say whether {} pledged the {system}: no line of its agreement, or of what was announced alongside it, mentions it. That is not the same as a no: the dataset holds the agreements, not every delivery or package.",
        with_article(partner)
    ),
    system_aid_pledged: |aid| format!("Its agreement does cover {aid}, without naming this system:"),
    system_aid_absent: |aid| format!("Its agreement does not mention {aid} either."),
    system_elsewhere: |pledged| format!("{pledged} lists every partner whose pledges mention it."),

    compare_title: |flag_a, a, flag_b, b| format!("{flag_a} {a} vs {flag_b} {b}"),
    compare_same: |p| format!("Both sides are {p}: there is nothing to compare."),
    compare_intro: |a, b| format!("{a} and {b}: when they signed, what money they committed, and the aid areas they share."),
    compare_side: |date, place, signatories, term| format!("Signed {date} in {place}\n{signatories}\nTerm: {term}"),
    money_of: |p| format!("Money · {p}"),
    no_amount: "No amount stated in the agreement or its summary.",
    press_report: "press report",
    both_pledged: |n| format!("Both pledged ({n})"),
    only: |p, n| format!("Only {p} ({n})"),
    details: |a, b| format!("details: {a}, {b}"),
    compare_alongside: "Announced alongside, not in the agreements",

    timeline_title: "Signings in order",
    timeline_intro: |n, first, last, note| format!("{n} agreements from {first} to {last}; the number is the running count. {note}"),
    timeline: "Timeline",
    timeline_in_year: |n, total, year, note| {
        let count = match n {
            0 => format!("None of the {total} agreements was signed in {year}."),
            1 => format!("1 of the {total} agreements was signed in {year}."),
            _ => format!("{n} of the {total} agreements were signed in {year}."),
        };
        format!("{count} Each number is the agreement's place in the running count. {note}")
    },

    stats_title: "The agreements in numbers",
    stats_intro: |counted, records, about| format!(
        "{counted} agreements in the official count, {records} records in all (see {about}).\nMoney sums add up the amounts the agreements or their official summaries state, per currency; periods and kinds differ, and one fund may be quoted in two currencies, so read them as an order of magnitude, not a total."
    ),
    stats_press_left_out: |n| format!(
        " {} announced alongside the agreements, known only from press reports or already given by the signing {} left out.",
        plural(n, "amount", "amounts"),
        if n == 1 { "is" } else { "are" }
    ),
    commitments: |n| plural(n, "commitment", "commitments"),
    signed_per_year: "Signed per year",
    money_by_currency: "Money by currency",
    most_pledged: "Most pledged",
    least_pledged: "Least pledged",

    about_title: "About pactbot",
    about_intro: "pactbot answers questions about Ukraine's bilateral long-term security agreements from a curated dataset with a source for every claim.",
    about_coverage: |label, records, note| format!("{label} {records} agreement records — {note}"),
    about_counts: |aid, countries| format!("Also {aid} kinds of aid, and {countries} countries without an agreement so that they are answered as such."),
    about_as_of: |label, date, version| format!("{label} {date} · dataset v{version}"),
    about_evidence: |label, text, summary, press| format!("{label} each pledge is marked {text}, {summary} or {press}; press reporting is never presented as treaty content."),
    coverage_label: "Coverage:",
    as_of_label: "As of:",
    evidence_label: "Evidence:",
    who_label: "Who:",
    help_title: "How to use pactbot",
    help_intro: "Ask about Ukraine's bilateral security agreements. Partners can be named in English, Ukrainian or their own language, by code (GB, DE, EU) or abbreviation; typos are fine. Kinds of aid can be named in plain words (air defence, F-16, ППО).",
    commands: "Commands",
    example: |e| format!("e.g. {e}"),

    money_title: "Money committed",
    money_intro: |source| format!(
        "What the partners committed, not what was delivered or paid out. Each amount is in its own currency and converted to euros at the ECB euro reference rate of the signing date ({source}). Amounts overlap (a military part inside an overall sum, one fund quoted in two currencies), so they are not added up."
    ),
    money_filters: |group, year, undated| {
        let mut out = Vec::new();
        if let Some(g) = group {
            out.push(format!("Partners: {g}."));
        }
        if let Some(y) = year {
            out.push(format!("Only commitments covering {y}."));
            if undated > 0 {
                out.push(format!(
                    "{} without stated years {} left out.",
                    plural(undated, "commitment", "commitments"),
                    if undated == 1 { "is" } else { "are" }
                ));
            }
        }
        out.join(" ")
    },
    money_section: |section, span| match (section, span) {
        (Section::Military, Span::OneYear) => "Military · one year",
        (Section::Military, Span::EachYear) => "Military · the same amount each year",
        (Section::Military, Span::SeveralYears) => "Military · several years",
        (Section::Military, Span::NotStated) => "Military · years not stated",
        (Section::Other, Span::OneYear) => "Other money · one year",
        (Section::Other, Span::EachYear) => "Other money · the same amount each year",
        (Section::Other, Span::SeveralYears) => "Other money · several years",
        (Section::Other, Span::NotStated) => "Other money · years not stated",
        (Section::ShareOfGdp, _) => "Shares of GDP (not converted)",
        (Section::Press, _) => "Known only from press reports",
        (Section::Alongside, _) => "Announced alongside, not in the agreements",
        (Section::AlreadyGiven, _) => "Already given by the signing, as the agreements record it (not commitments)",
    },
    eur_conversion: |eur, rate, currency, published| format!("≈ {eur} at the ECB rate of {published} ({rate} {currency} = 1 EUR)"),
    money_nothing: "No money commitment in the dataset matches.",

    picture: |file, w, h, kib| format!("🖼 Picture: {file}, {w} × {h} px, {kib} KiB (`pactbot ask --out FILE.png …` saves it)"),
    chart_about: |kind| match kind {
        ChartKind::Timeline => "Bars: how many agreements were signed in each month; line: the running count of the Ministry of Defence's official list (an agreement outside that list has a bar of its own colour but is not counted). A signed agreement is a commitment, not aid delivered.",
        ChartKind::Money => "The money each agreement commits, as bars by partner, military apart from other money, in euros at the ECB reference rate of the signing date. These are commitments, not deliveries; amounts cover different years and some overlap, so they are never added up. What was only announced alongside an agreement, and aid already given by the signing (not a commitment), is not drawn; an amount given each year is drawn as one year's amount and labelled so.",
        ChartKind::Matrix => "Partners in rows, kinds of aid in columns: a filled mark is a pledge in the agreement, its colour the strength of the evidence; a ring is one only announced alongside the agreement, not in it. Commitments, not deliveries.",
        ChartKind::Aid => "The partners whose agreement includes this kind of aid, grouped by the strength of the evidence (agreement text, official summary, press report), and apart those that only announced it alongside their agreement. Commitments, not deliveries.",
    },
    chart_as_text: "As text, with every source",
    chart_as_text_value: |command| format!("{command} gives the same figures as text, each with its source."),
    chart_as_text_matrix: |pledged, agreement| format!("Each column as text, with its sources: {pledged}; each row: {agreement}."),
    chart_needs_aid: |kind, example| format!("{kind} draws one kind of aid: name it, for example {example}."),
    chart_system_widened: |system, aid, pledged| format!("There is no chart of one system: this one shows every partner that pledged {}, whether or not its pledge names the {system}. Who names the {system}: {pledged}.", aid.to_lowercase()),
    chart_takes_no_aid: |kind, aid_kind| format!("{kind} draws every partner and takes no aid type; for one kind of aid use {aid_kind}."),
    chart_failed: |error, text| format!("The chart could not be drawn ({error}). The same figures as text: {text}."),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_read_as_english_writes_them() {
        assert_eq!(possessive("United States"), "The United States'");
        assert_eq!(possessive("United Kingdom"), "The United Kingdom's");
        assert_eq!(possessive("Japan"), "Japan's");
        assert_eq!(possessive("Netherlands"), "The Netherlands'");
    }

    #[test]
    fn plurals_agree_with_their_number() {
        assert_eq!((STRINGS.commitments)(1), "1 commitment");
        assert_eq!((STRINGS.commitments)(2), "2 commitments");
        assert_eq!(
            (STRINGS.aid_choice)("Drones", "Дрони", 1),
            "Drones (Дрони) · 1 partner"
        );
        assert!((STRINGS.press_only)(1).starts_with("1 of these rests "));
        assert!((STRINGS.press_only)(3).starts_with("3 of these rest "));
        assert_eq!(
            (STRINGS.page_past_end)(2, 1),
            "There is no page 2: this answer has 1 page."
        );
    }
}
