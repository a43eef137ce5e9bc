//! The words a question is made of, beside the dataset's names: question and
//! verb words in English, Ukrainian, Russian and Polish, filler words, and
//! the Russian and Polish names of partners and kinds of aid that the
//! dataset (English and Ukrainian) does not carry.
//!
//! Every word is written here as a person types it; the lexicon normalises
//! and stems it the same way as the question, so "обіцяли" and "обещали"
//! need only one or two entries each.

/// What a word says about the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// who, which, хто, які, кто, kto, które.
    Who,
    /// countries, states, partners (a filler that marks a "which countries" question).
    Countries,
    /// pledged, promised, committed, gave, дав, обіцяли, обещали, obiecały.
    Pledge,
    /// delivered, sent, supplied: the data holds pledges, not deliveries.
    Deliver,
    /// compare, versus, vs, порівняй, сравни, porównaj.
    Compare,
    /// signed, підписала, подписал, podpisała.
    Signed,
    /// when, коли, когда, kiedy.
    When,
    /// how many, скільки, сколько, ile.
    Count,
    /// how much: with a partner, its agreement (money); alone, the stats.
    Much,
    /// money, funding, billion, гроші, деньги, pieniądze.
    Money,
    /// the most, найбільше, больше всего, najwięcej.
    Most,
    /// agreement, deal, treaty, угода, соглашение, umowa.
    Agreement,
    /// latest, last, newest, останній, последний, ostatni.
    Latest,
    /// first, earliest, перший, первый, pierwszy.
    First,
    /// did, has, чи, ли, czy: a yes/no question.
    YesNo,
    /// help, what can you do, довідка.
    Help,
    /// statistics.
    Stats,
    /// timeline, chronology.
    Timeline,
    /// chart, graph, diagram, графік, діаграма, график, wykres: a picture.
    Chart,
    /// matrix, матриця, матрица, macierz: the partners × aid chart.
    Matrix,
    /// security guarantees, the G7 declaration: what `/about` explains.
    About,
    /// Ukraine and Kyiv: the other side of every agreement, never a partner.
    Ukraine,
    /// A word that carries no meaning here (articles, prepositions, "please").
    Filler,
}

/// A keyword: matched whole (after normalising and stemming) or, when
/// `prefix`, as the start of a word.
pub struct Keyword {
    pub word: &'static str,
    pub cue: Cue,
    pub prefix: bool,
}

const fn w(word: &'static str, cue: Cue) -> Keyword {
    Keyword {
        word,
        cue,
        prefix: false,
    }
}

const fn p(word: &'static str, cue: Cue) -> Keyword {
    Keyword {
        word,
        cue,
        prefix: true,
    }
}

use Cue::*;

/// Question and verb words. Prefixes are written normalised (lower case,
/// no diacritics, Cyrillic і/ї/й → и, є → е, apostrophes dropped).
#[rustfmt::skip]
pub static KEYWORDS: &[Keyword] = &[
    // who / which
    w("who", Who), w("which", Who), w("whom", Who), w("хто", Who), w("які", Who), w("яка", Who),
    w("який", Who), w("котрі", Who), w("кто", Who), w("какие", Who), w("какая", Who), w("какой", Who),
    w("kto", Who), w("które", Who), w("który", Who), w("która", Who), w("jakie", Who), w("jaki", Who),
    // countries
    w("countries", Countries), w("country", Countries), w("states", Countries), w("nations", Countries),
    w("partners", Countries), w("allies", Countries), w("governments", Countries), w("members", Countries),
    w("країни", Countries), w("країна", Countries), w("держави", Countries), w("держава", Countries),
    w("партнери", Countries), w("союзники", Countries), w("страны", Countries), w("страна", Countries),
    w("государства", Countries), w("партнеры", Countries), w("kraje", Countries),
    w("kraj", Countries), w("państwa", Countries), w("partnerzy", Countries), w("sojusznicy", Countries),
    // pledge verbs
    p("pledg", Pledge), p("promis", Pledge), p("commit", Pledge), p("provid", Pledge), p("offer", Pledge),
    p("contribut", Pledge), w("give", Pledge), w("gives", Pledge), w("gave", Pledge), w("given", Pledge),
    w("giving", Pledge), w("support", Pledge), w("supports", Pledge), w("supported", Pledge), w("help", Help),
    w("helps", Pledge), w("helped", Pledge), w("agreed", Pledge), w("undertook", Pledge), p("обиця", Pledge),
    p("пообиця", Pledge), p("зобовяз", Pledge), p("надав", Pledge), p("надал", Pledge), p("нада", Pledge),
    w("дав", Pledge), w("дала", Pledge), w("дали", Pledge), w("дало", Pledge), w("дасть", Pledge),
    w("дадуть", Pledge), w("давав", Pledge), w("давали", Pledge), w("дає", Pledge), w("дають", Pledge),
    p("пропону", Pledge), p("виделил", Pledge), p("видилил", Pledge), p("видилит", Pledge),
    p("пидтрим", Pledge), w("гарантували", Pledge), p("обеща", Pledge), p("пообеща", Pledge),
    p("обязал", Pledge), p("предостав", Pledge), w("дал", Pledge), w("даст", Pledge), w("дадут", Pledge),
    w("дает", Pledge), w("дают", Pledge), p("выделил", Pledge), p("поддерж", Pledge), p("obieca", Pledge),
    p("zobowiaz", Pledge), w("dał", Pledge), w("dała", Pledge), w("dali", Pledge), w("dały", Pledge),
    w("daje", Pledge), w("dadzą", Pledge), p("zapewni", Pledge), p("wsparl", Pledge), p("wspier", Pledge),
    // deliveries (answered as pledges, with a caveat)
    p("deliver", Deliver), w("sent", Deliver), w("send", Deliver), w("sends", Deliver), w("sending", Deliver),
    p("supplie", Deliver), w("supply", Deliver), w("supplying", Deliver), w("shipped", Deliver),
    w("transferred", Deliver), p("постача", Deliver), p("поставил", Deliver), p("постав", Deliver),
    p("передав", Deliver), p("передал", Deliver), p("передас", Deliver), p("передад", Deliver),
    p("dostarcz", Deliver), p("przekaza", Deliver), p("wyslal", Deliver),
    // compare
    p("compar", Compare), w("versus", Compare), w("vs", Compare), w("v", Compare), w("difference", Compare),
    w("differences", Compare), w("differ", Compare), p("порівн", Compare), w("різниця", Compare),
    w("відмінності", Compare), p("сравн", Compare), w("разница", Compare), w("отличия", Compare),
    p("porown", Compare), p("roznic", Compare), w("vs.", Compare),
    // signed
    p("sign", Signed), w("concluded", Signed), p("пидпис", Signed), p("уклал", Signed), p("подпис", Signed),
    p("заключил", Signed), p("podpis", Signed), p("zawar", Signed),
    // when
    w("when", When), w("date", When), w("коли", When), w("дата", When), w("когда", When), w("kiedy", When),
    // how many / how much
    w("many", Count), w("number", Count), w("count", Count), w("скільки", Count), w("кількість", Count),
    w("сколько", Count), w("количество", Count), w("ile", Count), w("liczba", Count), w("much", Much),
    // money
    w("money", Money), w("funding", Money), w("funds", Money), w("cash", Money), p("billion", Money),
    p("million", Money), w("bn", Money), w("euros", Money), w("dollars", Money), w("pounds", Money),
    w("гроші", Money), w("грошей", Money), w("грошима", Money), w("кошти", Money), w("коштів", Money),
    p("милярд", Money), p("мильярд", Money), p("мильйон", Money), w("деньги", Money), w("денег", Money),
    w("средства", Money), p("миллиард", Money), p("миллион", Money), p("pieniad", Money),
    p("pieniedz", Money), p("miliard", Money), p("milion", Money),
    // most
    w("most", Most), w("biggest", Most), w("largest", Most), w("more", Most), w("найбільше", Most),
    w("найбільший", Most), w("більше", Most), w("больше", Most), w("всего", Most), w("najwięcej", Most),
    w("najwiecej", Most),
    // agreement
    p("agreement", Agreement), w("deal", Agreement), w("deals", Agreement), w("treaty", Agreement),
    w("treaties", Agreement), w("pact", Agreement), w("accord", Agreement), w("document", Agreement),
    p("угод", Agreement), p("договир", Agreement), p("договор", Agreement), p("соглашен", Agreement),
    p("umow", Agreement), p("porozumien", Agreement), w("документ", Agreement),
    // latest / first
    w("latest", Latest), w("last", Latest), w("newest", Latest), w("recent", Latest), w("recently", Latest),
    p("останн", Latest), p("найнов", Latest), p("последн", Latest), p("новейш", Latest), p("ostatni", Latest),
    p("najnowsz", Latest), w("first", First), w("earliest", First), p("перш", First), p("найперш", First),
    p("перв", First), p("pierwsz", First),
    // yes / no
    w("did", YesNo), w("does", YesNo), w("has", YesNo), w("have", YesNo), w("is", YesNo), w("are", YesNo),
    w("was", YesNo), w("чи", YesNo), w("ли", YesNo), w("czy", YesNo), w("есть", YesNo), w("є", YesNo),
    // help, stats, timeline, about
    w("довідка", Help), w("commands", Help), w("справка", Help), w("pomocy", Help), w("statistics", Stats),
    w("stats", Stats), w("статистика", Stats), w("statystyki", Stats), w("timeline", Timeline),
    w("chronology", Timeline), w("хронологія", Timeline), w("хронология", Timeline),
    // chart (written as normalised: і is и, so one entry serves Ukrainian and Russian)
    w("chart", Chart), w("charts", Chart), w("graph", Chart), w("graphs", Chart), w("plot", Chart),
    p("diagram", Chart), p("visualis", Chart), p("visualiz", Chart), p("infographic", Chart),
    p("график", Chart), p("диаграм", Chart), p("инфографик", Chart), p("wykres", Chart),
    w("matrix", Matrix), p("матриц", Matrix), p("macierz", Matrix),
    w("chronologia", Timeline),
    // Ukraine
    p("ukrain", Ukraine), p("украин", Ukraine), w("kyiv", Ukraine), w("kiev", Ukraine), w("київ", Ukraine),
    w("києву", Ukraine), w("киев", Ukraine), w("kijów", Ukraine), w("kijowowi", Ukraine), w("ua", Ukraine),
];

/// Phrases `/about` answers (matched as whole normalised phrases).
#[rustfmt::skip]
pub static ABOUT_PHRASES: &[&str] = &[
    "security guarantees", "security guarantee", "гарантії безпеки", "безпекові гарантії",
    "гарантии безопасности", "gwarancje bezpieczeństwa", "g7 declaration", "vilnius declaration",
    "joint declaration", "декларація g7", "what is this bot", "what do you know", "what can you do",
    "що ти вмієш", "що ти знаєш", "что ты умеешь", "what data", "sources of the data",
    "where does the data come from",
];

/// Words that carry no meaning for the interpretation.
#[rustfmt::skip]
pub static FILLER: &[&str] = &[
    // English
    "a", "an", "the", "of", "to", "for", "in", "on", "with", "and", "or", "by", "from", "at", "as", "about",
    "what", "how", "any", "me", "please", "tell", "show", "list", "all", "its", "it", "their", "they", "them",
    "this", "that", "these", "those", "there", "some", "each", "every", "do", "can", "could", "would", "will",
    "should", "you", "i", "we", "our", "my", "be", "been", "so", "far", "yet", "also", "already", "which",
    "into", "towards", "toward", "kind", "kinds", "sort", "type", "types", "aid", "assistance", "help",
    "with", "ukraine", "was", "were", "get", "got", "exactly", "anything", "something", "things", "thing",
    "other", "else", "than", "between", "against", "over", "under", "up", "out", "not", "no", "yes", "one",
    "ones", "who", "s", "ever", "security", "military", "defence", "defense", "pledges", "commitments",
    "under", "within", "year", "years", "countries", "much", "many", "there", "here", "now", "today", "still",
    "does", "did", "has", "have", "had", "provide", "want", "know", "learn", "us", "if", "happens", "happen",
    "happened", "would", "both", "too", "like", "such", "more", "less", "just", "only", "per", "via",
    // Ukrainian
    "і", "й", "та", "а", "в", "у", "з", "із", "зі", "до", "на", "по", "про", "для", "від", "за", "що", "як",
    "це", "ці", "цей", "ця", "вже", "ще", "мені", "нам", "покажи", "скажи", "розкажи", "будь", "ласка", "усі",
    "всі", "все", "який", "яка", "які", "якій", "яких", "свою", "свої", "своїх", "його", "її", "їх", "вони",
    "він", "вона", "над", "під", "при", "щодо", "тощо", "також", "теж", "саме", "зброю", "зброя", "допомогу",
    "допомога", "допомоги", "підтримку", "підтримка", "безпеки", "безпека", "оборони", "році", "рік", "року",
    "роках", "якщо", "коли-небудь", "є", "був", "була", "були", "буде", "будуть", "взагалі", "наприклад",
    "чого", "чим", "кому",
    // Russian
    "и", "с", "со", "о", "об", "от", "что", "как", "это", "эти", "этот", "уже", "еще", "ещё", "мне", "нам",
    "покажи", "скажи", "расскажи", "пожалуйста", "все", "всё", "свою", "свои", "его", "ее", "её", "их", "они",
    "он", "она", "под", "при", "также", "тоже", "оружие", "помощь", "помощи", "поддержку", "безопасности",
    "году", "если", "год", "года", "был", "была", "были", "будет", "вообще", "чего", "кому",
    // Polish
    "i", "w", "we", "z", "ze", "do", "na", "po", "o", "dla", "od", "za", "co", "jak", "to", "jest", "są",
    "już", "jeszcze", "mi", "nam", "pokaż", "powiedz", "proszę", "wszystkie", "swoje", "jego", "jej", "ich",
    "oni", "on", "ona", "pod", "przy", "także", "też", "broń", "pomoc", "pomocy", "wsparcie",
    "bezpieczeństwa", "roku", "rok", "jeśli", "jezeli", "jeżeli", "stanie", "wobec", "przeciwko", "był",
    "była", "były", "będzie", "ukrainie", "ukrainy", "ukrainę", "ukraina", "ukraine",
];

/// Short words (up to three letters) that name something even in lower
/// case inside a question; other short names must be written in capitals
/// (IT, NO, IS, AND, CAN and ПРО are also ordinary words).
#[rustfmt::skip]
pub static SHORT_NAMES: &[&str] = &[
    "uk", "usa", "eu", "ue", "g7", "сша", "єс", "ес", "ппо", "пво", "рф", "бпла", "бмп", "бтр", "опк", "ввп",
    "фрн", "фрг", "f16", "ф16", "tb2",
];

/// Extra names of places: Russian and Polish, plus common English and
/// Ukrainian forms the dataset does not list. (id, names).
#[rustfmt::skip]
pub static EXTRA_PLACES: &[(&str, &[&str])] = &[
    ("AL", &["Албания", "Албанію"]),
    ("BE", &["Бельгия", "Belgia"]),
    ("CA", &["Kanada"]),
    ("CZ", &["Чехия", "Чешская Республика", "Czechy", "Czech", "Czechia", "Чехія"]),
    ("DE", &["Германия", "ФРГ", "Niemcy", "Niemiec", "Niemcami", "Germania"]),
    ("DK", &["Дания", "Dania"]),
    ("EE", &["Эстония", "Estonia"]),
    ("ES", &["Испания", "Hiszpania"]),
    ("EU", &["Евросоюз", "Европейский союз", "Unia Europejska", "Unii Europejskiej", "UE", "Брюссель", "Brussels", "European Commission", "Єврокомісія"]),
    ("FI", &["Финляндия", "Finlandia"]),
    ("FR", &["Франция", "Francja", "Francji", "Francję", "Francją"]),
    ("GB", &["Великобритания", "Британия", "Англия", "Соединённое Королевство", "Wielka Brytania", "Brytania", "Anglia", "Zjednoczone Królestwo", "England", "English", "Англія", "Brits", "Британія"]),
    ("GR", &["Греция", "Grecja"]),
    ("HR", &["Хорватия", "Chorwacja"]),
    ("IE", &["Ирландия", "Irlandia"]),
    ("IS", &["Исландия", "Islandia"]),
    ("IT", &["Италия", "Włochy", "Italia"]),
    ("JP", &["Япония", "Japonia"]),
    ("LT", &["Литва", "Litwa"]),
    ("LU", &["Люксембург", "Luksemburg"]),
    ("LV", &["Латвия", "Łotwa"]),
    ("NL", &["Нидерланды", "Голландия", "Голландія", "Holandia", "Niderlandy", "Holland", "Dutch"]),
    ("NO", &["Норвегия", "Norwegia"]),
    ("PL", &["Польша", "Polska", "Polski", "Polsce", "Polacy"]),
    ("PT", &["Португалия", "Portugalia"]),
    ("RO", &["Румыния", "Rumunia"]),
    ("SE", &["Швеция", "Szwecja"]),
    ("SI", &["Словения", "Słowenia"]),
    ("US", &["Соединённые Штаты", "Соединенные Штаты Америки", "Америка", "Америки", "Штаты", "Stany Zjednoczone", "Ameryka", "Amerykanie", "America", "Americans", "Штати", "Америка", "американці", "американцы", "Washington", "Вашингтон"]),
    ("HU", &["Венгрия", "Węgry"]),
    ("SK", &["Словакия", "Słowacja"]),
    ("TR", &["Турция", "Turcja", "Turkey"]),
    ("AT", &["Австрия"]),
    ("CH", &["Швейцария", "Szwajcaria"]),
    ("MD", &["Молдавия", "Mołdawia"]),
    ("AU", &["Австралия"]),
    ("BG", &["Болгария", "Bułgaria"]),
    ("RU", &["Россия", "Rosja", "Rosji", "Rosję", "росія", "московія"]),
];

/// Extra words for kinds of aid: Russian, Polish, plural and inflected
/// forms people use in questions. (aid id, words).
#[rustfmt::skip]
pub static EXTRA_AID: &[(&str, &[&str])] = &[
    ("air-defence", &["ПВО", "противовоздушная оборона", "противоракетная оборона", "зенитные ракеты", "obrona powietrzna", "obrony powietrznej", "obronę powietrzną", "obrona przeciwlotnicza", "протиповітряну оборону", "протиповітряної оборони", "air defence systems", "air defense systems", "anti-air", "SAM", "interceptor missiles"]),
    ("artillery", &["артиллерия", "снаряды", "снарядов", "гаубицы", "боеприпасы", "artyleria", "amunicja", "amunicję", "amunicji", "haubice", "pociski artyleryjskie", "155 mm", "155-mm", "howitzer", "artillery rounds", "rounds"]),
    ("armoured-vehicles", &["танки", "танков", "бронетехника", "czołgi", "czołgów", "wozy bojowe", "bronetransportery", "armored", "armoured", "APCs", "IFVs", "БМП", "бронемашини", "бронемашины"]),
    ("combat-aircraft", &["истребители", "истребитель", "истребителей", "самолеты", "самолёты", "авиация", "летчики", "лётчики", "пилоты", "пилотов", "pilots", "pilot", "пілоти", "пілот", "пілотів", "льотчики", "льотчиків", "myśliwce", "myśliwców", "samoloty", "lotnictwo", "piloci", "fighter aircraft", "planes", "plane", "aircraft", "warplanes", "fighter", "jet", "fighter jet", "літаків", "винищувачів"]),
    ("long-range-strike", &["дальнобойные ракеты", "ракеты", "дальнобойное оружие", "rakiety", "pociski dalekiego zasięgu", "long range", "long-range", "long range missiles", "далекобійна зброя", "далекобійну зброю", "далекобійні", "далекобійність"]),
    ("drones", &["дроны", "дронов", "беспилотники", "drony", "dronów", "bezzałogowce", "дронів", "UAS"]),
    ("naval", &["морская безопасность", "bezpieczeństwo morskie", "marynarka wojenna", "ships", "boats", "кораблі", "катери", "корабли"]),
    ("training", &["обучение", "тренировка", "szkolenie", "szkolenia", "trains", "train", "trained", "навчає", "навчають", "навчати", "тренує", "тренують", "обучает", "обучают", "szkoli", "instruction"]),
    ("intelligence", &["разведка", "разведданные", "wywiad"]),
    ("cyber", &["кибер", "кибербезопасность", "киберзащита", "cyberbezpieczeństwo", "cyberobrona", "cyber defence", "cybersecurity"]),
    ("demining", &["разминирование", "мины", "rozminowanie", "miny", "mine clearing", "саперы"]),
    ("defence-industry", &["оборонная промышленность", "ВПК", "przemysł obronny", "przemysłu obronnego", "production", "co-production", "виробництво", "производство", "produkcja"]),
    ("military-funding", &["военная помощь", "pomoc wojskowa", "финансирование", "finansowanie", "military funding", "военная поддержка"]),
    ("budget-support", &["финансовая помощь", "бюджетная поддержка", "pomoc finansowa", "wsparcie budżetowe"]),
    ("humanitarian", &["гуманитарная помощь", "pomoc humanitarna", "гуманітарну допомогу", "humanitarian"]),
    ("reconstruction", &["восстановление", "odbudowa", "відбудувати", "відбудови", "відновити", "восстановить", "odbudować", "odbudowę"]),
    ("energy", &["энергетика", "энергетическая безопасность", "energetyka", "bezpieczeństwo energetyczne", "energy", "енергетику"]),
    ("sanctions", &["санкции", "sankcje", "sankcji"]),
    ("accountability", &["военные преступления", "trybunał", "trybunał specjalny", "zbrodnie wojenne", "спецтрибуналу", "трибуналу", "tribunal for Russia"]),
    ("russian-assets", &["замороженные активы", "российские активы", "aktywa", "rosyjskie aktywa", "zamrożone aktywa", "assets", "активи", "активы", "російські активи", "russian assets"]),
    ("nato-membership", &["вступление в НАТО", "członkostwo w NATO", "NATO membership", "членство в НАТО"]),
    ("eu-membership", &["вступление в ЕС", "członkostwo w UE", "EU membership", "членство в ЄС"]),
    ("consultations", &["консультации", "konsultacje", "attacks again", "attack again", "attacked again", "renewed attack", "new attack", "нападе знову", "знову нападе", "повторний напад", "нападет снова", "снова нападет", "ponowny atak", "zaatakuje ponownie", "24 hours"]),
];
