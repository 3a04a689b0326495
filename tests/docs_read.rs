//! Integration tests of the document readers: the sample article, every format, every encoding
//! and every kind of bad input.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier::document::{Format, ReadError, ReadOptions, read_bytes, read_path};
use dossier::model::{DctSource, Document, Lang};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write fixture");
    path
}

fn read_one(dir: &Path, name: &str, bytes: &[u8]) -> Document {
    let path = write(dir, name, bytes);
    let mut docs = read_path(&path, &ReadOptions::new()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}");
    docs.remove(0)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn sample_article() {
    let Some(path) = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let docs = read_path(&path, &ReadOptions::new()).expect("sample reads");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(
        doc.title,
        "Alarmstimmung in den westlichen Hauptstädten: Nordkorea und Russland rücken näher zusammen!"
    );
    let headings: Vec<&str> = doc.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Ein neuer strategischer Pakt",
            "Die Welt schaut gebannt zu",
            "Ort des Geschehens"
        ]
    );
    let expected: BTreeMap<String, String> = [
        ("Analysierte Kommentare in sozialen Medien", "13"),
        ("Analysierte Forenbeiträge", "53"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(doc.metadata, expected);
    assert_eq!(doc.language, Lang::De);
    assert_eq!(doc.dct, None);
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    for not_prose in [
        "Alarmstimmung",
        "Ein neuer strategischer Pakt",
        "Die Welt schaut gebannt zu",
        "Ort des Geschehens",
        "Analysierte",
    ] {
        assert!(!doc.text.contains(not_prose), "body contains {not_prose:?}");
    }
    assert!(
        doc.text
            .starts_with("Ein Treffen, das die Welt aufhorchen lässt!")
    );
    assert!(doc.text.ends_with("was als Nächstes passieren wird!"));
    assert_eq!(doc.paragraphs.len(), 7);
    for p in &doc.paragraphs {
        let s = p.slice(&doc.text);
        assert!(!s.is_empty() && s.trim() == s);
    }
    // Each heading points at the start of the paragraph that follows it, the last at the end.
    assert_eq!(doc.headings[0].offset, doc.paragraphs[2].start);
    assert!(doc.text[doc.headings[0].offset..].starts_with("Kim Jong Un zeigte sich erfreut"));
    assert!(doc.text[doc.headings[1].offset..].starts_with("Die NATO ist alarmiert!"));
    assert_eq!(doc.headings[2].offset, doc.text.len());
    assert!(doc.headings.iter().all(|h| h.level == 1));

    // The body splits into the 19 prose sentences of the article, each inside one paragraph.
    let tokens = dossier::text::tokenize(&doc.text, &doc.language);
    let sentences = dossier::text::split_sentences(&doc.text, &tokens, &doc.language);
    assert_eq!(sentences.len(), 19);
    for s in &sentences {
        assert!(
            doc.paragraphs.iter().any(|p| p.contains(s.span)),
            "{:?}",
            s.span.slice(&doc.text)
        );
        assert!(s.span.slice(&doc.text).ends_with(['.', '!']));
    }
}

/// The sample in other layouts: blank lines between paragraphs, CRLF, UTF-16, Windows-1252,
/// with a date line after the title and at the end.
#[test]
fn sample_article_variants() {
    let Some(path) = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let original = fs::read_to_string(&path).unwrap();
    let reference = read_path(&path, &ReadOptions::new()).unwrap().remove(0);
    let lines: Vec<&str> = original.lines().collect();
    let blank_lines = lines.join("\n\n");
    let crlf = lines.join("\r\n") + "\r\n";
    let dated_start = format!(
        "{}\nVeröffentlicht: 19.11.2024\n{}",
        lines[0],
        lines[1..].join("\n")
    );
    let dated_end = format!("{original}\nStand: 19.11.2024, 10:15 Uhr");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(original.encode_utf16().flat_map(u16::to_le_bytes));
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&original);
    assert!(!unmappable);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, dated) in [
        ("blank.txt", blank_lines.into_bytes(), false),
        ("crlf.txt", crlf.into_bytes(), false),
        ("start.txt", dated_start.into_bytes(), true),
        ("end.txt", dated_end.into_bytes(), true),
        ("utf16.txt", utf16, false),
        ("cp1252.txt", cp1252.into_owned(), false),
    ] {
        let doc = read_one(dir.path(), name, &bytes);
        assert_eq!(doc.title, reference.title, "{name}");
        assert_eq!(doc.headings, reference.headings, "{name}");
        assert_eq!(doc.metadata, reference.metadata, "{name}");
        assert_eq!(doc.paragraphs, reference.paragraphs, "{name}");
        assert_eq!(doc.text, reference.text, "{name}");
        let expected_dct = dated.then(|| date(2024, 11, 19));
        assert_eq!(doc.dct.map(|d| d.date), expected_dct, "{name}");
    }
}

#[test]
fn plain_text_with_german_date_line_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Kim trifft Kozlov in Pjöngjang\r\nVeröffentlicht: 28.10.2024\r\nDer russische Minister reiste nach Pjöngjang.\r\nEin neuer Pakt\r\nDer Vertrag wurde am 19. Juni unterzeichnet.\r\nQuelle: KCNA\r\n";
    let doc = read_one(dir.path(), "artikel.txt", text.as_bytes());
    assert_eq!(doc.title, "Kim trifft Kozlov in Pjöngjang");
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 10, 28), DctSource::Text))
    );
    assert_eq!(
        doc.text,
        "Der russische Minister reiste nach Pjöngjang.\n\nDer Vertrag wurde am 19. Juni unterzeichnet."
    );
    assert_eq!(doc.headings.len(), 1);
    assert_eq!(doc.metadata.get("Quelle").map(String::as_str), Some("KCNA"));
    assert!(!doc.text.contains('\r'));
    assert_eq!(doc.language, Lang::De);
}

#[test]
fn plain_text_date_lines() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, NaiveDate)] = &[
        (
            "North Korea and Russia move closer\nUpdated: NOVEMBER 19, 2024 00:17\nNorth Korean leader Kim Jong Un met Russia's natural resources minister in Pyongyang.\nThe meeting was reported by KCNA.",
            date(2024, 11, 19),
        ),
        (
            "North Korea and Russia move closer\nNorth Korean leader Kim Jong Un met the minister.\nPublished 2024-11-19",
            date(2024, 11, 19),
        ),
        (
            "Nordkorea und Russland\nDer Minister reiste an.\nDie Welt schaut zu.\nStand: 19.11.2024, 10:15 Uhr",
            date(2024, 11, 19),
        ),
        (
            "Nordkorea und Russland\nDatum: 6. November 2024\nDer Minister reiste an.",
            date(2024, 11, 6),
        ),
        (
            "Nordkorea und Russland\n\nDienstag, 19. November 2024\n\nDer Minister reiste an.",
            date(2024, 11, 19),
        ),
        (
            "Title\nDate: 2024-11-19\nThe minister arrived on Tuesday.",
            date(2024, 11, 19),
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let doc = read_one(dir.path(), &format!("d{i}.txt"), text.as_bytes());
        assert_eq!(doc.dct.map(|d| d.date), Some(*expected), "{text}");
        assert!(
            !doc.text.contains("2024"),
            "date line left in body: {:?}",
            doc.text
        );
        assert!(!doc.text.is_empty());
    }
    // A date inside prose is not a date line.
    let doc = read_one(
        dir.path(),
        "prose.txt",
        "Titel\nDer Vertrag wurde am 19. Juni 2024 unterzeichnet.\nDann kam Kim.".as_bytes(),
    );
    assert_eq!(doc.dct, None);
    assert!(doc.text.contains("19. Juni 2024"));
}

#[test]
fn encodings() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Südkorea warnt\nDie Gespräche über „Sicherheit“ dauerten länger – große Sorge in Südkorea.";
    let body = "Die Gespräche über „Sicherheit“ dauerten länger – große Sorge in Südkorea.";

    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend_from_slice(text.as_bytes());
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        utf16le.extend_from_slice(&unit.to_le_bytes());
        utf16be.extend_from_slice(&unit.to_be_bytes());
    }
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    for (name, bytes) in [
        ("utf8.txt", text.as_bytes().to_vec()),
        ("utf8bom.txt", utf8_bom),
        ("utf16le.txt", utf16le),
        ("utf16be.txt", utf16be),
        ("cp1252.txt", cp1252.into_owned()),
    ] {
        let doc = read_one(dir.path(), name, &bytes);
        assert_eq!(doc.title, "Südkorea warnt", "{name}");
        assert_eq!(doc.text, body, "{name}");
    }
    // Latin-1 (ISO-8859-1): umlauts and ß, no typographic quotes.
    let latin1: Vec<u8> =
        "Größere Übungen\nDie Übungen in Südkorea dauerten länger als geplant, heißt es aus Seoul."
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
    let doc = read_one(dir.path(), "latin1.txt", &latin1);
    assert_eq!(doc.title, "Größere Übungen");
    assert_eq!(
        doc.text,
        "Die Übungen in Südkorea dauerten länger als geplant, heißt es aus Seoul."
    );
    // Old Mac line ends.
    let doc = read_one(
        dir.path(),
        "cr.txt",
        b"Titel\rErster Absatz.\rZweiter Absatz.",
    );
    assert_eq!(doc.text, "Erster Absatz.\n\nZweiter Absatz.");
}

#[test]
fn markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    let md = "---\ndate: 2024-11-19\n---\n# Nordkorea und Russland\n\nKim Jong Un traf *Alexander Kozlov* in Pjöngjang.\n\n## Ein neuer Pakt\n\nDer Vertrag wurde am 19. Juni unterzeichnet.\n";
    let doc = read_one(dir.path(), "a.md", md.as_bytes());
    assert_eq!(doc.title, "Nordkorea und Russland");
    assert_eq!(doc.headings[0].text, "Ein neuer Pakt");
    assert_eq!(
        doc.text,
        "Kim Jong Un traf Alexander Kozlov in Pjöngjang.\n\nDer Vertrag wurde am 19. Juni unterzeichnet."
    );
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 19), DctSource::Metadata))
    );
    let doc = read_one(dir.path(), "b.markdown", b"# Titel\n\nText hier.\n");
    assert_eq!(doc.title, "Titel");
}

#[test]
fn html_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><title>Seite</title><meta property=\"article:published_time\" content=\"2024-11-19\"></head><body><nav>Menü</nav><main><h1>Nordkorea</h1><p>Kim traf Kozlov.</p><h3>Details</h3><p>Mehr Text.</p></main><footer>Impressum</footer></body></html>";
    let doc = read_one(dir.path(), "a.html", html.as_bytes());
    assert_eq!(doc.title, "Seite");
    assert_eq!(doc.text, "Kim traf Kozlov.\n\nMehr Text.");
    // The <h1> that is not the title is a top-level heading; <h3> is level 2.
    let headings: Vec<(&str, u8)> = doc
        .headings
        .iter()
        .map(|h| (h.text.as_str(), h.level))
        .collect();
    assert_eq!(headings, [("Nordkorea", 1), ("Details", 2)]);
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 19), DctSource::Metadata))
    );
    // Windows-1252 declared in a meta tag.
    let mut bytes = b"<html><head><meta charset=\"windows-1252\"><title>Gr\xf6\xdfe</title></head><body><p>S\xfcdkorea \x84warnt\x93.</p></body></html>".to_vec();
    let doc = read_one(dir.path(), "b.htm", &bytes);
    assert_eq!(doc.title, "Größe");
    assert_eq!(doc.text, "Südkorea „warnt“.");
    // A charset nobody knows, on bytes that are not UTF-8.
    bytes = b"<meta charset=\"x-martian\"><p>S\xfcd</p>".to_vec();
    let path = write(dir.path(), "c.html", &bytes);
    let err = read_path(&path, &ReadOptions::new()).unwrap_err();
    assert!(
        matches!(err, ReadError::UnsupportedEncoding(ref e) if e == "x-martian"),
        "{err}"
    );
}

#[test]
fn json_and_jsonl_files() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{"title": "Kim trifft Kozlov", "text": "Erster Absatz.\n\nZweiter Absatz.", "date": "2024-11-19", "url": "https://example.org/a", "author": "Max Muster", "metadata": {"Kommentare": 13}}"#;
    let doc = read_one(dir.path(), "a.json", json.as_bytes());
    assert_eq!(doc.title, "Kim trifft Kozlov");
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(
        doc.metadata.get("url").map(String::as_str),
        Some("https://example.org/a")
    );
    assert_eq!(
        doc.metadata.get("Kommentare").map(String::as_str),
        Some("13")
    );
    assert_eq!(doc.dct.map(|d| d.source), Some(DctSource::Metadata));

    let jsonl = "{\"title\": \"Eins\", \"body\": \"Kim traf Putin in Moskau, berichtete die Agentur.\"}\n\n{\"title\": \"Two\", \"text\": \"Kim met Putin in Moscow on Monday, the agency said.\", \"language\": \"en\"}\n";
    let path = write(dir.path(), "a.jsonl", jsonl.as_bytes());
    let docs = read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].title, "Eins");
    assert_eq!(docs[0].language, Lang::De);
    assert_eq!(docs[1].language, Lang::En);
    assert!(
        docs.iter()
            .all(|d| d.path.as_deref() == Some(path.as_path()))
    );
}

#[test]
fn language_override_and_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "notiz.article",
        "Titel\nDer Minister reiste nach Pjöngjang und traf dort Kim.".as_bytes(),
    );
    let docs = read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(docs[0].language, Lang::De);
    let docs = read_path(&path, &ReadOptions::new().lang(Lang::En)).unwrap();
    assert_eq!(docs[0].language, Lang::En);
    let path = write(dir.path(), "bild.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert!(matches!(
        read_path(&path, &ReadOptions::new()),
        Err(ReadError::Binary { .. })
    ));
    assert_eq!(Format::from_path(Path::new("x.JSONL")), Format::JsonLines);
    assert_eq!(Format::from_path(Path::new("x")), Format::Text);
}

#[test]
fn mtime_fallback_is_explicit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", b"Titel\nText ohne Datum.");
    let docs = read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(docs[0].dct, None);
    let dct = dossier::document::mtime_dct(&path).expect("mtime");
    assert_eq!(dct.source, DctSource::FileMtime);
    let today = chrono::Local::now().date_naive();
    assert!(
        dct.date == today || dct.date.succ_opt() == Some(today),
        "{dct:?}"
    );
    assert_eq!(
        dossier::document::mtime_dct(&dir.path().join("missing")),
        None
    );
}

#[test]
fn bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReadOptions::new();
    let err = |name: &str, bytes: &[u8]| {
        let path = write(dir.path(), name, bytes);
        read_path(&path, &opts).unwrap_err()
    };

    let e = read_path(&dir.path().join("missing.txt"), &opts).unwrap_err();
    assert!(matches!(e, ReadError::NotFound));
    assert_eq!(e.to_string(), "file not found");

    let e = read_path(dir.path(), &opts).unwrap_err();
    assert!(matches!(e, ReadError::IsDirectory));
    assert_eq!(e.to_string(), "is a directory, not a file");

    let e = err("empty.txt", b"");
    assert!(matches!(e, ReadError::Empty));
    assert_eq!(e.to_string(), "empty file");
    assert!(matches!(err("blank.txt", b"  \n\r\n\t"), ReadError::Empty));
    assert!(matches!(err("empty.jsonl", b"\n\n"), ReadError::Empty));

    let e = err("binary.txt", b"GIF89a\x01\0\x01\0\0\0\0");
    assert!(matches!(e, ReadError::Binary { .. }));
    assert!(e.to_string().starts_with("binary file"), "{e}");

    let path = write(dir.path(), "big.txt", &b"Ein Satz. ".repeat(200));
    let e = read_path(&path, &ReadOptions::new().max_bytes(1000)).unwrap_err();
    assert!(matches!(
        e,
        ReadError::TooLarge {
            size: 2000,
            limit: 1000
        }
    ));
    assert!(
        e.to_string().contains("2000") && e.to_string().contains("1000"),
        "{e}"
    );
    let e = read_bytes(
        &[b'a'; 11],
        Format::Text,
        None,
        &ReadOptions::new().max_bytes(10),
    )
    .unwrap_err();
    assert!(matches!(
        e,
        ReadError::TooLarge {
            size: 11,
            limit: 10
        }
    ));

    let e = err(
        "bad.json",
        b"{\n  \"title\": \"x\",\n  \"text\": \"y\"\n  \"date\": 1\n}",
    );
    assert!(
        matches!(
            e,
            ReadError::Json {
                line: 4,
                column: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("malformed JSON at line 4, column 3"),
        "{e}"
    );

    let e = err("notext.json", br#"{"title": "Nur Titel"}"#);
    assert!(matches!(e, ReadError::MissingText { line: None }));
    assert_eq!(
        e.to_string(),
        "JSON article has no \"text\" or \"body\" string field"
    );

    let e = err(
        "bad.jsonl",
        b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": }\n",
    );
    assert!(matches!(e, ReadError::Json { line: 3, .. }), "{e:?}");
    let e = err("notext.jsonl", b"{\"text\": \"a\"}\n{\"titel\": \"b\"}\n");
    assert!(e.to_string().contains("line 2"), "{e}");

    let e = err(
        "empty.html",
        b"<html><head><style>p{}</style></head><body>  </body></html>",
    );
    assert!(matches!(e, ReadError::Html(_)));
    assert!(e.to_string().starts_with("malformed HTML"), "{e}");

    let e = err("utf32.txt", &[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]);
    assert!(matches!(e, ReadError::UnsupportedEncoding(_)));
    assert_eq!(e.to_string(), "unsupported encoding: UTF-32");

    let e = err("badbom.txt", b"\xEF\xBB\xBFok \xFF\xFE\xFD");
    assert!(matches!(e, ReadError::Binary { .. }), "{e:?}");
}

#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "secret.txt", b"Titel\nText.");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("skipping permission test: running with privileges that ignore file modes");
        return;
    }
    let e = read_path(&path, &ReadOptions::new()).unwrap_err();
    assert!(matches!(e, ReadError::PermissionDenied), "{e:?}");
    assert_eq!(e.to_string(), "permission denied");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const FORMATS: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::JsonLines,
    ];

    fn check(bytes: &[u8]) {
        for format in FORMATS {
            if let Ok(docs) = read_bytes(bytes, format, None, &ReadOptions::new()) {
                for doc in docs {
                    for span in doc.paragraphs.iter() {
                        assert!(doc.text.get(span.start..span.end).is_some());
                    }
                    for h in &doc.headings {
                        assert!(h.offset <= doc.text.len() && doc.text.is_char_boundary(h.offset));
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            check(&bytes);
        }

        #[test]
        fn arbitrary_text(text in "(\\PC|\n|\r|\t){0,300}") {
            check(text.as_bytes());
        }

        #[test]
        fn article_like_text(text in "([A-ZÄÖÜ][a-zäöüß]{0,8}[ :.!?\n„“\"{}<>#-]{1,3}){0,40}") {
            check(text.as_bytes());
        }
    }
}
