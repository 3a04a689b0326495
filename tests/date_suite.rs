//! The date suites of `tests/data/dates/` (see its README): German and English date expressions
//! in sentences with a document date, and sentences without any date (false alarms).
//!
//! Prints the figures per language and suite:
//! `cargo test --release --no-default-features --test date_suite -- --nocapture`

use chrono::NaiveDate;
use dossier::model::{Lang, Timex, TimexType};
use dossier::time::find_timexes_in;

struct Case {
    line: usize,
    lang: Lang,
    dct: NaiveDate,
    expected: Vec<String>,
    expression: String,
    sentence: String,
}

fn read(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/dates/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line_t = line.trim();
        if line_t.is_empty() || line_t.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line_t.splitn(5, " | ").collect();
        assert_eq!(f.len(), 5, "{name}:{}: {line}", k + 1);
        let lang = match f[0] {
            "de" => Lang::De,
            "en" => Lang::En,
            other => panic!("{name}:{}: language {other}", k + 1),
        };
        let dct = NaiveDate::parse_from_str(f[1], "%Y-%m-%d").unwrap();
        let expected: Vec<String> = if f[2] == "NONE" {
            Vec::new()
        } else {
            f[2].split(';').map(str::to_string).collect()
        };
        if !expected.is_empty() {
            assert!(
                locate(f[4], f[3]).is_some(),
                "{name}:{}: {:?} not in the sentence",
                k + 1,
                f[3]
            );
        }
        out.push(Case {
            line: k + 1,
            lang,
            dct,
            expected,
            expression: f[3].to_string(),
            sentence: f[4].to_string(),
        });
    }
    out
}

/// Where `expr` stands in `sentence` (also capitalised at the start of a sentence).
fn locate(sentence: &str, expr: &str) -> Option<dossier::model::Span> {
    let mut chars = expr.chars();
    let first = chars.next()?;
    let capital: String = first.to_uppercase().chain(chars).collect();
    let (start, len) = sentence
        .find(expr)
        .map(|s| (s, expr.len()))
        .or_else(|| sentence.find(&capital).map(|s| (s, capital.len())))?;
    Some(dossier::model::Span::new(start, start + len))
}

/// True when `got` names the calendar day (or the value) `want` names.
fn value_matches(got: &str, want: &str) -> bool {
    if got == want {
        return true;
    }
    let is_day = |s: &str| {
        s.len() >= 10
            && NaiveDate::parse_from_str(s.get(..10).unwrap_or(""), "%Y-%m-%d").is_ok()
            && (s.len() == 10 || s.as_bytes()[10] == b'T')
    };
    is_day(got) && is_day(want) && got[..10] == want[..10]
}

fn right(t: &Timex, want: &str) -> bool {
    match want.split_once("..") {
        Some((a, b)) => t
            .ends
            .as_ref()
            .is_some_and(|e| value_matches(&e.begin, a) && value_matches(&e.end, b)),
        None => value_matches(&t.value, want),
    }
}

#[derive(Default)]
struct Score {
    cases: usize,
    found: usize,
    right: usize,
    none_cases: usize,
    false_alarms: usize,
    failures: Vec<String>,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn score(cases: &[Case], lang: &Lang) -> Score {
    let mut s = Score::default();
    for c in cases.iter().filter(|c| &c.lang == lang) {
        let found = find_timexes_in(&c.sentence, &[], &c.lang, Some(c.dct));
        let shown = || {
            found
                .iter()
                .map(|t| format!("{:?}={}", t.span.slice(&c.sentence), t.value))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if c.expected.is_empty() {
            s.none_cases += 1;
            if found
                .iter()
                .any(|t| matches!(t.timex_type, TimexType::Date | TimexType::Time))
            {
                s.false_alarms += 1;
                s.failures.push(format!(
                    "{}: false alarm in {:?}: {}",
                    c.line,
                    c.sentence,
                    shown()
                ));
            }
            continue;
        }
        s.cases += 1;
        let span = locate(&c.sentence, &c.expression).unwrap_or_default();
        let over: Vec<&Timex> = found.iter().filter(|t| t.span.overlaps(span)).collect();
        if over.is_empty() {
            s.failures.push(format!(
                "{}: {} {:?} not found in {:?} [{}]",
                c.line,
                c.dct,
                c.expression,
                c.sentence,
                shown()
            ));
            continue;
        }
        s.found += 1;
        if over.iter().any(|t| c.expected.iter().any(|w| right(t, w))) {
            s.right += 1;
        } else {
            s.failures.push(format!(
                "{}: {} {:?} want {} in {:?} [{}]",
                c.line,
                c.dct,
                c.expression,
                c.expected.join(";"),
                c.sentence,
                shown()
            ));
        }
    }
    s
}

fn report(name: &str) -> Vec<(Lang, Score)> {
    let cases = read(name);
    let mut out = Vec::new();
    for lang in [Lang::De, Lang::En] {
        let s = score(&cases, &lang);
        println!(
            "{name} {lang}: {} expressions, found {:.1} %, date right {:.1} % ({}); \
             no-date sentences {}, false alarms {:.1} % ({})",
            s.cases,
            pct(s.found, s.cases),
            pct(s.right, s.cases),
            s.right,
            s.none_cases,
            pct(s.false_alarms, s.none_cases),
            s.false_alarms
        );
        if std::env::var_os("DATE_SUITE_SHOW").is_some() {
            for f in &s.failures {
                println!("  {f}");
            }
        }
        out.push((lang, s));
    }
    out
}

#[test]
fn suites_are_large_enough() {
    for name in ["dev.txt", "heldout.txt"] {
        let cases = read(name);
        for lang in [Lang::De, Lang::En] {
            let n = cases
                .iter()
                .filter(|c| c.lang == lang && !c.expected.is_empty())
                .count();
            let none = cases
                .iter()
                .filter(|c| c.lang == lang && c.expected.is_empty())
                .count();
            assert!(n >= 200, "{name} {lang}: {n} expressions");
            assert!(none >= 30, "{name} {lang}: {none} no-date sentences");
        }
    }
}

#[test]
fn dev_suite() {
    for (lang, s) in report("dev.txt") {
        assert!(
            pct(s.right, s.cases) >= 85.0,
            "dev {lang}: date right {:.1} %",
            pct(s.right, s.cases)
        );
        assert!(pct(s.false_alarms, s.none_cases) <= 5.0, "dev {lang}");
    }
}

#[test]
fn heldout_suite() {
    for (lang, s) in report("heldout.txt") {
        assert!(
            pct(s.right, s.cases) >= 85.0,
            "held-out {lang}: date right {:.1} %",
            pct(s.right, s.cases)
        );
        assert!(pct(s.false_alarms, s.none_cases) <= 5.0, "held-out {lang}");
    }
}
