//! Every fixed string of the charts (`crate::chart`), one value per
//! language like [`super::Strings`]: a key missing in one language is a
//! compile error, not an English word on a Ukrainian chart.
//!
//! Charts are read on a phone, so the strings are short; anything with a
//! number in it is a function, so Ukrainian picks its plural form.

use chrono::{Datelike, NaiveDate};

use super::uk::{plural_form, MONTHS_GENITIVE as UK_MONTHS_GENITIVE};
use super::Lang;
use crate::dataset::Evidence;

/// The fixed strings of the charts in one language.
pub struct ChartStrings {
    // Every chart.
    /// Months as an axis writes them ("Jan", "січ").
    pub month_short: [&'static str; 12],
    /// "January 2024", "січень 2024".
    pub month_year: fn(NaiveDate) -> String,
    /// "from January 2024 to January 2025" inside a sentence.
    pub month_range: fn(first: NaiveDate, last: NaiveDate) -> String,
    pub decimal_separator: char,
    pub billions: &'static str,
    pub millions: &'static str,
    /// The footer: where the data comes from and how fresh it is.
    pub footer: fn(as_of: &str, version: &str) -> String,
    /// A pledge's evidence, as a legend writes it.
    pub evidence: fn(Evidence) -> &'static str,
    /// Announced with the signing but not in the agreement.
    pub alongside: &'static str,

    // timeline.
    pub timeline_title: &'static str,
    /// What the bars and the line are, and the counting rule.
    pub timeline_subtitle: fn(official: usize, states: usize, eu: bool) -> String,
    /// Who signed but is outside the official count ("Croatia (October 2024)").
    pub timeline_not_counted: fn(names: &[String]) -> String,
    pub timeline_bar: &'static str,
    pub timeline_bar_not_counted: &'static str,
    pub timeline_line: &'static str,
    pub timeline_axis: &'static str,
    pub timeline_alt: fn(records: usize, range: &str, official: usize) -> String,

    // money.
    pub money_title: &'static str,
    pub money_subtitle: &'static str,
    pub money_military: &'static str,
    pub money_other: &'static str,
    /// The scale: euros at the ECB reference rate of the signing date.
    pub money_axis: &'static str,
    /// The years of an amount given each year ("each year, 2024–2028");
    /// `years` may be empty (no end year stated).
    pub money_each_year: fn(years: &str) -> String,
    /// An amount in euros in a note ("> EUR 4 bn", "> 4 млрд євро").
    pub money_eur: fn(qualifier: &str, number: &str) -> String,
    /// What is not drawn: amounts announced alongside, shares of GDP, and
    /// aid already given by the signing (each "Poland > EUR 4 bn").
    pub money_left_out: fn(alongside: usize, shares: &[String], given: &[String]) -> String,
    pub money_alt: fn(bars: usize, partners: usize) -> String,

    // matrix.
    pub matrix_title: &'static str,
    pub matrix_subtitle: &'static str,
    pub matrix_alt: fn(partners: usize, aid_types: usize) -> String,

    // aid.
    pub aid_title: fn(aid: &str) -> String,
    pub aid_subtitle: fn(agreements: usize, records: usize) -> String,
    /// A group's heading with its size.
    pub aid_group: fn(label: &str, n: usize) -> String,
    pub aid_alt: fn(aid: &str, agreements: usize, alongside: usize) -> String,
}

impl Lang {
    /// The fixed strings of the charts in this language.
    pub fn chart_strings(self) -> &'static ChartStrings {
        match self {
            Lang::En => &EN,
            Lang::Uk => &UK,
        }
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month names as a Ukrainian writes a month on its own ("січень 2024").
const UK_MONTHS: [&str; 12] = [
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
];

fn en_month_year(d: NaiveDate) -> String {
    format!("{} {}", EN_MONTHS[d.month0() as usize], d.year())
}

fn uk_month_year(d: NaiveDate) -> String {
    format!("{} {} р.", UK_MONTHS[d.month0() as usize], d.year())
}

fn uk_genitive(d: NaiveDate) -> String {
    format!("{} {} р.", UK_MONTHS_GENITIVE[d.month0() as usize], d.year())
}

/// "a, b and c".
fn and_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// The English chart strings.
pub static EN: ChartStrings = ChartStrings {
    month_short: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    month_year: en_month_year,
    month_range: |a, b| format!("from {} to {}", en_month_year(a), en_month_year(b)),
    decimal_separator: '.',
    billions: "bn",
    millions: "m",
    footer: |as_of, version| format!("pactbot · data as of {as_of} (v{version})"),
    evidence: |e| match e {
        Evidence::AgreementText => "Agreement text",
        Evidence::OfficialSummary => "Official summary",
        Evidence::Press => "Press reports only",
    },
    alongside: "Announced alongside, not in the agreement",

    timeline_title: "Security agreements signed per month",
    timeline_subtitle: |official, states, eu| {
        let who = if eu {
            format!("{states} states and the EU")
        } else {
            format!("{states} states")
        };
        format!("Line: the official count, {official} ({who}), as Ukraine's Ministry of Defence counts them.")
    },
    timeline_not_counted: |names| {
        format!("Also signed, outside that count: {}.", and_list(names, "and"))
    },
    timeline_bar: "Signed that month",
    timeline_bar_not_counted: "Signed, not in the official count",
    timeline_line: "Official count so far",
    timeline_axis: "Agreements",
    timeline_alt: |records, range, official| {
        format!("Chart of the {records} security agreements signed with Ukraine per month {range}, with the official count reaching {official}.")
    },

    money_title: "Money committed in the agreements",
    money_subtitle: "Commitments, not deliveries. In euros, converted at the ECB reference rate of the signing date. Never added up: some amounts overlap.",
    money_military: "Military",
    money_other: "Other money: financial, humanitarian, reconstruction, overall",
    money_axis: "EUR",
    money_each_year: |years| {
        if years.is_empty() {
            "each year".to_string()
        } else {
            format!("each year, {years}")
        }
    },
    money_eur: |q, n| format!("{q}EUR {n}"),
    money_left_out: |alongside, shares, given| {
        let mut out = Vec::new();
        if alongside > 0 {
            let s = if alongside == 1 { "" } else { "s" };
            out.push(format!("{alongside} amount{s} announced alongside the agreements"));
        }
        if !shares.is_empty() {
            out.push(format!("shares of GDP ({})", shares.join(", ")));
        }
        if !given.is_empty() {
            let what = if given.len() == 1 { "not a commitment" } else { "not commitments" };
            out.push(format!(
                "aid already given by the signing, as the agreements record it, {what} ({})",
                given.join(", ")
            ));
        }
        if out.is_empty() {
            String::new()
        } else {
            format!("Not drawn: {}. All in /money.", out.join("; "))
        }
    },
    money_alt: |bars, partners| {
        format!("Bar chart of {bars} money commitments of {partners} partners in their security agreements with Ukraine, in euros, military apart from other money.")
    },

    matrix_title: "Which partner pledged which aid",
    matrix_subtitle: "Filled: in the agreement, by evidence. Ring: announced alongside, not in the agreement.",
    matrix_alt: |partners, aid_types| {
        format!("Grid of {partners} partners by {aid_types} kinds of aid, marking which aid each agreement includes, how strong the evidence is, and what was only announced alongside.")
    },

    aid_title: |aid| format!("{aid}: who pledged it"),
    aid_subtitle: |n, records| match n {
        0 => format!("None of the {records} agreements includes it."),
        1 => format!("1 of the {records} agreements includes it, grouped by how strong the evidence is."),
        n => format!("{n} of the {records} agreements include it, grouped by how strong the evidence is."),
    },
    aid_group: |label, n| format!("{label} · {n}"),
    aid_alt: |aid, n, alongside| {
        let partners = if n == 1 { "partner" } else { "partners" };
        // Counted as announcements, not partners: a partner may have both
        // an agreement pledge and an announcement alongside (Norway's air
        // defence), so "N more" partners would overcount.
        let more = match alongside {
            0 => String::new(),
            1 => ", and apart, 1 announcement made alongside the agreements".to_string(),
            n => format!(", and apart, {n} announcements made alongside the agreements"),
        };
        format!("Chart of who pledged {aid} in their security agreements with Ukraine: {n} {partners} by evidence{more}.")
    },
};

/// The Ukrainian chart strings.
pub static UK: ChartStrings = ChartStrings {
    month_short: [
        "січ", "лют", "бер", "квіт", "трав", "черв", "лип", "серп", "вер", "жовт", "лист", "груд",
    ],
    month_year: uk_month_year,
    month_range: |a, b| format!("з {} до {}", uk_genitive(a), uk_genitive(b)),
    decimal_separator: ',',
    billions: "млрд",
    millions: "млн",
    footer: |as_of, version| format!("pactbot · дані станом на {as_of} (v{version})"),
    evidence: |e| match e {
        Evidence::AgreementText => "Текст угоди",
        Evidence::OfficialSummary => "Офіційний виклад",
        Evidence::Press => "Лише повідомлення преси",
    },
    alongside: "Оголошено під час підписання, не в угоді",

    timeline_title: "Безпекові угоди, підписані щомісяця",
    timeline_subtitle: |official, states, eu| {
        let who = if eu {
            format!("{states} {} і ЄС", plural_form(states, "держава", "держави", "держав"))
        } else {
            format!("{states} {}", plural_form(states, "держава", "держави", "держав"))
        };
        format!("Лінія: офіційний перелік Міністерства оборони України, {official} ({who}).")
    },
    timeline_not_counted: |names| format!("Також підписано, поза цим переліком: {}.", and_list(names, "і")),
    timeline_bar: "Підписано за місяць",
    timeline_bar_not_counted: "Підписано, поза офіційним переліком",
    timeline_line: "Офіційний перелік наростаючим підсумком",
    timeline_axis: "Угоди",
    timeline_alt: |records, range, official| {
        format!(
            "Діаграма: {records} {} з Україною за місяцями {range}; в офіційному переліку — {official}.",
            plural_form(records, "безпекова угода", "безпекові угоди", "безпекових угод")
        )
    },

    money_title: "Гроші, обіцяні в угодах",
    money_subtitle: "Зобов’язання, а не поставки. У євро за довідковим курсом ЄЦБ на дату підписання. Суми не додано: деякі перетинаються.",
    money_military: "Військова допомога",
    money_other: "Інші кошти: фінансові, гуманітарні, на відбудову, загальні",
    money_axis: "EUR",
    money_each_year: |years| {
        if years.is_empty() {
            "щороку".to_string()
        } else {
            format!("щороку, {years}")
        }
    },
    money_eur: |q, n| format!("{q}{n} євро"),
    money_left_out: |alongside, shares, given| {
        let mut out = Vec::new();
        if alongside > 0 {
            out.push(format!(
                "{alongside} {}, {} під час підписання",
                plural_form(alongside, "сума", "суми", "сум"),
                plural_form(alongside, "оголошена", "оголошені", "оголошених")
            ));
        }
        if !shares.is_empty() {
            out.push(format!("частки ВВП ({})", shares.join(", ")));
        }
        if !given.is_empty() {
            out.push(format!(
                "допомогу, уже надану до підписання, як це зафіксовано в угодах,\u{a0}— не зобов’язання ({})",
                given.join(", ")
            ));
        }
        if out.is_empty() {
            String::new()
        } else {
            format!("Не показано: {}. Усе\u{a0}— у /money.", out.join("; "))
        }
    },
    money_alt: |bars, partners| {
        format!(
            "Діаграма: {bars} {} {partners} {} у безпекових угодах з Україною, у євро, військова допомога окремо від інших коштів.",
            plural_form(bars, "грошове зобов’язання", "грошові зобов’язання", "грошових зобов’язань"),
            plural_form(partners, "партнера", "партнерів", "партнерів")
        )
    },

    matrix_title: "Хто з партнерів що пообіцяв",
    matrix_subtitle: "Заповнено: є в угоді, за силою доказів. Кільце: оголошено під час підписання, не в угоді.",
    matrix_alt: |partners, aid_types| {
        format!(
            "Таблиця: {partners} {} і {aid_types} {} допомоги — що містить кожна угода, наскільки це підтверджено і що лише оголошено під час підписання.",
            plural_form(partners, "партнер", "партнери", "партнерів"),
            plural_form(aid_types, "вид", "види", "видів")
        )
    },

    aid_title: |aid| format!("{aid}: хто пообіцяв"),
    aid_subtitle: |n, records| match n {
        0 => format!("Жодна з {records} угод цього не містить."),
        n => format!(
            "Це {} {n} з {records} угод; згруповано за силою доказів.",
            plural_form(n, "містить", "містять", "містять")
        ),
    },
    aid_group: |label, n| format!("{label} · {n}"),
    aid_alt: |aid, n, alongside| {
        // Оголошення, а не партнери: той самий партнер може мати і
        // зобов’язання в угоді, і оголошення під час підписання.
        let more = if alongside > 0 {
            format!("; окремо — оголошення під час підписання: {alongside}")
        } else {
            String::new()
        };
        format!(
            "Діаграма: напрям «{aid}» у безпекових угодах з Україною — {n} {} за силою доказів{more}.",
            plural_form(n, "партнер", "партнери", "партнерів")
        )
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).expect("a date")
    }

    #[test]
    fn ukrainian_counts_take_their_plural_forms() {
        assert_eq!(
            (UK.timeline_subtitle)(28, 27, true),
            "Лінія: офіційний перелік Міністерства оборони України, 28 (27 держав і ЄС)."
        );
        assert!((UK.timeline_subtitle)(22, 21, false).contains("(21 держава)"));
        assert!((UK.timeline_subtitle)(23, 22, true).contains("(22 держави і ЄС)"));
        assert!((UK.money_left_out)(1, &[], &[]).contains("1 сума, оголошена"));
        assert!((UK.money_left_out)(3, &[], &[]).contains("3 суми, оголошені"));
        assert!((UK.money_left_out)(8, &[], &[]).contains("8 сум, оголошених"));
        assert_eq!((UK.money_left_out)(0, &[], &[]), "");
        assert!((UK.aid_subtitle)(21, 29).starts_with("Це містить 21 з 29 угод"));
        assert!((UK.aid_subtitle)(10, 29).starts_with("Це містять 10 з 29 угод"));
        assert_eq!((UK.aid_subtitle)(0, 29), "Жодна з 29 угод цього не містить.");
        assert!((UK.aid_alt)("дрони", 1, 0).contains("— 1 партнер за силою доказів."));
        assert!((UK.aid_alt)("дрони", 3, 2)
            .contains("3 партнери за силою доказів; окремо — оголошення під час підписання: 2."));
        assert!((UK.matrix_alt)(29, 22).contains("29 партнерів і 22 види допомоги"));
        assert!((UK.money_alt)(1, 1).contains("1 грошове зобов’язання 1 партнера"));
        assert!((UK.timeline_alt)(21, "", 20).contains("21 безпекова угода"));
    }

    #[test]
    fn english_counts_agree_in_number() {
        assert!((EN.aid_subtitle)(1, 29).starts_with("1 of the 29 agreements includes it"));
        assert!((EN.aid_subtitle)(2, 29).starts_with("2 of the 29 agreements include it"));
        assert_eq!((EN.aid_subtitle)(0, 29), "None of the 29 agreements includes it.");
        assert!((EN.aid_alt)("drones", 1, 0).ends_with(": 1 partner by evidence."));
        assert!((EN.aid_alt)("drones", 6, 1)
            .ends_with("6 partners by evidence, and apart, 1 announcement made alongside the agreements."));
        assert!((EN.aid_alt)("air defence", 10, 3)
            .ends_with("and apart, 3 announcements made alongside the agreements."));
        assert!((EN.money_left_out)(1, &[], &[]).contains("1 amount announced"));
        let given = ["Croatia ≈ EUR 300 m".to_string()];
        assert_eq!(
            (EN.money_left_out)(0, &[], &given),
            "Not drawn: aid already given by the signing, as the agreements record it, not a commitment (Croatia ≈ EUR 300 m). All in /money."
        );
        assert_eq!((EN.money_each_year)(""), "each year");
        assert_eq!((UK.money_each_year)("2024–2028"), "щороку, 2024–2028");
    }

    #[test]
    fn months_read_as_each_language_writes_them() {
        assert_eq!(
            (EN.month_range)(d(2024, 1), d(2025, 1)),
            "from January 2024 to January 2025"
        );
        assert_eq!(
            (UK.month_range)(d(2024, 1), d(2025, 1)),
            "з січня 2024 р. до січня 2025 р."
        );
        assert_eq!((UK.month_year)(d(2024, 10)), "жовтень 2024 р.");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()], "і"), "a, b і c");
    }
}
