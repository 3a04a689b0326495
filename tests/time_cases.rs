//! Table-driven cases for the time expression recogniser (German and English).

use chrono::NaiveDate;
use dossier::model::{Lang, Timex, TimexType};
use dossier::time::find_timexes_in;

fn d(s: &str) -> Option<NaiveDate> {
    if s == "-" {
        None
    } else {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }
}

fn run(lang: &Lang, dct: &str, text: &str) -> Vec<Timex> {
    find_timexes_in(text, &[], lang, d(dct))
}

/// (document date, text, expected span, expected value)
type Case = (&'static str, &'static str, &'static str, &'static str);

fn check(lang: Lang, cases: &[Case]) {
    let mut failures = Vec::new();
    for (dct, text, span, value) in cases {
        let found = run(&lang, dct, text);
        let hit = found.iter().find(|t| t.span.slice(text) == *span);
        match hit {
            Some(t) if t.value == *value => {
                // resolved values never carry X placeholders when a DCT is given
                if *dct != "-" {
                    assert!(!t.unresolved, "{text:?}: unresolved with a DCT");
                }
            }
            Some(t) => failures.push(format!(
                "{dct} {text:?}: {span:?} = {} (want {value})",
                t.value
            )),
            None => failures.push(format!(
                "{dct} {text:?}: {span:?} not found; got {:?}",
                found
                    .iter()
                    .map(|t| (t.span.slice(text), t.value.as_str()))
                    .collect::<Vec<_>>()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const DCT: &str = "2024-11-19"; // a Tuesday

#[test]
fn german_absolute_and_relative() {
    let cases: &[Case] = &[
        (
            DCT,
            "Der Vertrag wurde am 19. Juni 2024 unterzeichnet.",
            "19. Juni 2024",
            "2024-06-19",
        ),
        (
            DCT,
            "Der Vertrag wurde am 19. Juni unterzeichnet.",
            "19. Juni",
            "2024-06-19",
        ),
        (
            DCT,
            "Die Wahl wird am 19. Juni stattfinden.",
            "19. Juni",
            "2025-06-19",
        ),
        (
            DCT,
            "Die Duma stimmte am 6. November zu.",
            "6. November",
            "2024-11-06",
        ),
        (
            DCT,
            "Veröffentlicht am 28.10.2024 in Berlin.",
            "28.10.2024",
            "2024-10-28",
        ),
        (DCT, "Am 28.10. wurde gewählt.", "28.10.", "2024-10-28"),
        (DCT, "Stand: 2024-11-19", "2024-11-19", "2024-11-19"),
        (DCT, "Das war im Jahr 2000 anders.", "Jahr 2000", "2000"),
        (
            DCT,
            "KCNA berichtete am Dienstag darüber.",
            "Dienstag",
            "2024-11-19",
        ),
        (
            DCT,
            "Die Delegation traf am Montag ein.",
            "Montag",
            "2024-11-18",
        ),
        (DCT, "Er sprach am Mittwoch.", "Mittwoch", "2024-11-13"),
        (DCT, "Er sprach am Sonntag.", "Sonntag", "2024-11-17"),
        (DCT, "Er wird am Mittwoch reisen.", "Mittwoch", "2024-11-20"),
        (
            DCT,
            "Er reist am kommenden Dienstag.",
            "kommenden Dienstag",
            "2024-11-26",
        ),
        (
            DCT,
            "Er reist am nächsten Freitag.",
            "nächsten Freitag",
            "2024-11-22",
        ),
        (
            DCT,
            "Er kam vergangenen Freitag.",
            "vergangenen Freitag",
            "2024-11-15",
        ),
        (
            DCT,
            "Er kam letzten Dienstag.",
            "letzten Dienstag",
            "2024-11-12",
        ),
        (
            DCT,
            "Er kam am Montagabend.",
            "Montagabend",
            "2024-11-18TEV",
        ),
        (
            DCT,
            "Er kam am Mittwochabend.",
            "Mittwochabend",
            "2024-11-13TEV",
        ),
        (
            DCT,
            "Es geschah in der Sonntagnacht.",
            "Sonntagnacht",
            "2024-11-17TNI",
        ),
        (DCT, "Das geschah gestern.", "gestern", "2024-11-18"),
        (
            DCT,
            "Die Regierung kündigte am Montag an, sie werde sparen.",
            "Montag",
            "2024-11-18",
        ),
        (DCT, "Das geschieht heute.", "heute", "2024-11-19"),
        (DCT, "Das wird morgen entschieden.", "morgen", "2024-11-20"),
        (DCT, "Das war vorgestern.", "vorgestern", "2024-11-17"),
        (DCT, "Das ist übermorgen.", "übermorgen", "2024-11-21"),
        (
            DCT,
            "Das geschah heute Morgen.",
            "heute Morgen",
            "2024-11-19TMO",
        ),
        (
            DCT,
            "Das geschah gestern Abend.",
            "gestern Abend",
            "2024-11-18TEV",
        ),
        (
            DCT,
            "Das war vergangene Woche.",
            "vergangene Woche",
            "2024-W46",
        ),
        (DCT, "Das kommt nächste Woche.", "nächste Woche", "2024-W48"),
        (DCT, "Das passiert diese Woche.", "diese Woche", "2024-W47"),
        (
            DCT,
            "Das war in der vergangenen Woche.",
            "vergangenen Woche",
            "2024-W46",
        ),
        (
            DCT,
            "Das war vor zwei Wochen.",
            "vor zwei Wochen",
            "2024-W45",
        ),
        (DCT, "Das war letzten Monat.", "letzten Monat", "2024-10"),
        (
            DCT,
            "Das kommt nächsten Monat.",
            "nächsten Monat",
            "2024-12",
        ),
        (DCT, "Das war letztes Jahr.", "letztes Jahr", "2023"),
        (
            DCT,
            "Das war im vergangenen Jahr.",
            "vergangenen Jahr",
            "2023",
        ),
        (DCT, "Das kommt nächstes Jahr.", "nächstes Jahr", "2025"),
        (
            DCT,
            "Das kommt im kommenden Jahr.",
            "kommenden Jahr",
            "2025",
        ),
        (DCT, "Das passiert dieses Jahr.", "dieses Jahr", "2024"),
        (DCT, "Das war vor drei Jahren.", "vor drei Jahren", "2021"),
        (DCT, "Das war vor einem Jahr.", "vor einem Jahr", "2023"),
        (
            DCT,
            "Das war vor drei Tagen.",
            "vor drei Tagen",
            "2024-11-16",
        ),
        (DCT, "Das war vor kurzem.", "vor kurzem", "PAST_REF"),
        (DCT, "Das war am Vortag.", "Vortag", "2024-11-18"),
        (
            DCT,
            "Das war Montag, 4. November.",
            "Montag, 4. November",
            "2024-11-04",
        ),
        (
            DCT,
            "Gültig ab: 15.05.2016 00:06",
            "15.05.2016",
            "2016-05-15",
        ),
        (
            DCT,
            "Gültig ab: 15.05.2016 00:06",
            "00:06",
            "2016-05-15T00:06",
        ),
        (
            DCT,
            "Sperrung von Montag, 1. August, 22.10 Uhr bis Donnerstag.",
            "22.10 Uhr",
            "2022-08-01T22:10",
        ),
        (
            DCT,
            "Sperrung von Montag, 1. August, 22.10 Uhr bis Donnerstag.",
            "Montag, 1. August",
            "2022-08-01",
        ),
        (
            DCT,
            "Meldung 17:21 23.02.16 zur Lage",
            "17:21",
            "2016-02-23T17:21",
        ),
        (
            DCT,
            "Ein 78 Jahre alter Mann wurde verletzt.",
            "78 Jahre",
            "P78Y",
        ),
        (
            DCT,
            "Der 13-jährige Schüler wurde verletzt.",
            "13-jährige",
            "P13Y",
        ),
        (DCT, "Stand 11.03.16", "11.03.16", "2016-03-11"),
        (DCT, "Das kommt in zwei Wochen.", "zwei Wochen", "2024-W49"),
        (
            DCT,
            "Die Feier ist an Weihnachten.",
            "Weihnachten",
            "2024-12-25",
        ),
        (
            DCT,
            "Die Feier ist an Silvester.",
            "Silvester",
            "2024-12-31",
        ),
        (
            DCT,
            "Am Wochenende wurde gefeiert.",
            "Wochenende",
            "2024-W46-WE",
        ),
        (DCT, "Von 2019 bis 2021 regierte er.", "2021", "2021"),
        (DCT, "In der Saison 2023/24 spielte er.", "2023/24", "2023"),
        (
            DCT,
            "Bis Ende März soll es fertig sein.",
            "Ende März",
            "2025-03",
        ),
        (
            DCT,
            "Die Grenze wurde im 20. Jahrhundert gezogen.",
            "20. Jahrhundert",
            "19",
        ),
    ];
    check(Lang::De, cases);
}

#[test]
fn german_vague_times_durations_sets() {
    let cases: &[Case] = &[
        (
            DCT,
            "Er wurde Anfang des Monats ratifiziert.",
            "Anfang des Monats",
            "2024-11",
        ),
        (DCT, "Das geschah Mitte Juni.", "Mitte Juni", "2024-06"),
        (DCT, "Das geschah Ende 2023.", "Ende 2023", "2023"),
        (DCT, "Das kommt Ende des Jahres.", "Ende des Jahres", "2024"),
        (
            DCT,
            "Das kommt Ende der Woche.",
            "Ende der Woche",
            "2024-W47",
        ),
        (
            DCT,
            "Das kommt Anfang nächsten Jahres.",
            "Anfang nächsten Jahres",
            "2025",
        ),
        (
            DCT,
            "Das geschah Anfang November.",
            "Anfang November",
            "2024-11",
        ),
        (DCT, "Das geschah Ende Oktober.", "Ende Oktober", "2024-10"),
        (
            DCT,
            "Das war Mitte der 90er Jahre.",
            "Mitte der 90er Jahre",
            "199",
        ),
        (
            DCT,
            "Das war Ende der 80er Jahre.",
            "Ende der 80er Jahre",
            "198",
        ),
        (
            DCT,
            "Das wurde in den letzten Monaten enger.",
            "letzten Monaten",
            "PXM",
        ),
        (
            DCT,
            "Das Treffen beginnt um 12.00 Uhr.",
            "12.00 Uhr",
            "2024-11-19T12:00",
        ),
        (
            DCT,
            "Das Treffen begann um 8 Uhr.",
            "8 Uhr",
            "2024-11-19T08:00",
        ),
        (
            DCT,
            "Der Unfall geschah um 15:32 Uhr.",
            "15:32 Uhr",
            "2024-11-19T15:32",
        ),
        (
            DCT,
            "Der Unfall geschah gegen 22.30 Uhr.",
            "22.30 Uhr",
            "2024-11-19T22:30",
        ),
        (
            DCT,
            "Der Zug kam kurz vor 07.00 Uhr.",
            "kurz vor 07.00 Uhr",
            "2024-11-19T07:00",
        ),
        (DCT, "Der Vertrag gilt drei Jahre.", "drei Jahre", "P3Y"),
        (
            DCT,
            "Sie verhandelten zwei Wochen lang.",
            "zwei Wochen lang",
            "P2W",
        ),
        (DCT, "Das dauert 18 Monate.", "18 Monate", "P18M"),
        (DCT, "Das dauert 24 Stunden.", "24 Stunden", "PT24H"),
        (DCT, "Das dauert 30 Minuten.", "30 Minuten", "PT30M"),
        (DCT, "Das dauert ein halbes Jahr.", "ein halbes Jahr", "P6M"),
        (DCT, "Das dauert eine Woche.", "eine Woche", "P1W"),
        (DCT, "Das dauert zwei Tage.", "zwei Tage", "P2D"),
        (DCT, "Das dauert mehrere Monate.", "mehrere Monate", "PXM"),
        (DCT, "Der Streit dauert seit Jahren an.", "Jahren", "PXY"),
        (DCT, "Sie stritten jahrelang.", "jahrelang", "PXY"),
        (DCT, "Er kommt jeden Montag.", "jeden Montag", "XXXX-WXX-1"),
        (DCT, "Er kommt montags.", "montags", "XXXX-WXX-1"),
        (DCT, "Das passiert jedes Jahr.", "jedes Jahr", "P1Y"),
        (
            DCT,
            "Der Bus fährt alle zwei Wochen.",
            "alle zwei Wochen",
            "P2W",
        ),
        (DCT, "Die Zeitung erscheint täglich.", "täglich", "P1D"),
        (
            DCT,
            "Der Umsatz stieg im dritten Quartal.",
            "dritten Quartal",
            "2024-Q3",
        ),
        (
            DCT,
            "Der Umsatz stieg im ersten Quartal 2023.",
            "ersten Quartal 2023",
            "2023-Q1",
        ),
        (DCT, "Der Umsatz stieg in Q3 2024.", "Q3 2024", "2024-Q3"),
        (DCT, "Das war im Sommer 2015.", "Sommer 2015", "2015-SU"),
        (DCT, "Das war im Frühjahr.", "Frühjahr", "2024-SP"),
        (DCT, "Das waren die 90er Jahre.", "90er Jahre", "199"),
        (DCT, "Das war in den 1990er-Jahren.", "1990er-Jahren", "199"),
        (DCT, "Das war in den Neunzigern.", "Neunzigern", "199"),
        (
            DCT,
            "Im Geschäftsjahr 2023 stieg der Umsatz.",
            "Geschäftsjahr 2023",
            "2023",
        ),
        (DCT, "Das ist kürzlich passiert.", "kürzlich", "PAST_REF"),
        (DCT, "Das ist derzeit so.", "derzeit", "PRESENT_REF"),
        (DCT, "Das wird in Zukunft anders.", "Zukunft", "FUTURE_REF"),
    ];
    check(Lang::De, cases);
}

#[test]
fn english_cases() {
    let cases: &[Case] = &[
        (
            DCT,
            "It was signed on November 19, 2024.",
            "November 19, 2024",
            "2024-11-19",
        ),
        (
            DCT,
            "It was signed on Nov. 19, 2024.",
            "Nov. 19, 2024",
            "2024-11-19",
        ),
        (
            DCT,
            "It was signed Nov 19 in Moscow.",
            "Nov 19",
            "2024-11-19",
        ),
        (
            DCT,
            "It was signed on 19 November 2024.",
            "19 November 2024",
            "2024-11-19",
        ),
        (
            DCT,
            "It was signed on the 19th of November.",
            "19th of November",
            "2024-11-19",
        ),
        (
            DCT,
            "The treaty was signed on June 19.",
            "June 19",
            "2024-06-19",
        ),
        (
            DCT,
            "The vote will take place on June 19.",
            "June 19",
            "2025-06-19",
        ),
        (DCT, "It was approved on Nov. 6.", "Nov. 6", "2024-11-06"),
        (DCT, "Payment is due Dec. 15.", "Dec. 15", "2024-12-15"),
        (DCT, "He arrived yesterday.", "yesterday", "2024-11-18"),
        (DCT, "He arrives today.", "today", "2024-11-19"),
        (DCT, "He arrives tomorrow.", "tomorrow", "2024-11-20"),
        (DCT, "He arrived last week.", "last week", "2024-W46"),
        (DCT, "He arrives next week.", "next week", "2024-W48"),
        (DCT, "He arrives this week.", "this week", "2024-W47"),
        (
            DCT,
            "He had arrived the previous day.",
            "the previous day",
            "2024-11-18",
        ),
        (DCT, "He spoke on Sunday.", "Sunday", "2024-11-17"),
        (DCT, "He will speak on Sunday.", "Sunday", "2024-11-24"),
        (
            DCT,
            "The company said Friday it will cut jobs.",
            "Friday",
            "2024-11-15",
        ),
        (DCT, "He spoke last Friday.", "last Friday", "2024-11-15"),
        (DCT, "He speaks next Tuesday.", "next Tuesday", "2024-11-26"),
        (DCT, "He left two years ago.", "two years ago", "2022"),
        (
            DCT,
            "He left three days ago.",
            "three days ago",
            "2024-11-16",
        ),
        (DCT, "He left a month ago.", "a month ago", "2024-10"),
        (DCT, "He left last month.", "last month", "2024-10"),
        (DCT, "He leaves next year.", "next year", "2025"),
        (DCT, "He leaves this year.", "this year", "2024"),
        (DCT, "He leaves early next year.", "early next year", "2025"),
        (DCT, "He recently left.", "recently", "PAST_REF"),
        (DCT, "He is now in Paris.", "now", "PRESENT_REF"),
        (DCT, "We meet at 3 p.m.", "3 p.m.", "2024-11-19T15:00"),
        (
            DCT,
            "We meet at 10:30 a.m. today.",
            "10:30 a.m. today",
            "2024-11-19T10:30",
        ),
        (DCT, "We meet at noon.", "noon", "2024-11-19T12:00"),
        (DCT, "It lasted a decade.", "a decade", "P10Y"),
        (DCT, "It lasted three years.", "three years", "P3Y"),
        (DCT, "It lasted six months.", "six months", "P6M"),
        (DCT, "It lasted several years.", "several years", "PXY"),
        (
            DCT,
            "Prices rose in the past two months.",
            "the past two months",
            "P2M",
        ),
        (DCT, "The league plays each season.", "each season", "P1SE"),
        (DCT, "They meet every Monday.", "every Monday", "XXXX-WXX-1"),
        (DCT, "They meet every week.", "every week", "P1W"),
        (
            DCT,
            "Profit rose in the third quarter.",
            "the third quarter",
            "2024-Q3",
        ),
        (
            DCT,
            "Profit rose in the fourth quarter of 2023.",
            "the fourth quarter of 2023",
            "2023-Q4",
        ),
        (DCT, "Profit rose in Q1 2024.", "Q1 2024", "2024-Q1"),
        (
            DCT,
            "Profit rose in the first half of 2024.",
            "the first half of 2024",
            "2024-H1",
        ),
        (DCT, "It happened last summer.", "last summer", "2024-SU"),
        (
            DCT,
            "It happened in the summer of 2019.",
            "the summer of 2019",
            "2019-SU",
        ),
        (DCT, "Sales rose in fiscal 2023.", "fiscal 2023", "2023"),
        (DCT, "It was popular in the 1990s.", "the 1990s", "199"),
        (DCT, "It was popular in the '90s.", "the '90s", "199"),
        (
            DCT,
            "It was popular in the nineties.",
            "the nineties",
            "199",
        ),
        (DCT, "It shaped the 20th century.", "the 20th century", "19"),
        (
            DCT,
            "It happened in mid-November.",
            "mid-November",
            "2024-11",
        ),
        (DCT, "It happened in late 2023.", "late 2023", "2023"),
        (
            DCT,
            "It happens at the end of the year.",
            "the end of the year",
            "2024",
        ),
        (
            DCT,
            "It happened at the beginning of the month.",
            "the beginning of the month",
            "2024-11",
        ),
        (
            DCT,
            "It happened this morning.",
            "this morning",
            "2024-11-19TMO",
        ),
        (
            DCT,
            "It happened Tuesday night.",
            "Tuesday night",
            "2024-11-19TNI",
        ),
        (
            DCT,
            "It happened last night.",
            "last night",
            "2024-11-18TNI",
        ),
        (DCT, "It happens tonight.", "tonight", "2024-11-19TNI"),
        (DCT, "It happened in March 2024.", "March 2024", "2024-03"),
        (DCT, "It happened in May.", "May", "2024-05"),
        (DCT, "It happened in 1999.", "1999", "1999"),
        (DCT, "They celebrate Christmas.", "Christmas", "2024-12-25"),
        (
            DCT,
            "He rested over the weekend.",
            "the weekend",
            "2024-W46-WE",
        ),
        (DCT, "It comes in two weeks.", "two weeks", "2024-W49"),
        (DCT, "They have argued for years.", "years", "PXY"),
        (DCT, "The paper appears daily.", "daily", "P1D"),
        (
            DCT,
            "At 5 p.m. EST, Nov. 6 the polls closed.",
            "5 p.m. EST, Nov. 6",
            "2024-11-06T17:00",
        ),
        (DCT, "It changed in the year 2000.", "year 2000", "2000"),
        (
            DCT,
            "Prices will rise in the near term.",
            "the near term",
            "FUTURE_REF",
        ),
        (
            DCT,
            "Prices will rise in the weeks ahead.",
            "the weeks ahead",
            "PXW",
        ),
        (DCT, "These days prices rise.", "These days", "PRESENT_REF"),
        (DCT, "Prices rose in recent years.", "recent years", "PXY"),
        (
            DCT,
            "Results for the 1988 third quarter.",
            "the 1988 third quarter",
            "1988-Q3",
        ),
        (
            DCT,
            "Earnings in this year's third quarter rose.",
            "this year's third quarter",
            "2024-Q3",
        ),
    ];
    check(Lang::En, cases);
}

#[test]
fn boundaries_of_weeks_months_and_years() {
    let de: &[Case] = &[
        ("2024-01-02", "Das war am Freitag.", "Freitag", "2023-12-29"),
        (
            "2024-01-02",
            "Das war vergangene Woche.",
            "vergangene Woche",
            "2023-W52",
        ),
        (
            "2024-01-02",
            "Das war letzten Monat.",
            "letzten Monat",
            "2023-12",
        ),
        (
            "2024-01-02",
            "Das war am 28. Dezember.",
            "28. Dezember",
            "2023-12-28",
        ),
        (
            "2024-01-03",
            "Das war am 1. Januar.",
            "1. Januar",
            "2024-01-01",
        ),
        (
            "2023-12-30",
            "Er kommt nächsten Dienstag.",
            "nächsten Dienstag",
            "2024-01-02",
        ),
        (
            "2023-12-30",
            "Er wird am Montag kommen.",
            "Montag",
            "2024-01-01",
        ),
        (
            "2024-03-01",
            "Das war am Donnerstag.",
            "Donnerstag",
            "2024-02-29",
        ),
        (
            "2024-03-01",
            "Das war vor einem Monat.",
            "vor einem Monat",
            "2024-02",
        ),
        (
            "2025-03-01",
            "Das war am 29. Februar.",
            "29. Februar",
            "2024-02-29",
        ),
        (
            "2024-12-30",
            "Das war letztes Jahr.",
            "letztes Jahr",
            "2023",
        ),
        (
            // the present tense announces (issue #15): the coming Wednesday
            "2024-12-31",
            "Er kommt am Mittwoch.",
            "Mittwoch",
            "2025-01-01",
        ),
        (
            "2024-12-31",
            "Er wird am Mittwoch kommen.",
            "Mittwoch",
            "2025-01-01",
        ),
        (
            "2024-11-17",
            "Er sprach am Sonntag.",
            "Sonntag",
            "2024-11-17",
        ),
        (
            "2024-11-17",
            "Er kommt kommenden Sonntag.",
            "kommenden Sonntag",
            "2024-11-24",
        ),
        (
            "2024-11-17",
            "Er kam vergangenen Sonntag.",
            "vergangenen Sonntag",
            "2024-11-10",
        ),
    ];
    check(Lang::De, de);
    let en: &[Case] = &[
        ("2024-01-01", "He left last week.", "last week", "2023-W52"),
        (
            "2024-12-30",
            "He is here this week.",
            "this week",
            "2025-W01",
        ),
        ("2024-12-30", "He comes next year.", "next year", "2025"),
        ("2021-01-03", "He left last week.", "last week", "2020-W52"),
        ("2021-01-03", "He spoke on Monday.", "Monday", "2020-12-28"),
        (
            "2024-01-05",
            "He spoke on Dec. 30.",
            "Dec. 30",
            "2023-12-30",
        ),
        ("2023-12-28", "It closes on Jan. 3.", "Jan. 3", "2024-01-03"),
        ("2024-11-19", "He spoke Tuesday.", "Tuesday", "2024-11-19"),
        (
            "2024-11-19",
            "He will speak Tuesday.",
            "Tuesday",
            "2024-11-19",
        ),
        (
            "2024-11-19",
            "He will speak next Tuesday.",
            "next Tuesday",
            "2024-11-26",
        ),
    ];
    check(Lang::En, en);
}

#[test]
fn without_document_date_relative_values_stay_unresolved() {
    let de: &[Case] = &[
        ("-", "Das war letzte Woche.", "letzte Woche", "XXXX-WXX"),
        ("-", "Das war gestern.", "gestern", "XXXX-XX-XX"),
        ("-", "Das war am Dienstag.", "Dienstag", "XXXX-WXX-2"),
        ("-", "Das war am 19. Juni.", "19. Juni", "XXXX-06-19"),
        ("-", "Das war Mitte Juni.", "Mitte Juni", "XXXX-06"),
        ("-", "Das war vor zwei Jahren.", "vor zwei Jahren", "XXXX"),
        ("-", "Das war letzten Monat.", "letzten Monat", "XXXX-XX"),
        (
            "-",
            "Das war im dritten Quartal.",
            "dritten Quartal",
            "XXXX-Q3",
        ),
        (
            "-",
            "Das war am Montagabend.",
            "Montagabend",
            "XXXX-WXX-1TEV",
        ),
    ];
    check(Lang::De, de);
    let en: &[Case] = &[
        ("-", "He spoke on Sunday.", "Sunday", "XXXX-WXX-7"),
        ("-", "He spoke on June 19.", "June 19", "XXXX-06-19"),
        ("-", "He spoke yesterday.", "yesterday", "XXXX-XX-XX"),
        ("-", "He spoke last year.", "last year", "XXXX"),
    ];
    check(Lang::En, en);
    // relative → unresolved; absolute → resolved
    for (lang, text, span, unresolved) in [
        (Lang::De, "Das war am 19. Juni.", "19. Juni", true),
        (
            Lang::De,
            "Das war am 19. Juni 2024.",
            "19. Juni 2024",
            false,
        ),
        (
            Lang::En,
            "It was November 19, 2024.",
            "November 19, 2024",
            false,
        ),
        (Lang::En, "It was last week.", "last week", true),
        (Lang::En, "It lasted three years.", "three years", false),
    ] {
        let t = run(&lang, "-", text);
        let t = t.iter().find(|t| t.span.slice(text) == span).unwrap();
        assert_eq!(t.unresolved, unresolved, "{text}");
        if unresolved {
            assert!(t.value.contains('X'), "{text}: {}", t.value);
            assert!(t.range.is_none());
        }
    }
}

#[test]
fn no_invented_dates_and_no_false_alarms() {
    let none: &[(Lang, &str)] = &[
        (Lang::De, "Das war am 31. Februar."),
        (Lang::De, "Das war am 30.02.2024."),
        (Lang::De, "Stand: 2024-13-01"),
        (Lang::De, "Stand: 2024-02-30"),
        (Lang::En, "It was February 30, 2024."),
        (Lang::En, "It was on 2024-13-01."),
        (Lang::De, "Es kamen 2000 Soldaten."),
        (Lang::De, "Mehr als 10.000 Soldaten wurden eingesetzt."),
        (Lang::De, "Die 11. Sitzung des Komitees."),
        (Lang::En, "You may go now if you like."),
        (Lang::En, "They joined a march through town."),
        (Lang::En, "Some 1,500 troops arrived."),
        (Lang::En, "He is 52 years old."),
        (Lang::De, "Analysierte Forenbeiträge: 53"),
        (Lang::De, "Das Ergebnis war 2:1."),
        (Lang::De, "Schauspieler August Diehl kam nach Berlin."),
        (Lang::De, "Das Ende der Diktatur kam."),
        (Lang::De, "Die Mitte der Gesellschaft wählt."),
        (Lang::De, "Vor allem die Jugend."),
        (Lang::De, "Die Linie 12 fährt bis Tempo 30."),
        (Lang::De, "Dr. Stefan Sommer sagte das."),
        (Lang::De, "Der IC 2083 fährt nach Hamburg."),
        // Index points and prices are not years.
        (
            Lang::En,
            "The index shed 47.3 points to close at 2082.1, down 4.5%.",
        ),
        (
            Lang::En,
            "The average tumbled 39.55 points, to 2613.73, in active trading.",
        ),
        (Lang::De, "Der DAX schloss bei 2013,45 Punkten."),
        (Lang::En, "It rose to 2613 points."),
        (Lang::En, "It rose to 2000 points."),
    ];
    for (lang, text) in none {
        let found = run(lang, DCT, text);
        let bad: Vec<_> = found
            .iter()
            .filter(|t| !matches!(t.value.as_str(), "PRESENT_REF" | "PAST_REF" | "FUTURE_REF"))
            .map(|t| (t.span.slice(text), t.value.clone()))
            .collect();
        assert!(bad.is_empty(), "{text:?}: {bad:?}");
    }
    // Years far out of range never produce a date.
    for text in [
        "im Jahr 99999",
        "Jahr 0",
        "am 1. Januar 99999",
        "am 19. Juni 30000",
    ] {
        for t in run(&Lang::De, DCT, text) {
            assert!(
                t.value.len() <= 10 && !t.value.starts_with("9999"),
                "{text}: {t:?}"
            );
        }
    }
}

#[test]
fn ranges_of_vague_expressions() {
    let cases: &[(Lang, &str, &str, &str, &str)] = &[
        (
            Lang::De,
            "Anfang des Monats",
            "2024-11",
            "2024-11-01",
            "2024-11-10",
        ),
        (
            Lang::De,
            "Mitte Juni",
            "2024-06",
            "2024-06-11",
            "2024-06-20",
        ),
        (
            Lang::De,
            "Ende Oktober",
            "2024-10",
            "2024-10-21",
            "2024-10-31",
        ),
        (Lang::De, "Ende 2023", "2023", "2023-09-01", "2023-12-31"),
        (
            Lang::En,
            "early next year",
            "2025",
            "2025-01-01",
            "2025-04-30",
        ),
        (
            Lang::En,
            "mid-November",
            "2024-11",
            "2024-11-11",
            "2024-11-20",
        ),
        (
            Lang::De,
            "vergangene Woche",
            "2024-W46",
            "2024-11-11",
            "2024-11-17",
        ),
        (
            Lang::De,
            "im dritten Quartal",
            "2024-Q3",
            "2024-07-01",
            "2024-09-30",
        ),
        (
            Lang::De,
            "im Winter 2023",
            "2023-WI",
            "2023-12-01",
            "2024-02-29",
        ),
        (Lang::En, "the 1990s", "199", "1990-01-01", "1999-12-31"),
    ];
    for (lang, text, value, a, b) in cases {
        let found = run(lang, DCT, text);
        let t = found.first().unwrap_or_else(|| panic!("{text}: nothing"));
        assert_eq!(&t.value, value, "{text}");
        let r = t.range.unwrap_or_else(|| panic!("{text}: no range"));
        assert_eq!(r.earliest, d(a).unwrap(), "{text}");
        assert_eq!(r.latest, d(b).unwrap(), "{text}");
    }
}

#[test]
fn types_are_set() {
    let cases: &[(Lang, &str, TimexType)] = &[
        (Lang::De, "drei Jahre", TimexType::Duration),
        (Lang::De, "jeden Montag", TimexType::Set),
        (Lang::De, "um 12.00 Uhr", TimexType::Time),
        (Lang::De, "19. Juni", TimexType::Date),
        (Lang::En, "a decade", TimexType::Duration),
        (Lang::En, "each season", TimexType::Set),
        (Lang::En, "at 3 p.m.", TimexType::Time),
        (Lang::En, "yesterday", TimexType::Date),
    ];
    for (lang, text, ty) in cases {
        let found = run(lang, DCT, text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].timex_type, *ty, "{text}");
    }
}

#[test]
fn english_news_idioms() {
    let cases: &[Case] = &[
        (DCT, "The future looks bright.", "The future", "FUTURE_REF"),
        (
            DCT,
            "Shares fell for eight trading days.",
            "eight trading days",
            "P8D",
        ),
        (DCT, "The law was recently passed.", "recently", "PAST_REF"),
        (DCT, "Earlier this year, sales fell.", "this year", "2024"),
        (
            DCT,
            "He spoke this afternoon.",
            "this afternoon",
            "2024-11-19TAF",
        ),
        (
            DCT,
            "Police said the attack happened Monday night.",
            "Monday night",
            "2024-11-18TNI",
        ),
        (
            DCT,
            "Net income for the year ended Sept. 30 rose.",
            "the year",
            "P1Y",
        ),
        (DCT, "Sales rose earlier in the year.", "the year", "2024"),
    ];
    check(Lang::En, cases);
    // an adverb inside a noun phrase is no time expression
    assert!(run(&Lang::En, DCT, "the recently passed law").is_empty());
}

/// Issue #23: every form the issue names, German and English (document date Tuesday
/// 2024-11-12 unless given).
#[test]
fn forms_of_issue_23() {
    const T: &str = "2024-11-12";
    let de: &[Case] = &[
        (T, "Vermerk: 2012/8/10.", "2012/8/10", "2012-08-10"),
        (T, "Seit 9/2012 gilt das.", "9/2012", "2012-09"),
        (T, "Datiert auf 09-JAN-2017.", "09-JAN-2017", "2017-01-09"),
        (T, "Eintrag 2014.12.28 im Log.", "2014.12.28", "2014-12-28"),
        (T, "Verladen am 21-APR-16.", "21-APR-16", "2016-04-21"),
        (T, "Die Frist endete am 30-12-16.", "30-12-16", "2016-12-30"),
        (
            T,
            "Die Daten für 2024 Aug liegen vor.",
            "2024 Aug",
            "2024-08",
        ),
        (
            T,
            "Er erschien am 3. Aug. 96 im Blatt.",
            "3. Aug. 96",
            "1996-08-03",
        ),
        (
            T,
            "Am 10-August 2012 wurde unterschrieben.",
            "10-August 2012",
            "2012-08-10",
        ),
        (
            T,
            "Am vierundzwanzigsten Mai wurde gewählt.",
            "vierundzwanzigsten Mai",
            "2024-05-24",
        ),
        (
            T,
            "Das Urteil fiel am 10.8.2012.",
            "10.8.2012",
            "2012-08-10",
        ),
        (
            T,
            "Die Rechnung vom 3/5/2019 blieb offen.",
            "3/5/2019",
            "2019-05-03",
        ),
        (
            T,
            "Das Konzert beginnt übermorgen Abend.",
            "übermorgen Abend",
            "2024-11-14TEV",
        ),
        (
            T,
            "Letzte Nacht brannte es.",
            "Letzte Nacht",
            "2024-11-11TNI",
        ),
        (T, "Der Zug kam mittags an.", "mittags", "2024-11-12T12:00"),
        (T, "Der Zug fährt um 6h30.", "6h30", "2024-11-12T06:30"),
        (
            T,
            "Die Sitzung beginnt in 5 Minuten.",
            "5 Minuten",
            "2024-11-12",
        ),
        (T, "Das war vor 2 Wochen.", "vor 2 Wochen", "2024-W44"),
        (
            T,
            "Die Schlacht fand 113 v. Chr. statt.",
            "113 v. Chr.",
            "BC0113",
        ),
        (T, "Geweiht im Jahr 2555 BE.", "Jahr 2555 BE", "2012"),
        (T, "Wir treffen uns Sonntag.", "Sonntag", "2024-11-17"),
        (
            T,
            "Das Staatsoberhaupt habe das Dekret am Montag unterzeichnet.",
            "Montag",
            "2024-11-11",
        ),
        (
            T,
            "Der Minister sei am Freitag gereist.",
            "Freitag",
            "2024-11-08",
        ),
        (
            T,
            "Der Bundestag entscheidet am Freitag.",
            "Freitag",
            "2024-11-15",
        ),
        (
            T,
            "Die Kommission wird am Donnerstag tagen.",
            "Donnerstag",
            "2024-11-14",
        ),
        (
            T,
            "Am Donnerstag tagte die Kommission.",
            "Donnerstag",
            "2024-11-07",
        ),
        (
            T,
            "Im August hatte die Firma geschlossen.",
            "August",
            "2024-08",
        ),
        (T, "Im März wird gewählt.", "März", "2025-03"),
        (
            T,
            "Urteil am Dienstag nächster Woche.",
            "Dienstag nächster Woche",
            "2024-11-19",
        ),
        (T, "In der KW 45 wurde gemessen.", "KW 45", "2024-W45"),
        (
            T,
            "Vorletzte Woche war er in Rom.",
            "Vorletzte Woche",
            "2024-W44",
        ),
        (T, "Ostern 2025 fällt spät.", "Ostern 2025", "2025-04-20"),
    ];
    check(Lang::De, de);
    let en: &[Case] = &[
        (T, "Dated 8/10/2012 in Albany.", "8/10/2012", "2012-08-10"),
        (T, "Sales peaked on 8/10, he said.", "8/10", "2024-08-10"),
        (T, "The memo is dated 2012/8/10.", "2012/8/10", "2012-08-10"),
        (T, "Idle since 9/2012.", "9/2012", "2012-09"),
        (
            T,
            "The article ran on 3 Aug 96 here.",
            "3 Aug 96",
            "1996-08-03",
        ),
        (
            T,
            "Filed August/10/2012 by mail.",
            "August/10/2012",
            "2012-08-10",
        ),
        (
            T,
            "Twenty-fourth of May was the day.",
            "Twenty-fourth of May",
            "2024-05-24",
        ),
        (
            T,
            "The verdict is due the day after tomorrow.",
            "the day after tomorrow",
            "2024-11-14",
        ),
        (
            T,
            "He will testify on Tuesday of next week.",
            "Tuesday of next week",
            "2024-11-19",
        ),
        (
            T,
            "A statement comes within the next hour.",
            "next hour",
            "2024-11-12",
        ),
        (T, "The cast came off 3w later.", "3w later", "2024-W49"),
        (T, "Results will come in a week.", "a week", "2024-W47"),
        (
            T,
            "The deadline is 5 days from now.",
            "5 days from now",
            "2024-11-17",
        ),
        (T, "The strike went on for a week.", "a week", "P1W"),
        (T, "The battle was fought in 113 BC.", "113 BC", "BC0113"),
        (T, "Consecrated in 2555 BE.", "2555 BE", "2012"),
        (T, "Vesuvius erupted in AD 79.", "AD 79", "0079"),
        (
            T,
            "We will meet next Saturday.",
            "next Saturday",
            "2024-11-16",
        ),
        (T, "We meet on Sunday.", "Sunday", "2024-11-17"),
        (
            T,
            "The head of state signed the decree on Monday.",
            "Monday",
            "2024-11-11",
        ),
        (
            T,
            "Parliament votes on the budget Friday.",
            "Friday",
            "2024-11-15",
        ),
        (
            T,
            "The union has called a strike for Monday.",
            "Monday",
            "2024-11-18",
        ),
        (T, "Easter 2025 falls late.", "Easter 2025", "2025-04-20"),
        (
            T,
            "Shops close early on Christmas Eve.",
            "Christmas Eve",
            "2024-12-24",
        ),
    ];
    check(Lang::En, en);
}

/// Ranges keep both ends; offsets say how far; day/month order and direction say when they
/// were chosen by convention; invalid dates and numbers that only look like dates give nothing.
#[test]
fn ranges_offsets_doubts_and_invalid_dates() {
    use dossier::model::Uncertainty;
    const T: &str = "2024-11-12";
    let first = |lang: &Lang, text: &str| run(lang, T, text).into_iter().next();
    for (lang, text, begin, end) in [
        (
            Lang::De,
            "Die Schau lief 10. - 22. August 2012.",
            "2012-08-10",
            "2012-08-22",
        ),
        (
            Lang::De,
            "Vom 2. bis 6. September tagte der Rat.",
            "2024-09-02",
            "2024-09-06",
        ),
        (
            Lang::En,
            "The exhibit ran Aug 10 - Nov 12, 2013.",
            "2013-08-10",
            "2013-11-12",
        ),
        (
            Lang::En,
            "The talks were held August 10-22, 2012.",
            "2012-08-10",
            "2012-08-22",
        ),
        (
            Lang::En,
            "It ran Dec 28 - Jan 3, 2014.",
            "2013-12-28",
            "2014-01-03",
        ),
    ] {
        let t = first(&lang, text).unwrap_or_else(|| panic!("{text}: nothing"));
        let ends = t.ends.clone().unwrap_or_else(|| panic!("{text}: no ends"));
        assert_eq!(
            (ends.begin.as_str(), ends.end.as_str()),
            (begin, end),
            "{text}"
        );
        assert_eq!(t.value, begin, "{text}");
        let r = t.range.unwrap();
        assert_eq!(r.earliest, d(begin).unwrap(), "{text}");
        assert_eq!(r.latest, d(end).unwrap(), "{text}");
    }
    for (lang, text, offset) in [
        (Lang::De, "Das war vor 2 Wochen.", "-P2W"),
        (Lang::De, "Die Sitzung beginnt in 5 Minuten.", "PT5M"),
        (Lang::En, "The deadline is 5 days from now.", "P5D"),
        (Lang::En, "He left two years ago.", "-P2Y"),
    ] {
        let t = first(&lang, text).unwrap();
        assert_eq!(t.offset.as_deref(), Some(offset), "{text}");
    }
    for (lang, text, doubt) in [
        (
            Lang::De,
            "Die Rechnung vom 3/5/2019 blieb offen.",
            Some(Uncertainty::DayMonthOrder),
        ),
        (
            Lang::En,
            "The bill dated 3/5/2019 was never paid.",
            Some(Uncertainty::DayMonthOrder),
        ),
        (Lang::En, "The letter dated 13/5/2019 arrived.", None),
        (Lang::De, "Das Urteil fiel am 10.8.2012.", None),
        (Lang::En, "Monday.", Some(Uncertainty::Direction)),
        (Lang::En, "He spoke on Monday.", None),
    ] {
        let t = first(&lang, text).unwrap();
        assert_eq!(t.uncertain, doubt, "{text}");
    }
    for (lang, text) in [
        (Lang::De, "Das war am 32. Oktober 2015."),
        (Lang::En, "It ran February 20 - 29, 2022."),
        (Lang::En, "The software is available as Version: 1.1.30."),
        (Lang::De, "Das Update 10.3.12 behebt Fehler."),
        (Lang::De, "Der Server hat die Adresse 192.168.10.12."),
        (Lang::En, "The game ended 21-17 for the visitors."),
        (Lang::En, "Critics rated the film 8/10."),
        (Lang::En, "Open 24/7 for all customers."),
        (Lang::De, "Bayern gewann 3:1."),
    ] {
        let dates: Vec<_> = run(&lang, T, text)
            .into_iter()
            .filter(|t| matches!(t.timex_type, TimexType::Date | TimexType::Time))
            .map(|t| t.value)
            .collect();
        assert!(dates.is_empty(), "{text}: {dates:?}");
    }
}
