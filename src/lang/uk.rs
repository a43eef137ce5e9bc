//! Ukrainian: every fixed string of the replies.
//!
//! Written for a Ukrainian reader, not translated word for word: the terms
//! are those of the President's Office and the Ministry of Defence
//! ("безпекова угода", "Угода про співробітництво у сфері безпеки",
//! "протиповітряна оборона"), dates read "16 лютого 2024 р.", numbers use a
//! decimal comma ("7,1 млрд EUR"), and every count takes its plural form
//! from [`plural`] (1 партнер, 2 партнери, 5 партнерів, 21 партнер).

use chrono::{Datelike, NaiveDate};

use super::{Sought, Strings};
use crate::chart::ChartKind;
use crate::dataset::{Evidence, MoneyKind, Qualifier};
use crate::figures::{Section, Span};
use crate::question::RecognisedKind;
use crate::search::MatchStage;

/// Which of Ukrainian's three plural forms a number takes: `one` for 1, 21,
/// 31 … (not 11), `few` for 2–4, 22–24 … (not 12–14), `many` for the rest.
pub(crate) fn plural_form<'a>(n: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (d, h) = (n % 10, n % 100);
    if d == 1 && h != 11 {
        one
    } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
        few
    } else {
        many
    }
}

/// "1 партнер", "3 партнери", "11 партнерів".
fn plural(n: usize, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural_form(n, one, few, many))
}

/// Months in the genitive, as a date is written: "16 лютого" (and the
/// charts' "з січня 2024 р.").
pub(crate) const MONTHS_GENITIVE: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

/// "16 лютого 2024 р.", as Ukrainian official texts write a date.
fn date(d: NaiveDate) -> String {
    format!(
        "{} {} {} р.",
        d.day(),
        MONTHS_GENITIVE[d.month0() as usize],
        d.year()
    )
}

fn sought(s: Sought) -> &'static str {
    match s {
        Sought::Partner => "партнера",
        Sought::Aid => "виду допомоги",
        Sought::PartnerOrAid => "партнера чи виду допомоги",
        Sought::Thing => "нічого",
    }
}

fn sought_plural(s: Sought) -> &'static str {
    match s {
        Sought::Partner => "кількох партнерів",
        Sought::Aid => "кілька видів допомоги",
        Sought::PartnerOrAid => "кількох партнерів чи видів допомоги",
        Sought::Thing => "кілька різних речей",
    }
}

/// The Ukrainian strings.
pub static STRINGS: Strings = Strings {
    footer: |as_of, version| format!("pactbot · дані станом на {as_of} · v{version}"),
    date,
    decimal_separator: ',',
    amount: |qualifier, currency, number| format!("{qualifier}{number} {currency}"),
    page_of: |n, count| format!("сторінка {n} з {count}"),
    page_past_end: |asked, count| format!(
        "Сторінки {asked} немає: у цій відповіді {}.",
        plural(count, "сторінка", "сторінки", "сторінок")
    ),
    continued: " (продовження)",
    previous_button: "◀ Назад",
    next_button: "Далі ▶",
    next_page: "Наступна сторінка:",
    previous_page: "Попередня сторінка:",
    sources: "Джерела",
    source: "Джерело",
    source_link: "джерело",
    official_source: " · офіційне",
    evidence: |e| match e {
        Evidence::AgreementText => "текст угоди",
        Evidence::OfficialSummary => "офіційний виклад",
        Evidence::Press => "повідомлення преси, у тексті не підтверджено",
    },

    evidence_at: |evidence, clause| format!("{evidence} · {clause}"),
    alongside_mark: "оголошено під час підписання, до угоди не входить",
    already_given_mark: "уже надано, не зобов’язання",

    qualifier: |q| match q {
        Qualifier::Exactly => "",
        Qualifier::UpTo => "до ",
        Qualifier::AtLeast => "щонайменше ",
        Qualifier::About => "близько ",
        Qualifier::MoreThan => "понад ",
    },
    money_kind: |k| match k {
        MoneyKind::Military => "військова допомога",
        MoneyKind::Financial => "фінансова підтримка",
        MoneyKind::Humanitarian => "гуманітарна допомога",
        MoneyKind::Reconstruction => "на відбудову",
        MoneyKind::Total => "загальна сума",
    },
    billions: "млрд",
    millions: "млн",
    share_of_gdp: "% ВВП",

    error_title: "Команда не спрацювала",
    error_help: |help| format!("Наберіть {help}, щоб побачити всі команди."),
    command_error: super::uk_errors::command_error,
    match_note: |stage, typed, name| {
        let how = match stage {
            MatchStage::Prefix => "— початок назви",
            MatchStage::Typo => "схоже на",
            MatchStage::Abbreviation => "— скорочення від",
        };
        format!("{typed} {how} {name}.")
    },
    no_match_title: "Нічого не знайдено",
    ambiguous_title: "Що саме ви мали на увазі?",
    ambiguous: |s, typed| format!("{typed} може означати {}. Що саме ви мали на увазі?", sought_plural(s)),
    nothing_close: |typed| format!("У даних немає нічого схожого на {typed}. Спробуйте назву країни, її код (GB, DE, EU) або вид допомоги (ППО, дрони)."),
    no_such: |s, typed| format!("Не знайдено {} з назвою {typed}. Можливо, ви мали на увазі одне з цього?", sought(s)),
    suggestions: "Можливі варіанти",
    no_agreement_title: |flag, country| format!("{flag} {country} — угоди немає"),
    no_agreement: |country, records, official, other, timeline| format!(
        "{country}: двосторонньої безпекової угоди з Україною в цих даних немає. Дані охоплюють усі {records} {} ({official} в офіційному переліку та {other} поза ним); їх перелічує {timeline}.",
        plural_form(records, "угоду", "угоди", "угод")
    ),
    what_is_known: "Що відомо",
    see_also: "Див. також",
    see_also_text: |timeline, search| format!("{timeline} перелічує всі угоди; {search} відповідає на будь-яке запитання."),
    quote: |t| format!("«{t}»"),

    year_not_used: |year| format!("{year} рік не враховано: відповідь охоплює всі роки."),
    understood_as: |line| format!("Зрозуміло як {line}"),
    pledges_not_deliveries: "Дані містять зобов’язання з угод, а не поставки.",
    not_understood_title: "Не зрозуміло",
    not_understood: |q| format!("pactbot не зрозумів запит {q}."),
    several_readings: |q| format!("{q} можна зрозуміти по-різному. Що саме ви мали на увазі?"),
    recognised: |list| format!("Розпізнано: {list}."),
    recognised_kind: |k| match k {
        RecognisedKind::Partner => "партнер",
        RecognisedKind::Country => "країна без угоди",
        RecognisedKind::Aid => "вид допомоги",
        RecognisedKind::Group => "група",
        RecognisedKind::System => "система озброєння",
        RecognisedKind::Year => "рік",
    },
    data_covers: |help| format!("Дані охоплюють зобов’язання з безпекових угод, а не поставки чи заяви поза ними. Наберіть {help}, щоб побачити всі команди."),
    choices: "Варіанти",
    what_pactbot_answers: "На що відповідає pactbot",
    question_examples: &[
        "хто пообіцяв вид допомоги чи систему: «хто дав ППО?», «які скандинавські країни дали F-16?»",
        "угода одного партнера: «що обіцяла Японія?», «коли Німеччина підписала угоду?»",
        "партнер і вид допомоги: «чи дала Японія ППО?»",
        "два партнери поруч: «порівняй Британію і США»",
        "кількість і дати: «скільки угод підписано?», «остання угода»",
    ],

    partner_choice: |name, en, signed| format!("{name} ({en}) · підписано {signed}"),
    aid_choice: |name, en, n| format!("{name} ({en}) · {}", plural(n, "партнер", "партнери", "партнерів")),

    agreement_title: |flag, partner| format!("{flag} {partner} — безпекова угода"),
    count_position: |n, official| format!(" · № {n} з {official} в офіційному переліку"),
    not_counted: "поза офіційним переліком",
    signed_in: |date, place| format!("Підписано {date}, {place}"),
    for_partner: |partner| format!("{partner}:"),
    for_ukraine: "Україна:",
    term: "Строк дії:",
    status: "Правовий статус:",
    official_count: "Офіційний перелік:",
    money: "Кошти",
    aid_areas: |n| format!("Напрями допомоги ({n})"),
    notable: "Варто знати",
    open_questions: "Відкриті питання",
    alongside_areas: |n| format!("Оголошено під час підписання, до угоди не входить ({n})"),
    agreement_part_title: |flag, partner, part| format!("{flag} {partner} — {part}"),
    part_aid: "напрями допомоги",
    part_notes: "варто знати",
    part_sources: "джерела",
    card_alongside: |n| format!("і ще {} оголошено під час підписання, до угоди не входить", plural(n, "напрям", "напрями", "напрямів")),
    card_money_alongside: "Оголошено під час підписання, до угоди не входить:",

    pledged_title: |aid, aid_en| format!("{aid} ({aid_en}) — хто це пообіцяв"),
    pledged_count: |n, total| format!(
        "Це є в угодах {n} з {total} {} (за датою підписання).",
        plural_form(total, "партнера", "партнерів", "партнерів")
    ),
    press_only: |n| format!(
        "{} з них {} лише на повідомленнях преси — позначено нижче.",
        n,
        plural_form(n, "ґрунтується", "ґрунтуються", "ґрунтуються")
    ),
    partners: "Партнери",
    nobody_pledged: "Жодна угода цього виду допомоги не згадує.",
    alongside_section: "Оголошено під час підписання угод (не враховано)",
    groups: "Групи",
    pledged_in_group: |n, members, group| format!(
        "{n} з {members} партнерів групи «{group}» мають це в угодах, за датою підписання."
    ),
    no_such_group: |q| format!("Групи партнерів {q} немає."),
    system_named: |system, makers, aid, naming, alongside| {
        let made = if makers.is_empty() {
            String::new()
        } else {
            let who = plural_form(makers.len(), "виробник", "виробники", "виробники");
            format!(" ({who}: {})", makers.join(", "))
        };
        let mut t = if naming == 0 {
            format!("Жодна угода в даних не згадує {system}{made}. Нижче — усі зобов’язання щодо напряму «{aid}», жодне з яких його не згадує.")
        } else {
            format!(
                "{system}{made} згадано в {}: спершу вони, далі — інші зобов’язання щодо напряму «{aid}».",
                plural(naming, "зобов’язанні", "зобов’язаннях", "зобов’язаннях")
            )
        };
        if alongside > 0 {
            t.push_str(&format!(
                " Ще {} поза угодами {} його (наведено окремо).",
                plural(alongside, "оголошення", "оголошення", "оголошень"),
                plural_form(alongside, "згадує", "згадують", "згадують")
            ));
        }
        t
    },
    naming_system: |system| format!("Згадують {system}"),
    other_pledges: |aid| format!("{aid} — інші зобов’язання"),
    alongside_note: |n| format!(
        "Ще {} під час підписання (пакети допомоги того ж дня, коаліції, окремі меморандуми) наведено окремо й не враховано.",
        plural(n, "оголошення", "оголошення", "оголошень")
    ),

    search_title: |flag, partner, aid| format!("{flag} {partner} — {aid}"),
    from_agreement: |signed, place, agreement| format!("З угоди, підписаної {signed}, {place}. Повний запис: {agreement}"),
    not_mentioned: |partner, aid, agreement, pledged| format!(
        "{partner}: угода в цих даних не згадує напрям «{}». {agreement} показує, що вона охоплює; {pledged} — хто це пообіцяв.",
        aid.to_lowercase()
    ),

    only_alongside: |partner, aid| format!(
        "{partner}: напрям «{}» до угоди не входить; його оголосили під час підписання, а не в самій угоді:",
        aid.to_lowercase()
    ),

    system_in_agreement: |partner, system| format!(
        "{partner}: пункти угоди, що згадують {system}, як їх записано в даних:"
    ),
    system_only_alongside: |partner, system| format!(
        "{partner}: жоден пункт угоди не згадує {system}; його згадує оголошене під час підписання (до угоди не входить):"
    ),
    system_not_in_record: |partner, system| format!(
        "{partner}: у даних немає відомостей, чи пообіцяно {system}, — його не згадує жоден пункт угоди чи оголошень під час підписання. Це не означає «ні»: дані містять угоди, а не всі поставки й пакети допомоги."
    ),
    system_aid_pledged: |aid| format!("Напрям «{aid}» в угоді є, але цієї системи не названо:"),
    system_aid_absent: |aid| format!("Напряму «{aid}» в угоді теж немає."),
    system_elsewhere: |pledged| format!("{pledged} — усі партнери, чиї зобов’язання згадують цю систему."),

    compare_title: |flag_a, a, flag_b, b| format!("{flag_a} {a} і {flag_b} {b}"),
    compare_same: |p| format!("Обидві сторони — {p}: порівнювати нічого."),
    compare_intro: |a, b| format!("{a} і {b}: коли підписали, скільки коштів пообіцяли і які напрями допомоги в них спільні."),
    compare_side: |date, place, signatories, term| format!("Підписано {date}, {place}\n{signatories}\nСтрок дії: {term}"),
    money_of: |p| format!("Кошти · {p}"),
    no_amount: "Суму в угоді чи її офіційному викладі не названо.",
    press_report: "повідомлення преси",
    both_pledged: |n| format!("Пообіцяли обидва ({n})"),
    only: |p, n| format!("Лише {p} ({n})"),
    details: |a, b| format!("докладніше: {a}, {b}"),
    compare_alongside: "Оголошено під час підписання, до угод не входить",

    timeline_title: "Підписання за датами",
    timeline_intro: |n, first, last, note| format!(
        "{} з {first} до {last}; число — порядковий номер. {note}",
        plural(n, "угода", "угоди", "угод")
    ),
    timeline: "Хронологія",
    timeline_in_year: |n, total, year, note| {
        let count = if n == 0 {
            format!(
                "У {year} році не підписано жодної з {total} {}.",
                plural_form(total, "угоди", "угод", "угод")
            )
        } else {
            format!(
                "У {year} році підписано {} з {total}.",
                plural(n, "угоду", "угоди", "угод")
            )
        };
        format!("{count} Число — порядковий номер у загальному переліку. {note}")
    },

    stats_title: "Угоди в цифрах",
    stats_intro: |counted, records, about| format!(
        "Угод в офіційному переліку: {counted}; усього записів: {records} (див. {about}).\nСуми коштів додають те, що названо в угодах чи їхніх офіційних викладах, окремо для кожної валюти; періоди й види допомоги різняться, а один фонд може бути названо у двох валютах, тож це порядок величин, а не підсумок."
    ),
    stats_press_left_out: |n| format!(
        " Не враховано {}, оголошених під час підписання, відомих лише з преси або вже наданих до підписання.",
        plural(n, "суму", "суми", "сум")
    ),
    commitments: |n| plural(n, "зобов’язання", "зобов’язання", "зобов’язань"),
    signed_per_year: "Підписано за роками",
    money_by_currency: "Кошти за валютами",
    most_pledged: "Найчастіше обіцяють",
    least_pledged: "Найрідше обіцяють",

    about_title: "Про pactbot",
    about_intro: "pactbot відповідає на запитання про двосторонні довгострокові безпекові угоди України за вибраними даними, де кожне твердження має джерело.",
    about_coverage: |label, records, note| format!("{label} записів про угоди — {records}. {note}"),
    about_counts: |aid, countries| format!(
        "А також {} і {} без угоди — щоб і про них відповідати чесно.",
        plural(aid, "вид допомоги", "види допомоги", "видів допомоги"),
        plural(countries, "країна", "країни", "країн")
    ),
    about_as_of: |label, date, version| format!("{label} {date} · версія даних {version}"),
    about_evidence: |label, text, summary, press| format!("{label} кожну обіцянку позначено як {text}, {summary} або {press}; повідомлення преси ніколи не видаються за зміст угоди."),
    coverage_label: "Охоплення:",
    as_of_label: "Станом на:",
    evidence_label: "Докази:",
    who_label: "Хто:",
    help_title: "Як користуватися pactbot",
    help_intro: "Питайте про двосторонні безпекові угоди України. Партнера можна назвати українською, англійською чи його власною мовою, кодом (GB, DE, EU) або скороченням; помилки в написанні не страшні. Види допомоги — звичайними словами (ППО, F-16, дрони).",
    commands: "Команди",
    example: |e| format!("наприклад, {e}"),

    money_title: "Грошові зобов’язання",
    money_intro: |source| format!(
        "Це те, що партнери пообіцяли, а не те, що вже передали чи виплатили. Кожну суму наведено у валюті зобов’язання й перераховано в євро за довідковим курсом ЄЦБ на дату підписання ({source}). Суми перетинаються (військова частина входить до загальної суми, один фонд названо у двох валютах), тому їх не додано."
    ),
    money_filters: |group, year, undated| {
        let mut out = Vec::new();
        if let Some(g) = group {
            out.push(format!("Партнери: {g}."));
        }
        if let Some(y) = year {
            out.push(format!("Лише зобов’язання, що охоплюють {y} рік."));
            if undated > 0 {
                out.push(format!(
                    "Не враховано {} без зазначених років.",
                    plural(undated, "зобов’язання", "зобов’язання", "зобов’язань")
                ));
            }
        }
        out.join(" ")
    },
    money_section: |section, span| match (section, span) {
        (Section::Military, Span::OneYear) => "Військова допомога · один рік",
        (Section::Military, Span::EachYear) => "Військова допомога · та сама сума щороку",
        (Section::Military, Span::SeveralYears) => "Військова допомога · кілька років",
        (Section::Military, Span::NotStated) => "Військова допомога · роки не зазначено",
        (Section::Other, Span::OneYear) => "Інші кошти · один рік",
        (Section::Other, Span::EachYear) => "Інші кошти · та сама сума щороку",
        (Section::Other, Span::SeveralYears) => "Інші кошти · кілька років",
        (Section::Other, Span::NotStated) => "Інші кошти · роки не зазначено",
        (Section::ShareOfGdp, _) => "Частка ВВП (без перерахунку)",
        (Section::Press, _) => "Відомо лише з повідомлень преси",
        (Section::Alongside, _) => "Оголошено під час підписання, не в угодах",
        (Section::AlreadyGiven, _) => "Уже надано до підписання, як це зафіксовано в угодах (не зобов’язання)",
    },
    eur_conversion: |eur, rate, currency, published| format!("≈ {eur} за курсом ЄЦБ на {published} ({rate} {currency} = 1 EUR)"),
    money_nothing: "У даних немає грошових зобов’язань, що відповідають запиту.",

    picture: |file, w, h, kib| format!("🖼 Зображення: {file}, {w} × {h} пікс., {kib} КіБ (зберегти у файл: `pactbot ask --out ФАЙЛ.png …`)"),
    chart_about: |kind| match kind {
        ChartKind::Timeline => "Стовпчики — скільки угод підписано за кожен місяць; лінія — наростаючий підсумок офіційного переліку Міністерства оборони (угоду поза цим переліком позначено стовпчиком іншого кольору, але не враховано). Підписана угода — це зобов’язання, а не надана допомога.",
        ChartKind::Money => "Кошти, які обіцяє кожна угода, — стовпчики за партнерами, військова допомога окремо від інших коштів, у євро за довідковим курсом ЄЦБ на дату підписання. Це зобов’язання, а не поставки; суми охоплюють різні роки й частково перетинаються, тому їх ніколи не додано. Те, що лише оголосили під час підписання, і допомогу, уже надану до підписання (це не зобов’язання), на графіку не показано; суму, яку надають щороку, показано як суму за один рік із позначкою «щороку».",
        ChartKind::Matrix => "Партнери в рядках, види допомоги в стовпцях: заповнена позначка — зобов’язання в угоді, її колір — сила доказів; кільце — лише оголошене під час підписання, не в угоді. Зобов’язання, а не поставки.",
        ChartKind::Aid => "Партнери, чия угода містить цей вид допомоги, за силою доказів (текст угоди, офіційний виклад, повідомлення преси), а окремо — ті, хто лише оголосив його під час підписання. Зобов’язання, а не поставки.",
    },
    chart_as_text: "Текстом, з усіма джерелами",
    chart_as_text_value: |command| format!("{command} показує ті самі дані текстом, кожне з джерелом."),
    chart_as_text_matrix: |pledged, agreement| format!("Кожен стовпець текстом, з джерелами: {pledged}; кожен рядок: {agreement}."),
    chart_needs_aid: |kind, example| format!("{kind} показує один вид допомоги: назвіть його, наприклад {example}."),
    chart_system_widened: |system, aid, pledged| format!("Окремої системи графік не показує: тут усі партнери, що пообіцяли напрям «{aid}», навіть якщо {system} вони не називають. Хто саме називає {system}: {pledged}."),
    chart_takes_no_aid: |kind, aid_kind| format!("{kind} показує всіх партнерів і не приймає виду допомоги; для одного виду допомоги — {aid_kind}."),
    chart_failed: |error, text| format!("Не вдалося намалювати графік ({error}). Ті самі дані текстом: {text}."),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_take_all_three_ukrainian_forms() {
        let p = |n| plural(n, "партнер", "партнери", "партнерів");
        assert_eq!(p(1), "1 партнер");
        assert_eq!(p(2), "2 партнери");
        assert_eq!(p(4), "4 партнери");
        assert_eq!(p(5), "5 партнерів");
        assert_eq!(p(11), "11 партнерів");
        assert_eq!(p(12), "12 партнерів");
        assert_eq!(p(14), "14 партнерів");
        assert_eq!(p(21), "21 партнер");
        assert_eq!(p(22), "22 партнери");
        assert_eq!(p(25), "25 партнерів");
        assert_eq!(p(29), "29 партнерів");
        assert_eq!(p(0), "0 партнерів");
        assert_eq!(p(111), "111 партнерів");
        assert_eq!(p(101), "101 партнер");
    }

    #[test]
    fn dates_read_as_a_ukrainian_writes_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date(d(2024, 2, 16)), "16 лютого 2024 р.");
        assert_eq!(date(d(2024, 1, 12)), "12 січня 2024 р.");
        assert_eq!(date(d(2025, 11, 30)), "30 листопада 2025 р.");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!((STRINGS.commitments)(1), "1 зобов’язання");
        assert_eq!((STRINGS.commitments)(5), "5 зобов’язань");
        assert_eq!(
            (STRINGS.page_past_end)(3, 2),
            "Сторінки 3 немає: у цій відповіді 2 сторінки."
        );
        assert_eq!(
            (STRINGS.timeline_intro)(21, "a", "b", "").split(' ').nth(1),
            Some("угода")
        );
        assert!((STRINGS.press_only)(1).contains("ґрунтується"));
        let year = |n, total| (STRINGS.timeline_in_year)(n, total, 2024, "");
        assert!(year(1, 29).starts_with("У 2024 році підписано 1 угоду з 29."));
        assert!(year(3, 29).starts_with("У 2024 році підписано 3 угоди з 29."));
        assert!(year(5, 29).starts_with("У 2024 році підписано 5 угод з 29."));
        assert!(year(21, 29).starts_with("У 2024 році підписано 21 угоду з 29."));
        assert!(year(0, 29).starts_with("У 2024 році не підписано жодної з 29 угод."));
        assert!(year(0, 21).starts_with("У 2024 році не підписано жодної з 21 угоди."));
        assert!((STRINGS.press_only)(3).contains("ґрунтуються"));
    }
}
