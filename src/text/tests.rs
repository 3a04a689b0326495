//! Table-driven tests of the tokenizer and the sentence splitter.

use super::*;
use crate::model::{Lang, Span};

const DE: Lang = Lang::De;
const EN: Lang = Lang::En;

fn token_texts<'a>(text: &'a str, lang: &Lang) -> Vec<&'a str> {
    tokenize(text, lang).iter().map(|t| t.text(text)).collect()
}

fn sentence_texts<'a>(text: &'a str, lang: &Lang) -> Vec<&'a str> {
    let tokens = tokenize(text, lang);
    split_sentences(text, &tokens, lang)
        .iter()
        .map(|s| s.span.slice(text))
        .collect()
}

/// (language, input, expected tokens)
const TOKEN_CASES: &[(Lang, &str, &[&str])] = &[
    // hyphenated compounds and names
    (
        DE,
        "Der NATO-Chef Mark Rutte",
        &["Der", "NATO-Chef", "Mark", "Rutte"],
    ),
    (
        DE,
        "im Ukraine-Konflikt eingesetzt",
        &["im", "Ukraine-Konflikt", "eingesetzt"],
    ),
    (DE, "Kim Yong-hyun warnte", &["Kim", "Yong-hyun", "warnte"]),
    (
        EN,
        "Kim Jong-un met Putin",
        &["Kim", "Jong-un", "met", "Putin"],
    ),
    (
        DE,
        "die Baden-Württemberg-Wahl",
        &["die", "Baden-Württemberg-Wahl"],
    ),
    (DE, "Ein- und Ausfuhr", &["Ein-", "und", "Ausfuhr"]),
    (
        DE,
        "Import-, Export- und Transitgeschäft",
        &["Import-", ",", "Export-", "und", "Transitgeschäft"],
    ),
    (DE, "COVID-19-Pandemie", &["COVID-19-Pandemie"]),
    (DE, "der 24-Jährige", &["der", "24-Jährige"]),
    (DE, "Berlin – Moskau", &["Berlin", "–", "Moskau"]),
    (DE, "Berlin—Moskau", &["Berlin", "—", "Moskau"]),
    (DE, "Hamburg - Bremen", &["Hamburg", "-", "Bremen"]),
    // abbreviations
    (DE, "z. B. Nordkorea", &["z.", "B.", "Nordkorea"]),
    (DE, "z.B. Nordkorea", &["z.B.", "Nordkorea"]),
    (DE, "Nr. 5 bzw. Nr. 6", &["Nr.", "5", "bzw.", "Nr.", "6"]),
    (DE, "ca. 3 Mio. Euro", &["ca.", "3", "Mio.", "Euro"]),
    (DE, "Dr. Angela Merkel", &["Dr.", "Angela", "Merkel"]),
    (DE, "u. a. Russland", &["u.", "a.", "Russland"]),
    (DE, "u.a. Russland", &["u.a.", "Russland"]),
    (DE, "Prof. Dr. Müller", &["Prof.", "Dr.", "Müller"]),
    (DE, "vgl. Abs. 2", &["vgl.", "Abs.", "2"]),
    (DE, "im 19. Jh. gebaut", &["im", "19.", "Jh.", "gebaut"]),
    (
        EN,
        "Mr. Smith and Dr. Jones",
        &["Mr.", "Smith", "and", "Dr.", "Jones"],
    ),
    (EN, "the U.S. Army", &["the", "U.S.", "Army"]),
    (
        EN,
        "e.g. this, i.e. that",
        &["e.g.", "this", ",", "i.e.", "that"],
    ),
    (
        EN,
        "Apple Inc. and Microsoft Corp.",
        &["Apple", "Inc.", "and", "Microsoft", "Corp."],
    ),
    (EN, "St. Louis", &["St.", "Louis"]),
    (EN, "George W. Bush", &["George", "W.", "Bush"]),
    // numbers, ordinals, times
    (
        DE,
        "mehr als 10.000 Soldaten",
        &["mehr", "als", "10.000", "Soldaten"],
    ),
    (DE, "um 3,5 Prozent", &["um", "3,5", "Prozent"]),
    (
        EN,
        "1,000,000 dollars or 3.5 percent",
        &["1,000,000", "dollars", "or", "3.5", "percent"],
    ),
    (DE, "um 12.00 Uhr", &["um", "12.00", "Uhr"]),
    (DE, "gegen 10:15 Uhr", &["gegen", "10:15", "Uhr"]),
    (DE, "am 19. Juni", &["am", "19.", "Juni"]),
    (DE, "am 6. November 2024", &["am", "6.", "November", "2024"]),
    (DE, "im 19. Jahrhundert", &["im", "19.", "Jahrhundert"]),
    (DE, "an der 11. Sitzung", &["an", "der", "11.", "Sitzung"]),
    (
        DE,
        "vom 19. bis 21. Juni",
        &["vom", "19.", "bis", "21.", "Juni"],
    ),
    (
        DE,
        "im Jahr 2024. Danach",
        &["im", "Jahr", "2024", ".", "Danach"],
    ),
    (DE, "Stand: 19.11.2024", &["Stand", ":", "19.11.2024"]),
    (DE, "am 2024-11-19", &["am", "2024-11-19"]),
    (DE, "am 19.11. in Berlin", &["am", "19.11.", "in", "Berlin"]),
    (
        DE,
        "vom 1.3. bis 5.3. geöffnet",
        &["vom", "1.3.", "bis", "5.3.", "geöffnet"],
    ),
    (DE, "um 12.30. Danach", &["um", "12.30", ".", "Danach"]),
    (
        DE,
        "kostet 5 € oder 20 %",
        &["kostet", "5", "€", "oder", "20", "%"],
    ),
    (EN, "$5 billion", &["$", "5", "billion"]),
    (EN, "on Nov. 5, 2024", &["on", "Nov.", "5", ",", "2024"]),
    (EN, "the 19. century", &["the", "19", ".", "century"]),
    (
        DE,
        "Kaiser Wilhelm II. dankte ab",
        &["Kaiser", "Wilhelm", "II.", "dankte", "ab"],
    ),
    (DE, "beim 1. FC Köln", &["beim", "1.", "FC", "Köln"]),
    (
        DE,
        "nach dem 2. Weltkrieg",
        &["nach", "dem", "2.", "Weltkrieg"],
    ),
    (
        DE,
        "Es kamen 300. Die Polizei",
        &["Es", "kamen", "300", ".", "Die", "Polizei"],
    ),
    (
        DE,
        "Seite 19.\n\nNeuer Absatz",
        &["Seite", "19", ".", "Neuer", "Absatz"],
    ),
    (DE, "Am 19.\nJuni", &["Am", "19.", "Juni"]),
    (DE, "vom 19.-21. Juni", &["vom", "19.", "-", "21.", "Juni"]),
    (DE, "das 4:3-Format", &["das", "4:3-Format"]),
    (EN, "U.S.-backed forces", &["U.S.-backed", "forces"]),
    (
        EN,
        "the G7 and the G-20",
        &["the", "G7", "and", "the", "G-20"],
    ),
    (DE, "Nordkorea 🇰🇵 droht", &["Nordkorea", "🇰", "🇵", "droht"]),
    (DE, "#Nordkorea @kcna", &["#", "Nordkorea", "@", "kcna"]),
    (DE, "Café Müller", &["Café", "Müller"]),
    (
        DE,
        "Familie 👨\u{200D}👩 heute",
        &["Familie", "👨", "\u{200D}", "👩", "heute"],
    ),
    (DE, "Cafe\u{301} Müller", &["Cafe\u{301}", "Müller"]),
    // quotes
    (
        DE,
        "mit „allen notwendigen Mitteln“!",
        &["mit", "„", "allen", "notwendigen", "Mitteln", "“", "!"],
    ),
    (DE, "als »Eskalation«", &["als", "»", "Eskalation", "«"]),
    (DE, "das ‚Wort‘ hier", &["das", "‚", "Wort", "‘", "hier"]),
    (
        EN,
        "he said \"no\" twice",
        &["he", "said", "\"", "no", "\"", "twice"],
    ),
    (
        EN,
        "called it 'absurd' today",
        &["called", "it", "'", "absurd", "'", "today"],
    ),
    (
        EN,
        "“Yes,” she said",
        &["“", "Yes", ",", "”", "she", "said"],
    ),
    // apostrophes
    (DE, "wie geht's dir", &["wie", "geht's", "dir"]),
    (DE, "D'Hondt-Verfahren", &["D'Hondt-Verfahren"]),
    (EN, "Putin's visit", &["Putin", "'s", "visit"]),
    (EN, "Korea’s army", &["Korea", "’s", "army"]),
    (EN, "don't go", &["don't", "go"]),
    // URLs and e-mail
    (
        DE,
        "siehe https://www.tagesschau.de/ausland/asien/nordkorea-100.html.",
        &[
            "siehe",
            "https://www.tagesschau.de/ausland/asien/nordkorea-100.html",
            ".",
        ],
    ),
    (
        DE,
        "(http://de.wikipedia.org/wiki/Kursk_(Stadt))",
        &["(", "http://de.wikipedia.org/wiki/Kursk_(Stadt)", ")"],
    ),
    (
        EN,
        "visit www.example.com, then",
        &["visit", "www.example.com", ",", "then"],
    ),
    (
        DE,
        "auf tagesschau.de berichtet",
        &["auf", "tagesschau.de", "berichtet"],
    ),
    (
        DE,
        "Mail an redaktion@example.de.",
        &["Mail", "an", "redaktion@example.de", "."],
    ),
    (
        EN,
        "write to john.doe+news@mail.example.co.uk today",
        &["write", "to", "john.doe+news@mail.example.co.uk", "today"],
    ),
    // ellipses, dashes, brackets
    (DE, "Und dann … nichts", &["Und", "dann", "…", "nichts"]),
    (DE, "Und dann... nichts", &["Und", "dann", "...", "nichts"]),
    (
        DE,
        "Kursk (Russland) [Karte] {x}",
        &[
            "Kursk", "(", "Russland", ")", "[", "Karte", "]", "{", "x", "}",
        ],
    ),
    (DE, "Wirklich?! Ja!!!", &["Wirklich", "?!", "Ja", "!!!"]),
    (DE, "Ende.Der Anfang", &["Ende", ".", "Der", "Anfang"]),
    (DE, "Pjöngjang/Moskau", &["Pjöngjang", "/", "Moskau"]),
    (DE, "", &[]),
    (DE, "  \n\t ", &[]),
    (DE, "Straße\u{00A0}42", &["Straße", "42"]),
];

#[test]
fn token_table() {
    let mut failures = Vec::new();
    for (lang, input, expected) in TOKEN_CASES {
        let got = token_texts(input, lang);
        if got != *expected {
            failures.push(format!(
                "{input:?} ({lang}): got {got:?}, expected {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// (language, input, expected sentences)
const SENTENCE_CASES: &[(Lang, &str, &[&str])] = &[
    (
        DE,
        "Epoch Times, Sonntag, 8. November 2015 12:19\nDer Flughafen wird bestreikt.",
        &[
            "Epoch Times, Sonntag, 8. November 2015 12:19",
            "Der Flughafen wird bestreikt.",
        ],
    ),
    (
        DE,
        "Anzeige\nIn Frankfurt wird gestreikt.",
        &["Anzeige", "In Frankfurt wird gestreikt."],
    ),
    (
        DE,
        "Der russische Minister führte eine Regierungsdelegation nach Pjöngjang, um an der\nSitzung des Komitees teilzunehmen.",
        &[
            "Der russische Minister führte eine Regierungsdelegation nach Pjöngjang, um an der\nSitzung des Komitees teilzunehmen.",
        ],
    ),
    (
        DE,
        "Kurze Zeile\nund weiter klein geschrieben.",
        &["Kurze Zeile\nund weiter klein geschrieben."],
    ),
    (
        DE,
        "Friedrich II. von Preußen starb 1786. Sein Neffe folgte.",
        &[
            "Friedrich II. von Preußen starb 1786.",
            "Sein Neffe folgte.",
        ],
    ),
    (
        DE,
        "Der 1. FC Köln gewann am 2. Spieltag. Die Fans jubelten.",
        &[
            "Der 1. FC Köln gewann am 2. Spieltag.",
            "Die Fans jubelten.",
        ],
    ),
    (
        DE,
        "Es kamen 300. Die Polizei war vor Ort.",
        &["Es kamen 300.", "Die Polizei war vor Ort."],
    ),
    (
        DE,
        "Sie lebt in den USA. Dort arbeitet sie.",
        &["Sie lebt in den USA.", "Dort arbeitet sie."],
    ),
    (
        DE,
        "Das kostet 3,5 Mrd. Euro. Zu viel?",
        &["Das kostet 3,5 Mrd. Euro.", "Zu viel?"],
    ),
    (
        DE,
        "„Wir sind bereit“, sagte Kim. „Und Russland auch.“",
        &["„Wir sind bereit“, sagte Kim.", "„Und Russland auch.“"],
    ),
    (
        DE,
        "Am 19.11. wurde gewählt. Das Ergebnis kam am 20.11. Der Wahlsieger jubelte.",
        &[
            "Am 19.11. wurde gewählt.",
            "Das Ergebnis kam am 20.11. Der Wahlsieger jubelte.",
        ],
    ),
    (
        DE,
        "Das Treffen beginnt um 12.30. Danach gibt es Essen.",
        &["Das Treffen beginnt um 12.30.", "Danach gibt es Essen."],
    ),
    (
        DE,
        "Die NATO ist alarmiert! Der neu ernannte NATO-Chef warnte.",
        &[
            "Die NATO ist alarmiert!",
            "Der neu ernannte NATO-Chef warnte.",
        ],
    ),
    (
        DE,
        "Der Vertrag wurde am 19. Juni unterzeichnet. Er gilt.",
        &["Der Vertrag wurde am 19. Juni unterzeichnet.", "Er gilt."],
    ),
    (
        DE,
        "Die Duma ratifizierte ihn am 6. November 2024. Danach kam es zu Protesten.",
        &[
            "Die Duma ratifizierte ihn am 6. November 2024.",
            "Danach kam es zu Protesten.",
        ],
    ),
    (
        DE,
        "Das geschah im Jahr 2024. Danach war alles anders.",
        &["Das geschah im Jahr 2024.", "Danach war alles anders."],
    ),
    (
        DE,
        "Die Kirche stammt aus dem 19. Jahrhundert und wurde renoviert.",
        &["Die Kirche stammt aus dem 19. Jahrhundert und wurde renoviert."],
    ),
    (
        DE,
        "Er nahm an der 11. Sitzung teil. Sie dauerte lange.",
        &["Er nahm an der 11. Sitzung teil.", "Sie dauerte lange."],
    ),
    (
        DE,
        "Mehr als 10.000 Soldaten sind dort. Das sagt Seoul.",
        &["Mehr als 10.000 Soldaten sind dort.", "Das sagt Seoul."],
    ),
    (
        DE,
        "Es gibt z. B. Öl, Gas usw. und mehr.",
        &["Es gibt z. B. Öl, Gas usw. und mehr."],
    ),
    (
        DE,
        "Es gibt Öl, Gas usw. Die Preise steigen.",
        &["Es gibt Öl, Gas usw.", "Die Preise steigen."],
    ),
    (
        DE,
        "Dr. Müller traf Prof. Schmidt. Beide schwiegen.",
        &["Dr. Müller traf Prof. Schmidt.", "Beide schwiegen."],
    ),
    (
        DE,
        "Die Kosten liegen bei ca. 3 Mio. Euro bzw. 2 Mrd. Won.",
        &["Die Kosten liegen bei ca. 3 Mio. Euro bzw. 2 Mrd. Won."],
    ),
    (
        DE,
        "Das Treffen beginnt um 12.00 Uhr. Kim kommt.",
        &["Das Treffen beginnt um 12.00 Uhr.", "Kim kommt."],
    ),
    (
        DE,
        "Der Vertrag verpflichtet beide – und zwar mit „allen notwendigen Mitteln“! Der Vertrag wurde ratifiziert.",
        &[
            "Der Vertrag verpflichtet beide – und zwar mit „allen notwendigen Mitteln“!",
            "Der Vertrag wurde ratifiziert.",
        ],
    ),
    (
        DE,
        "Er sagte: „Wir sind bereit.“ Dann ging er.",
        &["Er sagte: „Wir sind bereit.“", "Dann ging er."],
    ),
    (DE, "„Hilfe!“, rief er laut.", &["„Hilfe!“, rief er laut."]),
    (
        DE,
        "Er sprach von »Eskalation.« Seoul reagierte.",
        &["Er sprach von »Eskalation.«", "Seoul reagierte."],
    ),
    (DE, "Wirklich? Ja. Nein!", &["Wirklich?", "Ja.", "Nein!"]),
    (
        DE,
        "Was nun?! Niemand weiß es.",
        &["Was nun?!", "Niemand weiß es."],
    ),
    (
        DE,
        "Die Lage (sie ist ernst.) bleibt angespannt.",
        &["Die Lage (sie ist ernst.) bleibt angespannt."],
    ),
    (
        DE,
        "Er kam. (Foto: dpa) Sie ging.",
        &["Er kam.", "(Foto: dpa) Sie ging."],
    ),
    (
        DE,
        "Ein neuer strategischer Pakt\n\nKim Jong Un zeigte sich erfreut.",
        &[
            "Ein neuer strategischer Pakt",
            "Kim Jong Un zeigte sich erfreut.",
        ],
    ),
    (
        DE,
        "Erster Absatz ohne Punkt\n\nZweiter Absatz.",
        &["Erster Absatz ohne Punkt", "Zweiter Absatz."],
    ),
    (
        DE,
        "Eine Zeile\nweiter geht es.",
        &["Eine Zeile\nweiter geht es."],
    ),
    (
        DE,
        "Mehr unter https://www.tagesschau.de/ausland. Dort steht alles.",
        &[
            "Mehr unter https://www.tagesschau.de/ausland.",
            "Dort steht alles.",
        ],
    ),
    (
        DE,
        "Schreiben Sie an info@example.de. Wir antworten.",
        &["Schreiben Sie an info@example.de.", "Wir antworten."],
    ),
    (
        DE,
        "Er wartete … Dann kam der Zug.",
        &["Er wartete …", "Dann kam der Zug."],
    ),
    (
        DE,
        "Er sah … Menschen auf der Straße.",
        &["Er sah … Menschen auf der Straße."],
    ),
    (
        DE,
        "Die St. Petersburger Delegation reiste ab.",
        &["Die St. Petersburger Delegation reiste ab."],
    ),
    (
        DE,
        "Das Spiel endete 3:1. Danach feierten die Fans.",
        &["Das Spiel endete 3:1.", "Danach feierten die Fans."],
    ),
    (
        DE,
        "Stand: 19.11.2024. Die Lage ist unklar.",
        &["Stand: 19.11.2024.", "Die Lage ist unklar."],
    ),
    (
        DE,
        "Vgl. Abs. 2 des Vertrags. Das gilt.",
        &["Vgl. Abs. 2 des Vertrags.", "Das gilt."],
    ),
    (
        DE,
        "Er wurde am 1. Januar geboren.",
        &["Er wurde am 1. Januar geboren."],
    ),
    (
        DE,
        "Der Minister Alexander Kozlov, u. a. zuständig für Ressourcen, reiste an.",
        &["Der Minister Alexander Kozlov, u. a. zuständig für Ressourcen, reiste an."],
    ),
    (
        DE,
        "Kim Jong Un traf Kozlov. 10.000 Soldaten sind im Einsatz.",
        &[
            "Kim Jong Un traf Kozlov.",
            "10.000 Soldaten sind im Einsatz.",
        ],
    ),
    (
        EN,
        "Mr. Smith went to Washington. He met Dr. Jones.",
        &["Mr. Smith went to Washington.", "He met Dr. Jones."],
    ),
    (
        EN,
        "The U.S. Army arrived. The war began.",
        &["The U.S. Army arrived.", "The war began."],
    ),
    (
        EN,
        "He moved to the U.S. The family followed.",
        &["He moved to the U.S.", "The family followed."],
    ),
    (
        EN,
        "They sell apples, pears, etc. Prices rose.",
        &["They sell apples, pears, etc.", "Prices rose."],
    ),
    (
        EN,
        "They sell apples, pears, etc. and more.",
        &["They sell apples, pears, etc. and more."],
    ),
    (
        EN,
        "Use e.g. a tokenizer. It helps.",
        &["Use e.g. a tokenizer.", "It helps."],
    ),
    (
        EN,
        "The deal was signed on Nov. 5, 2024. It is binding.",
        &["The deal was signed on Nov. 5, 2024.", "It is binding."],
    ),
    (
        EN,
        "Growth was 3.5 percent. Analysts were surprised.",
        &["Growth was 3.5 percent.", "Analysts were surprised."],
    ),
    (
        EN,
        "\"We are ready.\" The minister left.",
        &["\"We are ready.\"", "The minister left."],
    ),
    (EN, "“Stop!” he shouted.", &["“Stop!” he shouted."]),
    (
        EN,
        "Is it true? Nobody knows!",
        &["Is it true?", "Nobody knows!"],
    ),
    (
        EN,
        "He waited... Then he left.",
        &["He waited...", "Then he left."],
    ),
    (
        EN,
        "St. Louis is big. Apple Inc. sells phones.",
        &["St. Louis is big.", "Apple Inc. sells phones."],
    ),
    (
        EN,
        "NATO chief Mark Rutte spoke. He warned of escalation.",
        &["NATO chief Mark Rutte spoke.", "He warned of escalation."],
    ),
    (
        EN,
        "George W. Bush met Kim Jong-un in 2019.",
        &["George W. Bush met Kim Jong-un in 2019."],
    ),
    (EN, "No text after this.", &["No text after this."]),
    (EN, "Three words only", &["Three words only"]),
    (EN, "", &[]),
];

#[test]
fn sentence_table() {
    let mut failures = Vec::new();
    for (lang, input, expected) in SENTENCE_CASES {
        let got = sentence_texts(input, lang);
        if got != *expected {
            failures.push(format!(
                "{input:?} ({lang}): got {got:?}, expected {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn kinds() {
    let text = "„Kim“ zahlte 10.000 € an https://kcna.kp und kim@example.org, 19. Juni!";
    let tokens = tokenize(text, &DE);
    let kinds: Vec<(&str, TokenKind)> = tokens.iter().map(|t| (t.text(text), t.kind)).collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        vec![
            ("„", Quote),
            ("Kim", Word),
            ("“", Quote),
            ("zahlte", Word),
            ("10.000", Number),
            ("€", Symbol),
            ("an", Word),
            ("https://kcna.kp", Url),
            ("und", Word),
            ("kim@example.org", Email),
            (",", Punct),
            ("19.", Number),
            ("Juni", Word),
            ("!", Punct),
        ]
    );
}

#[test]
fn hyphen_parts_give_addressable_spans() {
    let cases: &[(&str, &[&str])] = &[
        ("NATO-Chef", &["NATO", "Chef"]),
        ("Yong-hyun", &["Yong", "hyun"]),
        ("Baden-Württemberg-Wahl", &["Baden", "Württemberg", "Wahl"]),
        ("Ein-", &["Ein"]),
        ("Nordkorea", &["Nordkorea"]),
    ];
    for (word, parts) in cases {
        let text = format!("Der {word} und Chef sprach.");
        let tokens = tokenize(&text, &DE);
        let token = tokens[1];
        assert_eq!(token.text(&text), *word);
        let got: Vec<&str> = hyphen_parts(&text, &token)
            .iter()
            .map(|s| s.slice(&text))
            .collect();
        assert_eq!(got, *parts, "{word}");
    }
    let text = "siehe https://a-b.de/x-y";
    let tokens = tokenize(text, &DE);
    assert_eq!(hyphen_parts(text, &tokens[1]), vec![tokens[1].span]);
}

#[test]
fn spans_are_byte_offsets_on_char_boundaries() {
    let text = "Südkoreas Verteidigungsminister Kim Yong-hyun warnte – „sehr“ wahrscheinlich…";
    let tokens = tokenize(text, &DE);
    for t in &tokens {
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(!t.span.is_empty());
        assert!(!t.text(text).chars().any(char::is_whitespace));
    }
    assert_eq!(tokens[0].span, Span::new(0, "Südkoreas".len()));
    for pair in tokens.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start);
    }
}

#[test]
fn sample_article_sentences() {
    let Some(path) = crate::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let raw = std::fs::read_to_string(path).expect("sample");
    let text = raw.replace('\n', "\n\n");
    let tokens = tokenize(&text, &DE);
    let sentences = split_sentences(&text, &tokens, &DE);
    let texts: Vec<&str> = sentences.iter().map(|s| s.span.slice(&text)).collect();
    assert!(texts.contains(&"Der Vertrag wurde erstmals am 19. Juni während eines Staatsbesuchs von Präsident Wladimir Putin in Pjöngjang unterzeichnet und von der russischen Duma am 6. November ratifiziert."));
    assert!(texts.contains(&"Der Vertrag über eine umfassende strategische Partnerschaft verpflichtet beide Länder, sich im Falle einer Aggression gegenseitig militärisch zu unterstützen – und zwar mit „allen notwendigen Mitteln“!"));
    assert!(texts.contains(&"Die NATO ist alarmiert!"));
    assert!(texts.contains(&"Ein neuer strategischer Pakt"));
    // 1 title + 3 headings + 2 metadata lines + 19 prose sentences.
    assert_eq!(sentences.len(), 25, "{texts:#?}");
    // Sentences cover all tokens in order.
    let mut next = 0;
    for s in &sentences {
        assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    assert_eq!(next, tokens.len());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, lang: &Lang) {
        let tokens = tokenize(text, lang);
        let mut prev_end = 0;
        for t in &tokens {
            assert!(t.span.start >= prev_end && t.span.start < t.span.end);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prev_end = t.span.end;
            for part in hyphen_parts(text, t) {
                assert!(t.span.contains(part) && !part.is_empty());
            }
        }
        // Every non-space character is inside a token.
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}') {
                assert!(
                    tokens.iter().any(|t| t.span.start <= i && i < t.span.end),
                    "{c:?} at {i} lost"
                );
            }
        }
        let sentences = split_sentences(text, &tokens, lang);
        let mut next = 0;
        for s in &sentences {
            assert_eq!(s.tokens.start, next);
            assert!(s.tokens.end > s.tokens.start);
            next = s.tokens.end;
        }
        assert_eq!(next, tokens.len());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text(text in "\\PC{0,200}") {
            check(&text, &DE);
            check(&text, &EN);
        }

        #[test]
        fn tricky_text(text in "([A-Za-zÄäöüß0-9]{1,6}[ .,:;!?'’\"„“»«()\\-‐–…@/\n]{0,3}){0,40}") {
            check(&text, &DE);
            check(&text, &EN);
        }
    }
}

#[test]
fn long_runs_without_spaces_stay_linear() {
    // Each of these would cost quadratic time if every token rescanned the rest of the run.
    for unit in ["a+", "abc.", "x_", "ab-", "1.", "a.b", "-a", "'a"] {
        let text = unit.repeat(50_000);
        let text = if unit == "a+" {
            format!("{text}@nodomain")
        } else {
            text
        };
        let tokens = tokenize(&text, &DE);
        assert!(!tokens.is_empty());
        assert_eq!(tokens.last().map(|t| t.span.end <= text.len()), Some(true));
    }
}
