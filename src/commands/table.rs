//! The one declaration of every command and option.
//!
//! The CLI parser, `/help` and the Discord registration are all generated
//! from [`COMMANDS`]; nothing about a command is written twice.

/// What an option holds, which decides parsing, autocomplete and registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// A partner (country or the EU): autocompleted from the partners.
    Partner,
    /// An aid type: autocompleted from the taxonomy.
    Aid,
    /// A partner group (`g7`, `nordic`, …): autocompleted from the groups.
    Group,
    /// Free text.
    Text,
    /// A page number, 1 or more.
    Page,
    /// A calendar year ([`MIN_YEAR`]..=[`MAX_YEAR`]).
    Year,
    /// What `/chart` draws: one of [`CHART_KINDS`], a choice on Discord.
    ChartKind,
}

impl OptionKind {
    /// Whether Discord should ask us for suggestions while the user types.
    pub fn autocomplete(self) -> bool {
        matches!(self, OptionKind::Partner | OptionKind::Aid | OptionKind::Group)
    }

    /// The fixed values Discord offers as choices (none: any text).
    pub fn choices(self) -> &'static [ChoiceSpec] {
        match self {
            OptionKind::ChartKind => CHART_KINDS,
            OptionKind::Partner
            | OptionKind::Aid
            | OptionKind::Group
            | OptionKind::Text
            | OptionKind::Page
            | OptionKind::Year => &[],
        }
    }
}

/// One fixed value of an option: Discord shows the name (in the user's
/// language) and sends the value.
#[derive(Debug, PartialEq, Eq)]
pub struct ChoiceSpec {
    pub value: &'static str,
    pub name: &'static str,
    pub name_uk: &'static str,
}

/// The kinds of `/chart`, in [`crate::chart::ChartKind::ALL`]'s order (a
/// test checks that each value parses to its kind).
pub const CHART_KINDS: &[ChoiceSpec] = &[
    ChoiceSpec {
        value: "timeline",
        name: "Signings over time",
        name_uk: "Підписання угод у часі",
    },
    ChoiceSpec {
        value: "money",
        name: "Money committed, by partner",
        name_uk: "Обіцяні кошти за партнерами",
    },
    ChoiceSpec {
        value: "matrix",
        name: "Partners × kinds of aid",
        name_uk: "Партнери × види допомоги",
    },
    ChoiceSpec {
        value: "aid",
        name: "Who pledged one kind of aid (with aid:)",
        name_uk: "Хто пообіцяв один вид допомоги (з допомога:)",
    },
];

/// Longest text value accepted for any option; registered as `max_length`
/// on Discord so the client enforces it too.
pub const MAX_TEXT: usize = 200;
/// Highest page number accepted.
pub const MAX_PAGE: i64 = 100;
/// The years a `year:` option accepts: from the full-scale invasion (the
/// earliest year a commitment counts from) to well past the last
/// multi-year commitment.
pub const MIN_YEAR: i64 = 2022;
pub const MAX_YEAR: i64 = 2035;

#[derive(Debug, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub name_uk: &'static str,
    pub description: &'static str,
    pub description_uk: &'static str,
    pub kind: OptionKind,
    pub required: bool,
}

/// Which command a [`CommandSpec`] declares. Fieldless, so every match over
/// it is exhaustive: a command added to the table and not to the parser or
/// to `execute` is a compile error, never a silent fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandKind {
    Agreement,
    Pledged,
    Search,
    Compare,
    Timeline,
    Stats,
    About,
    Help,
    Ask,
    Money,
    Chart,
}

impl CommandKind {
    /// The table's entry for this kind (the table lists kinds in this order,
    /// which a test checks).
    pub fn spec(self) -> &'static CommandSpec {
        &COMMANDS[self as usize]
    }

    /// The English command name (`pledged`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct CommandSpec {
    pub kind: CommandKind,
    pub name: &'static str,
    pub name_uk: &'static str,
    /// Discord's one-line description (≤ 100 characters).
    pub description: &'static str,
    pub description_uk: &'static str,
    pub options: &'static [OptionSpec],
    /// An example invocation for `/help`.
    pub example: &'static str,
}

impl CommandSpec {
    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        let options: &'static [OptionSpec] = self.options;
        options
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(name) || o.name_uk == name.to_lowercase())
    }

    /// The one-line description in `lang`.
    pub fn description_in(&self, lang: crate::lang::Lang) -> &'static str {
        match lang {
            crate::lang::Lang::En => self.description,
            crate::lang::Lang::Uk => self.description_uk,
        }
    }

    /// `/pledged aid:<aid> [page:<page>]`
    pub fn usage(&self) -> String {
        let mut s = format!("/{}", self.name);
        for o in self.options {
            if o.required {
                s.push_str(&format!(" {}:<{}>", o.name, o.name));
            } else {
                s.push_str(&format!(" [{}:<{}>]", o.name, o.name));
            }
        }
        s
    }
}

/// The partner-group filter of `/pledged` and `/money`, declared once.
const GROUP: OptionSpec = OptionSpec {
    name: "group",
    name_uk: "група",
    description: "Only partners in this group (G7, EU, NATO, Nordic, Baltic, Ukraine Compact)",
    description_uk: "Лише партнери з цієї групи (G7, ЄС, НАТО, Північна Європа, Балтія)",
    kind: OptionKind::Group,
    required: false,
};

/// A `year:` filter: the same name, kind and range wherever it appears;
/// only what the year selects differs (commitments covering it, agreements
/// signed in it).
const fn year(description: &'static str, description_uk: &'static str) -> OptionSpec {
    OptionSpec {
        name: "year",
        name_uk: "рік",
        description,
        description_uk,
        kind: OptionKind::Year,
        required: false,
    }
}

const PAGE: OptionSpec = OptionSpec {
    name: "page",
    name_uk: "сторінка",
    description: "Page of a long answer (1 is the first)",
    description_uk: "Сторінка довгої відповіді (1 — перша)",
    kind: OptionKind::Page,
    required: false,
};

/// Every command, in the order `/help` lists them.
pub static COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        kind: CommandKind::Agreement,
        name: "agreement",
        name_uk: "угода",
        description: "The security agreement with one partner: dates, signatories, money, aid, sources",
        description_uk: "Безпекова угода з одним партнером: дати, підписанти, гроші, допомога, джерела",
        options: &[
            OptionSpec {
                name: "country",
                name_uk: "країна",
                description: "The partner country or the EU (name, abbreviation or code)",
                description_uk: "Країна-партнер або ЄС (назва, скорочення чи код)",
                kind: OptionKind::Partner,
                required: true,
            },
            PAGE,
        ],
        example: "/agreement country:Japan",
    },
    CommandSpec {
        kind: CommandKind::Pledged,
        name: "pledged",
        name_uk: "зобовʼязання",
        description: "Every partner that pledged one kind of aid, with what and the source",
        description_uk: "Усі партнери, що зобов’язалися надати певний вид допомоги, з джерелами",
        options: &[
            OptionSpec {
                name: "aid",
                name_uk: "допомога",
                description: "The kind of aid (air defence, drones, demining, …)",
                description_uk: "Вид допомоги (ППО, дрони, розмінування, …)",
                kind: OptionKind::Aid,
                required: true,
            },
            GROUP,
            PAGE,
        ],
        example: "/pledged aid:air defence",
    },
    CommandSpec {
        kind: CommandKind::Search,
        name: "search",
        name_uk: "пошук",
        description: "Ask in your own words: a country, a kind of aid, or both",
        description_uk: "Запитайте своїми словами: країна, вид допомоги або обидва",
        options: &[
            OptionSpec {
                name: "query",
                name_uk: "запит",
                description: "What you are looking for (\"Japan drones\", \"Польща\")",
                description_uk: "Що ви шукаєте («Японія дрони», «Poland»)",
                kind: OptionKind::Text,
                required: true,
            },
            PAGE,
        ],
        example: "/search query:what did Norway pledge on air defence",
    },
    CommandSpec {
        kind: CommandKind::Compare,
        name: "compare",
        name_uk: "порівняти",
        description: "Two partners side by side: dates, money, shared and distinct aid areas",
        description_uk: "Два партнери поруч: дати, гроші, спільні й відмінні напрями допомоги",
        options: &[
            OptionSpec {
                name: "first",
                name_uk: "перший",
                description: "The first partner",
                description_uk: "Перший партнер",
                kind: OptionKind::Partner,
                required: true,
            },
            OptionSpec {
                name: "second",
                name_uk: "другий",
                description: "The second partner",
                description_uk: "Другий партнер",
                kind: OptionKind::Partner,
                required: true,
            },
            PAGE,
        ],
        example: "/compare first:Germany second:France",
    },
    CommandSpec {
        kind: CommandKind::Timeline,
        name: "timeline",
        name_uk: "хронологія",
        description: "Every signing in order, with the running count, or one year's",
        description_uk: "Усі підписання по черзі, з наростаючим підсумком, або лише за один рік",
        options: &[
            year(
                "Only agreements signed in this year (2024, 2025)",
                "Лише угоди, підписані цього року (2024, 2025)",
            ),
            PAGE,
        ],
        example: "/timeline year:2025",
    },
    CommandSpec {
        kind: CommandKind::Stats,
        name: "stats",
        name_uk: "статистика",
        description: "Counts, money by currency, the most and least pledged kinds of aid",
        description_uk: "Кількість угод, гроші за валютами, найчастіші й найрідші види допомоги",
        options: &[PAGE],
        example: "/stats",
    },
    CommandSpec {
        kind: CommandKind::About,
        name: "about",
        name_uk: "про-бота",
        description: "What the data covers, how current it is, and where it comes from",
        description_uk: "Що охоплюють дані, наскільки вони актуальні та звідки вони",
        options: &[PAGE],
        example: "/about",
    },
    CommandSpec {
        kind: CommandKind::Help,
        name: "help",
        name_uk: "довідка",
        description: "How to use pactbot",
        description_uk: "Як користуватися pactbot",
        options: &[PAGE],
        example: "/help",
    },
    CommandSpec {
        kind: CommandKind::Ask,
        name: "ask",
        name_uk: "запитати",
        description: "Ask in plain words: “which Nordic countries pledged F-16s?”, “compare UK and US”",
        description_uk: "Запитайте своїми словами: «хто дав ППО?», «порівняй Британію і США»",
        options: &[OptionSpec {
            name: "question",
            name_uk: "питання",
            description: "Your question, in English or Ukrainian",
            description_uk: "Ваше питання українською чи англійською",
            kind: OptionKind::Text,
            required: true,
        }],
        example: "/ask question:which Nordic countries pledged F-16s?",
    },
    CommandSpec {
        kind: CommandKind::Money,
        name: "money",
        name_uk: "гроші",
        description:
            "Money committed by each partner, in its currency and in EUR; commitments, not deliveries",
        description_uk:
            "Гроші, які пообіцяв кожен партнер, у його валюті та в євро; зобов’язання, а не поставки",
        options: &[
            GROUP,
            year(
                "Only commitments that cover this year (2024, 2025, …)",
                "Лише зобов’язання, що охоплюють цей рік (2024, 2025, …)",
            ),
            PAGE,
        ],
        example: "/money group:nordic",
    },
    CommandSpec {
        kind: CommandKind::Chart,
        name: "chart",
        name_uk: "графік",
        description: "A picture: signings over time, money by partner, who pledged which kind of aid",
        description_uk: "Графік: підписання в часі, гроші за партнерами, хто який вид допомоги пообіцяв",
        options: &[
            OptionSpec {
                name: "kind",
                name_uk: "вид",
                description: "What to draw: timeline, money, matrix (partners × aid) or aid (one kind)",
                description_uk: "Що показати: хронологію, гроші, матрицю (партнери × допомога) чи один вид",
                kind: OptionKind::ChartKind,
                required: true,
            },
            OptionSpec {
                name: "aid",
                name_uk: "допомога",
                description: "With kind:aid, the kind of aid (air defence, drones, …)",
                description_uk: "Для вид:допомога — вид допомоги (ППО, дрони, …)",
                kind: OptionKind::Aid,
                required: false,
            },
        ],
        example: "/chart kind:timeline",
    },
];

/// The command with this English or Ukrainian name.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    let lower = name.to_lowercase();
    COMMANDS.iter().find(|c| c.name == lower || c.name_uk == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discord's rule for command and option names (lowercase, 1–32, letters,
    /// digits, `-`, `_`, `'`).
    fn valid_name(n: &str) -> bool {
        let len = n.chars().count();
        (1..=32).contains(&len)
            && n.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\''))
            && n.to_lowercase() == n
    }

    #[test]
    fn the_table_obeys_discords_registration_rules() {
        let mut names = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(names.insert(c.name), "duplicate command {}", c.name);
            assert!(valid_name(c.name) && valid_name(c.name_uk), "{}", c.name);
            for d in [c.description, c.description_uk] {
                assert!((1..=100).contains(&d.chars().count()), "{}: {d}", c.name);
            }
            assert!(c.options.len() <= 25);
            let mut seen_optional = false;
            for o in c.options {
                assert!(
                    valid_name(o.name) && valid_name(o.name_uk),
                    "{}.{}",
                    c.name,
                    o.name
                );
                for d in [o.description, o.description_uk] {
                    assert!((1..=100).contains(&d.chars().count()), "{}.{}", c.name, o.name);
                }
                // Discord requires required options before optional ones.
                assert!(
                    !(seen_optional && o.required),
                    "{}: required after optional",
                    c.name
                );
                seen_optional |= !o.required;
            }
            assert!(c.example.starts_with(&format!("/{}", c.name)));
        }
    }

    #[test]
    fn the_readme_documents_every_command_as_the_table_declares_it() {
        let readme = include_str!("../../README.md");
        for c in COMMANDS {
            assert!(
                readme.contains(&format!("`{}`", c.usage())),
                "README lacks `{}`",
                c.usage()
            );
        }
    }

    #[test]
    fn each_kind_is_declared_once_at_its_own_position() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert_eq!(c.kind as usize, i, "{} is out of order", c.name);
            assert!(std::ptr::eq(c.kind.spec(), c));
        }
        // The last kind's position bounds the table from below.
        assert_eq!(CommandKind::Chart as usize + 1, COMMANDS.len());
    }

    #[test]
    fn chart_kinds_are_offered_as_choices_that_parse_to_their_kind() {
        use crate::chart::ChartKind;
        assert_eq!(CHART_KINDS.len(), ChartKind::ALL.len());
        for (c, k) in CHART_KINDS.iter().zip(ChartKind::ALL) {
            assert_eq!(c.value, k.as_str());
            assert_eq!(ChartKind::parse(c.value), Some(k));
            for n in [c.name, c.name_uk] {
                assert!((1..=100).contains(&n.chars().count()), "{n}");
            }
        }
        let chart = find("chart").unwrap();
        assert_eq!(chart.option("kind").unwrap().kind.choices(), CHART_KINDS);
        assert!(chart.option("aid").unwrap().kind.choices().is_empty());
    }

    #[test]
    fn commands_are_found_by_english_and_ukrainian_name() {
        assert_eq!(find("Pledged").map(|c| c.name), Some("pledged"));
        assert_eq!(find("угода").map(|c| c.name), Some("agreement"));
        assert_eq!(find("nope"), None);
        assert_eq!(
            find("agreement").and_then(|c| c.option("країна")).map(|o| o.name),
            Some("country")
        );
    }
}
