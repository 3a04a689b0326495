//! Scores the HTML reader against the text of a reader view, word by word.
//!
//! ```text
//! cargo run --release --no-default-features --example html_eval -- DIR [--split dev|holdout|all] [--verbose]
//! ```
//!
//! `DIR` holds one folder per page with `source.html` (the saved page) and `expected.html` (the
//! article as a reader view extracts it), and optionally `expected-metadata.json` with a
//! `publishedTime`: the layout of Mozilla Readability's test pages. Only real pages count (a
//! `source.html` of at least 20 kB; the small synthetic cases are left out). A fixed third of
//! the pages (by a hash of the folder name) is held out from tuning: `--split holdout` scores
//! those, `--split dev` the others (default), `--split all` both.
//!
//! The score of a page is the F1 of the multisets of lower-cased words of Dossier's text (body,
//! headings) and of the reader view's text; also printed: precision, recall, and how many
//! stated publication dates were found (same calendar day).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier::document::{Format, ReadOptions, read_bytes};

fn words(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

fn prf(got: &HashMap<String, usize>, expected: &HashMap<String, usize>) -> (f64, f64, f64) {
    let common: usize = got
        .iter()
        .map(|(w, n)| (*n).min(expected.get(w).copied().unwrap_or(0)))
        .sum();
    let g: usize = got.values().sum();
    let e: usize = expected.values().sum();
    if g == 0 || e == 0 {
        return (0.0, 0.0, if g == e { 1.0 } else { 0.0 });
    }
    let p = common as f64 / g as f64;
    let r = common as f64 / e as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The text of the reader view's HTML as a browser lays it out: inline elements run on, block
/// elements and line breaks separate words.
fn expected_text(html: &str) -> String {
    const BLOCK: &[&str] = &[
        "p",
        "div",
        "section",
        "article",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "figcaption",
        "br",
        "hr",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "caption",
        "address",
    ];
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for edge in doc.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) | ego_tree::iter::Edge::Close(n) => match n.value() {
                scraper::Node::Text(t) => {
                    if matches!(edge, ego_tree::iter::Edge::Open(_)) {
                        out.push_str(t);
                    }
                }
                scraper::Node::Element(e) if BLOCK.contains(&e.name()) => out.push(' '),
                _ => {}
            },
        }
    }
    out
}

fn fnv(name: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// True when the page belongs to the held-out third.
fn held_out(name: &str) -> bool {
    fnv(name).is_multiple_of(3)
}

fn published(dir: &Path) -> Option<String> {
    let raw = std::fs::read_to_string(dir.join("expected-metadata.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&raw).ok()?;
    let t = v.get("publishedTime")?.as_str()?;
    Some(t.get(..10)?.to_string())
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: html_eval DIR [--split dev|holdout|all] [--verbose]");
        std::process::exit(2);
    };
    let split = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map_or("dev", String::as_str)
        .to_string();
    let verbose = args.iter().any(|a| a == "--verbose");
    // `--show NAME`: print Dossier's text of one development page and the words it misses or
    // adds (not for held-out pages).
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    pages.sort();
    let mut rows = Vec::new();
    let (mut dates_stated, mut dates_found, mut dates_wrong) = (0, 0, 0);
    for page in pages {
        let name = page
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let (Ok(source), Ok(expected)) = (
            std::fs::read(page.join("source.html")),
            std::fs::read_to_string(page.join("expected.html")),
        ) else {
            continue;
        };
        if source.len() < 20_000 {
            continue;
        }
        let keep = match split.as_str() {
            "holdout" => held_out(&name),
            "all" => true,
            _ => !held_out(&name),
        };
        if !keep {
            continue;
        }
        let exp = words(&expected_text(&expected));
        let (got, dct) = match read_bytes(&source, Format::Html, None, &ReadOptions::new()) {
            Ok(docs) => {
                let doc = &docs[0];
                let mut all = doc.text.clone();
                for h in &doc.headings {
                    all.push(' ');
                    all.push_str(&h.text);
                }
                (words(&all), doc.dct.map(|d| d.date.to_string()))
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                (HashMap::new(), None)
            }
        };
        if let Some(p) = published(&page) {
            dates_stated += 1;
            match &dct {
                Some(d) if *d == p => dates_found += 1,
                Some(_) => dates_wrong += 1,
                None => {}
            }
            if verbose && dct.as_deref() != Some(p.as_str()) {
                println!("  date {name}: expected {p}, got {dct:?}");
            }
        }
        let (p, r, f) = prf(&got, &exp);
        if show.as_deref() == Some(name.as_str()) && !held_out(&name) {
            if let Ok(docs) = read_bytes(&source, Format::Html, None, &ReadOptions::new()) {
                let d = &docs[0];
                println!(
                    "TITLE {}\nHEADINGS {:?}\nTEXT\n{}\n",
                    d.title, d.headings, d.text
                );
            }
            let diff = |a: &HashMap<String, usize>, b: &HashMap<String, usize>| {
                let mut v: Vec<String> = a
                    .iter()
                    .filter(|(w, n)| **n > b.get(*w).copied().unwrap_or(0))
                    .map(|(w, n)| format!("{w}:{}", n - b.get(w).copied().unwrap_or(0)))
                    .collect();
                v.sort();
                v.join(" ")
            };
            println!(
                "MISSING {}\n\nEXTRA {}\n",
                diff(&exp, &got),
                diff(&got, &exp)
            );
        }
        if verbose {
            println!("{name:<40} P {p:.3} R {r:.3} F1 {f:.3}");
        }
        rows.push((name, p, r, f));
    }
    let mut f: Vec<f64> = rows.iter().map(|r| r.3).collect();
    let mut p: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let mut r: Vec<f64> = rows.iter().map(|r| r.2).collect();
    let worst = rows
        .iter()
        .min_by(|a, b| a.3.total_cmp(&b.3))
        .map(|w| format!("{} {:.3}", w.0, w.3))
        .unwrap_or_default();
    let below = rows.iter().filter(|r| r.3 < 0.8).count();
    let mean = f.iter().sum::<f64>() / f.len().max(1) as f64;
    println!(
        "split {split}: {} pages, median F1 {:.3} (mean {:.3}), median P {:.3}, median R {:.3}, \
         {below} below 0.80, worst {worst}",
        rows.len(),
        median(&mut f),
        mean,
        median(&mut p),
        median(&mut r),
    );
    println!(
        "publication dates: {dates_stated} stated, {dates_found} found, {dates_wrong} wrong, {} missed",
        dates_stated - dates_found - dates_wrong
    );
}
