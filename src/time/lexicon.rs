//! Word lists for time expressions: month and weekday names, number words, units, seasons and
//! the small function words the recogniser keys on, for German and English.
//!
//! Every entry is written for this project. Lookups take a lower-cased word.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Which language a lexicon entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum L {
    /// German only.
    De,
    /// English only.
    En,
    /// Both.
    Both,
}

/// Calendar units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter(s) of the unit (`Y`, `M`, `W`, `D`, `H`, …).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week | Unit::Weekend => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "C",
        }
    }

    /// True for units below a day (durations written with `PT`).
    pub(crate) fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// Parts of a day, with their TIMEX3 codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DayPart {
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    /// TIMEX3 code appended after `T`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Noon => "12:00",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// Direction words ("last", "next", "this", …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Dir {
    /// last / previous / vergangen / letzt / vorig.
    Past,
    /// next / coming / kommend / nächst.
    Next,
    /// this / current / dies / laufend.
    This,
}

/// Vague position inside a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
}

/// Reference words with TIMEX3 values of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RefKind {
    Past,
    Present,
    Future,
}

impl RefKind {
    /// The TIMEX3 value.
    pub(crate) fn value(self) -> &'static str {
        match self {
            RefKind::Past => "PAST_REF",
            RefKind::Present => "PRESENT_REF",
            RefKind::Future => "FUTURE_REF",
        }
    }
}

/// What a word can mean to the recogniser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lex {
    /// A month, 1–12 (`abbrev` for short forms that need a capital letter and a number nearby).
    Month(u32, bool),
    /// A weekday, 1 = Monday.
    Weekday(u32),
    /// A weekday with a part of day ("Montagabend").
    WeekdayPart(u32, DayPart),
    /// A weekday as an adverb of repetition ("montags").
    WeekdaySet(u32),
    /// A part of the day ("morning", "Abend").
    DayPart(DayPart),
    /// A cardinal number word.
    Num(u32),
    /// An ordinal number word.
    Ord(u32),
    /// A unit (`plural` when the form is plural).
    Unit(Unit, bool),
    /// A season: 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u32),
    /// last / next / this.
    Dir(Dir),
    /// today = 0, yesterday = -1, tomorrow = 1, …
    Deictic(i64),
    /// today's part of day ("tonight", "heute Nacht" is two words).
    DeicticPart(i64, DayPart),
    /// PAST_REF / PRESENT_REF / FUTURE_REF words.
    Ref(RefKind),
    /// early / mid / late.
    Part(Part),
    /// ago.
    Ago,
    /// German "vor" (before a duration: "vor zwei Wochen").
    Vor,
    /// every / each / jeden.
    Every,
    /// A frequency adverb ("daily", "jährlich") with its period.
    Freq(Unit),
    /// "Uhr" / "o'clock".
    Uhr,
    /// a.m. / p.m. (true = p.m.).
    AmPm(bool),
    /// "noon"/"midnight" (hour).
    ClockWord(u32),
    /// Approximators that belong to the span ("about", "nearly", "rund").
    Approx,
    /// Articles.
    Det,
    /// "fiscal", "Geschäftsjahr".
    Fiscal,
    /// A fixed holiday: month, day.
    Holiday(u32, u32),
    /// "half": half a year, Halbjahr.
    Half,
    /// Vague quantity ("several", "mehrere", "few").
    Some,
    /// earlier / later (after a unit: "a year earlier").
    EarlierLater(bool),
    /// "Jahrzehnt"-like words that end a decade phrase ("Jahre" after "90er").
    Since,
}

type Entry = (&'static str, Lex, L);

/// German ordinal stems 1-31 ("erst", …, "einunddreißigst").
const ORDINALS_DE: [&str; 31] = [
    "erst",
    "zweit",
    "dritt",
    "viert",
    "fünft",
    "sechst",
    "siebt",
    "acht",
    "neunt",
    "zehnt",
    "elft",
    "zwölft",
    "dreizehnt",
    "vierzehnt",
    "fünfzehnt",
    "sechzehnt",
    "siebzehnt",
    "achtzehnt",
    "neunzehnt",
    "zwanzigst",
    "einundzwanzigst",
    "zweiundzwanzigst",
    "dreiundzwanzigst",
    "vierundzwanzigst",
    "fünfundzwanzigst",
    "sechsundzwanzigst",
    "siebenundzwanzigst",
    "achtundzwanzigst",
    "neunundzwanzigst",
    "dreißigst",
    "einunddreißigst",
];

/// German ordinals 5-31 in every ending ("vierundzwanzigsten"), with their numbers (1-4 are
/// listed with the quarter ordinals).
static ORDINAL_WORDS_DE: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    let mut out = Vec::with_capacity(27 * 5);
    for (n, w) in ORDINALS_DE.iter().enumerate().skip(4) {
        for end in ["e", "en", "er", "es", "em"] {
            out.push((format!("{w}{end}"), n as u32 + 1));
        }
    }
    out
});

fn entries() -> Vec<Entry> {
    use L::{Both, De, En};
    use Lex::*;
    let mut v: Vec<Entry> = Vec::with_capacity(600);
    let months_de = [
        ("januar", 1),
        ("jänner", 1),
        ("februar", 2),
        ("feber", 2),
        ("märz", 3),
        ("maerz", 3),
        ("april", 4),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("august", 8),
        ("september", 9),
        ("oktober", 10),
        ("november", 11),
        ("dezember", 12),
    ];
    for (w, m) in months_de {
        v.push((w, Month(m, false), De));
    }
    let months_en = [
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ];
    for (w, m) in months_en {
        v.push((w, Month(m, false), En));
    }
    let abbr = [
        ("jan", 1, Both),
        ("feb", 2, Both),
        ("febr", 2, Both),
        ("mar", 3, En),
        ("mär", 3, De),
        ("apr", 4, Both),
        ("jun", 6, Both),
        ("jul", 7, Both),
        ("aug", 8, Both),
        ("sep", 9, Both),
        ("sept", 9, Both),
        ("oct", 10, En),
        ("okt", 10, De),
        ("nov", 11, Both),
        ("dec", 12, En),
        ("dez", 12, De),
    ];
    for (w, m, l) in abbr {
        v.push((w, Month(m, true), l));
    }
    let wd_de = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    ];
    let wd_en = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    for (i, w) in wd_de.iter().enumerate() {
        v.push((w, Weekday(i as u32 + 1), De));
    }
    v.push(("sonnabend", Weekday(6), De));
    for (i, w) in wd_en.iter().enumerate() {
        v.push((w, Weekday(i as u32 + 1), En));
    }
    // German weekday compounds and adverbs are generated in `lookup` (see `compound_weekday`).
    let parts = [
        ("morning", self::DayPart::Morning, En),
        ("afternoon", self::DayPart::Afternoon, En),
        ("evening", self::DayPart::Evening, En),
        ("night", self::DayPart::Night, En),
        ("morgen", self::DayPart::Morning, De),
        ("vormittag", self::DayPart::Morning, De),
        ("mittag", self::DayPart::Noon, De),
        ("nachmittag", self::DayPart::Afternoon, De),
        ("abend", self::DayPart::Evening, De),
        ("nacht", self::DayPart::Night, De),
        ("früh", self::DayPart::Morning, De),
    ];
    for (w, p, l) in parts {
        v.push((w, DayPart(p), l));
    }
    let nums_en = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("dozen", 12),
        ("a", 1),
        ("an", 1),
    ];
    for (w, n) in nums_en {
        v.push((w, Num(n), En));
    }
    let nums_de = [
        ("ein", 1),
        ("eine", 1),
        ("einen", 1),
        ("einem", 1),
        ("einer", 1),
        ("eines", 1),
        ("zwei", 2),
        ("drei", 3),
        ("vier", 4),
        ("fünf", 5),
        ("sechs", 6),
        ("sieben", 7),
        ("acht", 8),
        ("neun", 9),
        ("zehn", 10),
        ("elf", 11),
        ("zwölf", 12),
        ("dreizehn", 13),
        ("vierzehn", 14),
        ("fünfzehn", 15),
        ("sechzehn", 16),
        ("siebzehn", 17),
        ("achtzehn", 18),
        ("neunzehn", 19),
        ("zwanzig", 20),
        ("dreißig", 30),
        ("dreissig", 30),
        ("vierzig", 40),
        ("fünfzig", 50),
        ("sechzig", 60),
        ("siebzig", 70),
        ("achtzig", 80),
        ("neunzig", 90),
        ("hundert", 100),
        ("zweieinhalb", 2),
        ("dutzend", 12),
    ];
    for (w, n) in nums_de {
        v.push((w, Num(n), De));
    }
    let ords_en = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("twenty-first", 21),
        ("thirtieth", 30),
    ];
    for (w, n) in ords_en {
        v.push((w, Ord(n), En));
    }
    for (w, n) in ORDINAL_WORDS_DE.iter() {
        v.push((w.as_str(), Ord(*n), De));
    }
    let ords_de = [
        ("erster", 1),
        ("erstem", 1),
        ("zweiter", 2),
        ("dritter", 3),
        ("vierter", 4),
        ("erste", 1),
        ("ersten", 1),
        ("erstes", 1),
        ("zweite", 2),
        ("zweiten", 2),
        ("zweites", 2),
        ("dritte", 3),
        ("dritten", 3),
        ("drittes", 3),
        ("vierte", 4),
        ("vierten", 4),
        ("viertes", 4),
    ];
    for (w, n) in ords_de {
        v.push((w, Ord(n), De));
    }
    let units = [
        ("second", self::Unit::Second, false, En),
        ("seconds", self::Unit::Second, true, En),
        ("sekunde", self::Unit::Second, false, De),
        ("sekunden", self::Unit::Second, true, De),
        ("minute", self::Unit::Minute, false, Both),
        ("minutes", self::Unit::Minute, true, En),
        ("minuten", self::Unit::Minute, true, De),
        ("min", self::Unit::Minute, true, Both),
        ("hour", self::Unit::Hour, false, En),
        ("hours", self::Unit::Hour, true, En),
        ("stunde", self::Unit::Hour, false, De),
        ("stunden", self::Unit::Hour, true, De),
        ("std", self::Unit::Hour, true, De),
        ("day", self::Unit::Day, false, En),
        ("days", self::Unit::Day, true, En),
        ("tag", self::Unit::Day, false, De),
        ("tage", self::Unit::Day, true, De),
        ("tagen", self::Unit::Day, true, De),
        ("tages", self::Unit::Day, false, De),
        ("week", self::Unit::Week, false, En),
        ("weeks", self::Unit::Week, true, En),
        ("woche", self::Unit::Week, false, De),
        ("wochen", self::Unit::Week, true, De),
        ("weekend", self::Unit::Weekend, false, En),
        ("weekends", self::Unit::Weekend, true, En),
        ("wochenende", self::Unit::Weekend, false, De),
        ("wochenendes", self::Unit::Weekend, false, De),
        ("month", self::Unit::Month, false, En),
        ("months", self::Unit::Month, true, En),
        ("monat", self::Unit::Month, false, De),
        ("monats", self::Unit::Month, false, De),
        ("monate", self::Unit::Month, true, De),
        ("monaten", self::Unit::Month, true, De),
        ("quarter", self::Unit::Quarter, false, En),
        ("quarters", self::Unit::Quarter, true, En),
        ("quartal", self::Unit::Quarter, false, De),
        ("quartals", self::Unit::Quarter, false, De),
        ("quartale", self::Unit::Quarter, true, De),
        ("quartalen", self::Unit::Quarter, true, De),
        ("year", self::Unit::Year, false, En),
        ("years", self::Unit::Year, true, En),
        ("jahr", self::Unit::Year, false, De),
        ("jahre", self::Unit::Year, true, De),
        ("jahren", self::Unit::Year, true, De),
        ("jahres", self::Unit::Year, false, De),
        ("jahrs", self::Unit::Year, false, De),
        ("decade", self::Unit::Decade, false, En),
        ("decades", self::Unit::Decade, true, En),
        ("jahrzehnt", self::Unit::Decade, false, De),
        ("jahrzehnts", self::Unit::Decade, false, De),
        ("jahrzehnte", self::Unit::Decade, true, De),
        ("jahrzehnten", self::Unit::Decade, true, De),
        ("century", self::Unit::Century, false, En),
        ("centuries", self::Unit::Century, true, En),
        ("jahrhundert", self::Unit::Century, false, De),
        ("jahrhunderts", self::Unit::Century, false, De),
        ("jahrhunderte", self::Unit::Century, true, De),
        ("jahrhunderten", self::Unit::Century, true, De),
    ];
    for (w, u, p, l) in units {
        v.push((w, Unit(u, p), l));
    }
    let seasons = [
        ("spring", 0, En),
        ("summer", 1, En),
        ("autumn", 2, En),
        ("fall", 2, En),
        ("winter", 3, Both),
        ("frühling", 0, De),
        ("frühjahr", 0, De),
        ("frühjahrs", 0, De),
        ("sommer", 1, De),
        ("sommers", 1, De),
        ("herbst", 2, De),
        ("herbstes", 2, De),
        ("winters", 3, De),
    ];
    for (w, s, l) in seasons {
        v.push((w, Season(s), l));
    }
    let dirs = [
        ("last", self::Dir::Past, En),
        ("previous", self::Dir::Past, En),
        ("past", self::Dir::Past, En),
        ("preceding", self::Dir::Past, En),
        ("next", self::Dir::Next, En),
        ("coming", self::Dir::Next, En),
        ("following", self::Dir::Next, En),
        ("upcoming", self::Dir::Next, En),
        ("this", self::Dir::This, En),
        ("current", self::Dir::This, En),
        ("letzte", self::Dir::Past, De),
        ("letzten", self::Dir::Past, De),
        ("letzter", self::Dir::Past, De),
        ("letztes", self::Dir::Past, De),
        ("vergangene", self::Dir::Past, De),
        ("vergangenen", self::Dir::Past, De),
        ("vergangener", self::Dir::Past, De),
        ("vergangenes", self::Dir::Past, De),
        ("vorige", self::Dir::Past, De),
        ("vorigen", self::Dir::Past, De),
        ("voriges", self::Dir::Past, De),
        ("vergangenem", self::Dir::Past, De),
        ("nächste", self::Dir::Next, De),
        ("nächsten", self::Dir::Next, De),
        ("nächstes", self::Dir::Next, De),
        ("nächster", self::Dir::Next, De),
        ("kommende", self::Dir::Next, De),
        ("kommenden", self::Dir::Next, De),
        ("kommendes", self::Dir::Next, De),
        ("kommender", self::Dir::Next, De),
        ("folgenden", self::Dir::Next, De),
        ("diese", self::Dir::This, De),
        ("diesen", self::Dir::This, De),
        ("dieser", self::Dir::This, De),
        ("dieses", self::Dir::This, De),
        ("diesem", self::Dir::This, De),
        ("laufenden", self::Dir::This, De),
        ("laufende", self::Dir::This, De),
        ("laufendes", self::Dir::This, De),
    ];
    for (w, d, l) in dirs {
        v.push((w, Dir(d), l));
    }
    let deictic = [
        ("today", 0, En),
        ("yesterday", -1, En),
        ("tomorrow", 1, En),
        ("heute", 0, De),
        ("gestern", -1, De),
        ("vorgestern", -2, De),
        ("übermorgen", 2, De),
    ];
    for (w, d, l) in deictic {
        v.push((w, Deictic(d), l));
    }
    v.push(("tonight", DeicticPart(0, self::DayPart::Night), En));
    v.push(("heute", Deictic(0), De));
    let refs = [
        ("now", self::RefKind::Present, En),
        ("currently", self::RefKind::Present, En),
        ("nowadays", self::RefKind::Present, En),
        ("presently", self::RefKind::Present, En),
        ("recently", self::RefKind::Past, En),
        ("lately", self::RefKind::Past, En),
        ("formerly", self::RefKind::Past, En),
        ("soon", self::RefKind::Future, En),
        ("jetzt", self::RefKind::Present, De),
        ("nun", self::RefKind::Present, De),
        ("derzeit", self::RefKind::Present, De),
        ("zurzeit", self::RefKind::Present, De),
        ("gegenwärtig", self::RefKind::Present, De),
        ("heutzutage", self::RefKind::Present, De),
        ("mittlerweile", self::RefKind::Present, De),
        ("inzwischen", self::RefKind::Present, De),
        ("kürzlich", self::RefKind::Past, De),
        ("neulich", self::RefKind::Past, De),
        ("jüngst", self::RefKind::Past, De),
        ("unlängst", self::RefKind::Past, De),
        ("früher", self::RefKind::Past, De),
        ("bald", self::RefKind::Future, De),
        ("demnächst", self::RefKind::Future, De),
        ("künftig", self::RefKind::Future, De),
        ("zukünftig", self::RefKind::Future, De),
        ("future", self::RefKind::Future, En),
        ("zukunft", self::RefKind::Future, De),
    ];
    for (w, r, l) in refs {
        v.push((w, Ref(r), l));
    }
    let parts_words = [
        ("early", self::Part::Early, En),
        ("beginning", self::Part::Early, En),
        ("start", self::Part::Early, En),
        ("mid", self::Part::Mid, En),
        ("middle", self::Part::Mid, En),
        ("late", self::Part::Late, En),
        ("end", self::Part::Late, En),
        ("anfang", self::Part::Early, De),
        ("beginn", self::Part::Early, De),
        ("mitte", self::Part::Mid, De),
        ("ende", self::Part::Late, De),
    ];
    for (w, p, l) in parts_words {
        v.push((w, Part(p), l));
    }
    v.push(("ago", Ago, En));
    v.push(("vor", Vor, De));
    for w in [
        "every", "each", "jeden", "jede", "jedes", "jeder", "alle", "pro",
    ] {
        let l = if matches!(w, "every" | "each") {
            En
        } else {
            De
        };
        v.push((w, Every, l));
    }
    let freq = [
        ("daily", self::Unit::Day, En),
        ("weekly", self::Unit::Week, En),
        ("monthly", self::Unit::Month, En),
        ("quarterly", self::Unit::Quarter, En),
        ("yearly", self::Unit::Year, En),
        ("annually", self::Unit::Year, En),
        ("annual", self::Unit::Year, En),
        ("hourly", self::Unit::Hour, En),
        ("täglich", self::Unit::Day, De),
        ("wöchentlich", self::Unit::Week, De),
        ("monatlich", self::Unit::Month, De),
        ("vierteljährlich", self::Unit::Quarter, De),
        ("quartalsweise", self::Unit::Quarter, De),
        ("jährlich", self::Unit::Year, De),
        ("stündlich", self::Unit::Hour, De),
    ];
    for (w, u, l) in freq {
        v.push((w, Freq(u), l));
    }
    v.push(("uhr", Uhr, De));
    v.push(("o'clock", Uhr, En));
    for w in ["a.m", "am", "a.m."] {
        v.push((w, AmPm(false), En));
    }
    for w in ["p.m", "pm", "p.m."] {
        v.push((w, AmPm(true), En));
    }
    v.push(("noon", ClockWord(12), En));
    v.push(("midday", ClockWord(12), En));
    v.push(("midnight", ClockWord(24), En));
    v.push(("mitternacht", ClockWord(24), De));
    v.push(("mittags", ClockWord(12), De));
    for w in [
        "about",
        "around",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "some",
        "over",
        "under",
        "only",
        "just",
        "least",
        "more",
        "etwa",
        "rund",
        "fast",
        "knapp",
        "beinahe",
        "ungefähr",
        "circa",
        "ca",
        "zirka",
        "gut",
        "mehr",
        "über",
        "weniger",
        "mindestens",
        "nur",
        "bereits",
        "schon",
    ] {
        let l = if w.is_ascii()
            && !matches!(
                w,
                "etwa"
                    | "rund"
                    | "fast"
                    | "knapp"
                    | "beinahe"
                    | "circa"
                    | "ca"
                    | "zirka"
                    | "gut"
                    | "mehr"
                    | "weniger"
                    | "mindestens"
                    | "nur"
                    | "bereits"
                    | "schon"
            ) {
            En
        } else {
            De
        };
        v.push((w, Approx, l));
    }
    for w in ["the", "a", "an"] {
        v.push((w, Det, En));
    }
    for w in ["der", "die", "das", "des", "dem", "den"] {
        v.push((w, Det, De));
    }
    for w in [
        "fiscal",
        "geschäftsjahr",
        "geschäftsjahres",
        "haushaltsjahr",
    ] {
        let l = if w == "fiscal" { En } else { De };
        v.push((w, Fiscal, l));
    }
    let holidays = [
        ("christmas", 12, 25, En),
        ("weihnachten", 12, 25, De),
        ("heiligabend", 12, 24, De),
        ("silvester", 12, 31, De),
        ("neujahr", 1, 1, De),
        ("neujahrstag", 1, 1, De),
        ("halloween", 10, 31, Both),
    ];
    for (w, m, d, l) in holidays {
        v.push((w, Holiday(m, d), l));
    }
    v.push(("half", Half, En));
    v.push(("halbes", Half, De));
    v.push(("halben", Half, De));
    v.push(("halbe", Half, De));
    for w in ["several", "few", "many", "some", "couple"] {
        v.push((w, Some, En));
    }
    for w in [
        "mehrere", "mehreren", "einige", "einigen", "wenige", "wenigen", "paar",
    ] {
        v.push((w, Some, De));
    }
    v.push(("earlier", EarlierLater(false), En));
    v.push(("later", EarlierLater(true), En));
    v.push(("before", EarlierLater(false), En));
    v.push(("after", EarlierLater(true), En));
    v.push(("früher", EarlierLater(false), De));
    v.push(("später", EarlierLater(true), De));
    v.push(("since", Since, En));
    v.push(("seit", Since, De));
    v.push(("binnen", Since, De));
    v.push(("innerhalb", Since, De));
    v.push(("for", Since, En));
    v.push(("während", Since, De));
    v.push(("lang", Since, De));
    v
}

/// Up to three meanings per word (e.g. "morgen": tomorrow, morning).
pub(crate) type Senses = smallvec3::Senses;

/// A tiny fixed-capacity list, to keep lookups allocation-free.
pub(crate) mod smallvec3 {
    use super::{L, Lex};

    /// Up to four (meaning, language) pairs.
    #[derive(Debug, Clone, Copy, Default)]
    pub(crate) struct Senses {
        items: [Option<(Lex, L)>; 4],
    }

    impl Senses {
        pub(crate) fn push(&mut self, lex: Lex, l: L) {
            for slot in self.items.iter_mut() {
                if slot.is_none() {
                    *slot = Some((lex, l));
                    return;
                }
            }
        }

        pub(crate) fn iter(&self) -> impl Iterator<Item = (Lex, L)> + '_ {
            self.items.iter().filter_map(|s| *s)
        }

        /// The meanings only.
        pub(crate) fn lexes(&self) -> impl Iterator<Item = Lex> + '_ {
            self.items.iter().filter_map(|s| s.map(|(lex, _)| lex))
        }

        /// True when no meaning is known.
        pub(crate) fn is_empty(&self) -> bool {
            self.items[0].is_none()
        }
    }
}

/// FNV-1a: the keys are short words, SipHash's DoS resistance is not needed here.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

static TABLE: LazyLock<HashMap<&'static str, Senses, FnvBuild>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Senses, FnvBuild> = HashMap::default();
    for (w, lex, l) in entries() {
        map.entry(w).or_default().push(lex, l);
    }
    map
});

/// Meanings of a lower-cased word for the languages in `de`/`en`.
pub(crate) fn lookup(lower: &str, de: bool, en: bool) -> Senses {
    let mut out = Senses::default();
    let mut any = false;
    if let Some(senses) = TABLE.get(lower) {
        for (lex, l) in senses.iter() {
            let ok = match l {
                L::De => de,
                L::En => en,
                L::Both => true,
            };
            if ok {
                out.push(lex, l);
                any = true;
            }
        }
    }
    if de
        && !any
        && let Some(lex) = compound_weekday(lower)
    {
        out.push(lex, L::De);
    }
    out
}

/// German weekday compounds: "montagabend" → Monday evening, "montags" → every Monday.
fn compound_weekday(lower: &str) -> Option<Lex> {
    const WD: [&str; 7] = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    ];
    for (i, w) in WD.iter().enumerate() {
        if let Some(rest) = lower.strip_prefix(w) {
            let d = i as u32 + 1;
            return match rest {
                "s" => Some(Lex::WeekdaySet(d)),
                "morgen" | "früh" | "vormittag" => Some(Lex::WeekdayPart(d, DayPart::Morning)),
                "mittag" => Some(Lex::WeekdayPart(d, DayPart::Noon)),
                "nachmittag" => Some(Lex::WeekdayPart(d, DayPart::Afternoon)),
                "abend" => Some(Lex::WeekdayPart(d, DayPart::Evening)),
                "nacht" => Some(Lex::WeekdayPart(d, DayPart::Night)),
                _ => None,
            };
        }
    }
    None
}
