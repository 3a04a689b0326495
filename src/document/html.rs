//! HTML articles, parsed with `scraper` (html5ever).
//!
//! The main text comes from the first `<article>`, else `<main>` / `[role=main]`, else `<body>`;
//! `script`, `style`, `noscript`, `template`, `nav`, `header`, `footer`, `aside`, `form`,
//! `figure`, `iframe`, `svg`, `button` and hidden elements are left out. Block elements
//! (`p`, `div`, `li`, `blockquote`, `tr`, …) are paragraphs; `h2`–`h4` are headings of level
//! 1–3 (`h1` is the title unless one was found in the metadata). The title is `og:title`, else
//! `<title>`, else the first `<h1>`; the date is `article:published_time` (or `datePublished`,
//! `date`, `DC.date`), else the first `<time datetime>`, with source
//! [`DctSource::Metadata`](crate::model::DctSource::Metadata).

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Node, Selector};

use crate::model::{Dct, DctSource};

use super::body::{Body, clean_line};
use super::dates::{parse_date, parse_date_line};
use super::{Parsed, ReadError};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "figure", "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "head",
    "title", "math", "dialog",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
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
    "thead",
    "tbody",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "figcaption",
    "center",
    "caption",
];

/// The encoding label of a `<meta charset>` or `http-equiv` content type among the first bytes.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| {
            matches!(
                b,
                b'"' | b'\'' | b' ' | b';' | b'>' | b'/' | b'\n' | b'\r' | b'\t'
            )
        })
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

fn select_first<'a>(html: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(selector).ok()?;
    html.select(&selector).next()
}

fn meta_content(html: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        select_first(html, s)
            .and_then(|e| e.attr("content"))
            .map(clean_line)
            .filter(|c| !c.is_empty())
    })
}

fn element_text(e: ElementRef<'_>) -> String {
    clean_line(&e.text().collect::<String>())
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

/// Walks `root` without recursion and collects paragraphs and headings.
fn collect(root: ElementRef<'_>, title: &mut String) -> Body {
    // Inside an article or main element, its own header (headline, lead, date) is content.
    let keep_header = matches!(root.value().name(), "article" | "main");
    let mut body = Body::default();
    let mut buf = String::new();
    let mut heading: Option<u8> = None;
    let mut stack = vec![(*root, true)];
    while let Some((node, open)) = stack.pop() {
        match node.value() {
            Node::Text(t) if open => buf.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                let level = heading_level(name);
                if open {
                    if (SKIP.contains(&name) && !(keep_header && name == "header")) || is_hidden(e)
                    {
                        continue;
                    }
                    if BLOCKS.contains(&name) || level.is_some() {
                        flush(&mut buf, heading, &mut body, title);
                        if level.is_some() {
                            heading = level;
                        }
                    }
                    match name {
                        "br" => buf.push(' '),
                        "td" | "th" | "img" => buf.push(' '),
                        _ => {}
                    }
                    stack.push((node, false));
                    for child in node.children().rev() {
                        stack.push((child, true));
                    }
                } else if BLOCKS.contains(&name) || level.is_some() {
                    flush(&mut buf, heading, &mut body, title);
                    if level.is_some() {
                        heading = None;
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut buf, heading, &mut body, title);
    body
}

fn flush(buf: &mut String, heading: Option<u8>, body: &mut Body, title: &mut String) {
    let text = clean_line(buf);
    buf.clear();
    if text.is_empty() {
        return;
    }
    match heading {
        Some(1) if title.is_empty() => *title = text,
        Some(1) if title.contains(&text) || text.contains(title.as_str()) => {}
        // A date on its own (a dateline in the article header) is not prose.
        None if parse_date_line(&text).is_some() => {}
        Some(level) => body.heading(&text, level.saturating_sub(1).clamp(1, 3)),
        None => body.paragraph(&text),
    }
}

/// Deepest element nesting accepted: the HTML parser needs time quadratic in the depth, and
/// real pages stay far below this.
const MAX_DEPTH: usize = 4_096;

/// Elements that have no end tag or whose end tag may be left out.
fn no_required_end_tag(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"rt",
        b"rp",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"caption",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"keygen",
        b"command",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// A rough count of the deepest element nesting, from start and end tags alone, with its byte
/// position; `None` while it stays below [`MAX_DEPTH`].
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &b[name_start..name_start + name_len];
        if no_required_end_tag(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let end = b[name_start..].iter().position(|&c| c == b'>');
            let self_closing = end.is_some_and(|e| e > 0 && b[name_start + e - 1] == b'/');
            if !self_closing {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(lt);
                }
            }
        }
    }
    None
}

/// Reads an HTML article.
pub(crate) fn parse(text: &str) -> Result<Parsed, ReadError> {
    if let Some(pos) = too_deep(text) {
        return Err(ReadError::Html(format!(
            "elements nested more than {MAX_DEPTH} levels deep (at byte {pos})"
        )));
    }
    let html = Html::parse_document(text);
    let mut title = meta_content(
        &html,
        &[
            "meta[property=\"og:title\"]",
            "meta[name=\"og:title\"]",
            "meta[name=\"twitter:title\"]",
        ],
    )
    .or_else(|| {
        select_first(&html, "title")
            .map(element_text)
            .filter(|t| !t.is_empty())
    })
    .unwrap_or_default();

    let date_meta = meta_content(
        &html,
        &[
            "meta[property=\"article:published_time\"]",
            "meta[name=\"article:published_time\"]",
            "meta[itemprop=\"datePublished\"]",
            "meta[name=\"date\"]",
            "meta[name=\"pubdate\"]",
            "meta[name=\"publish-date\"]",
            "meta[name=\"DC.date.issued\"]",
            "meta[name=\"dc.date\"]",
            "meta[name=\"DC.date\"]",
        ],
    );
    let mut dct = date_meta.as_deref().and_then(parse_date);
    if dct.is_none()
        && let Ok(selector) = Selector::parse("time")
    {
        dct = html.select(&selector).find_map(|t| {
            t.attr("datetime")
                .and_then(parse_date)
                .or_else(|| parse_date(&element_text(t)))
        });
    }

    let mut metadata = BTreeMap::new();
    if let Some(author) = meta_content(
        &html,
        &["meta[name=\"author\"]", "meta[property=\"article:author\"]"],
    ) {
        metadata.insert("author".to_string(), author);
    }
    let url = meta_content(&html, &["meta[property=\"og:url\"]"]).or_else(|| {
        select_first(&html, "link[rel=\"canonical\"]")
            .and_then(|e| e.attr("href"))
            .map(str::to_string)
    });
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        metadata.insert("url".to_string(), url);
    }

    // The article (or main part) with the most text, else the body.
    let root = ["article", "main", "[role=\"main\"]"]
        .iter()
        .find_map(|s| {
            let selector = Selector::parse(s).ok()?;
            html.select(&selector)
                .max_by_key(|e| e.text().map(str::len).sum::<usize>())
        })
        .or_else(|| select_first(&html, "body"))
        .unwrap_or_else(|| html.root_element());
    let mut body = collect(root, &mut title);
    if body.is_empty() && root.value().name() != "body" {
        body = collect(html.root_element(), &mut title);
    }
    if body.is_empty() && title.is_empty() {
        let first_error = html
            .errors
            .first()
            .map(|e| format!(" (first parse error: {e})"))
            .unwrap_or_default();
        return Err(ReadError::Html(format!("no text content{first_error}")));
    }
    if title.is_empty()
        && let Some(h1) = select_first(&html, "h1")
    {
        title = element_text(h1);
    }
    Ok(Parsed {
        title,
        body,
        metadata,
        dct: dct.map(|date| Dct {
            date,
            source: DctSource::Metadata,
        }),
        lang: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn article_page() {
        let html = r#"<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Nordkorea | Beispiel-Nachrichten</title>
<meta property="og:title" content="Nordkorea und Russland rücken zusammen">
<meta property="article:published_time" content="2024-11-19T10:15:00+01:00">
<meta name="author" content="Max Muster">
<style>p { color: red }</style><script>var x = "Nicht lesen";</script></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<header><h1>Seitenkopf</h1></header>
<article><h1>Nordkorea und Russland rücken zusammen</h1>
<p>Kim Jong Un hat sich mit <b>Alexander Kozlov</b> getroffen.</p>
<h2>Ein neuer Pakt</h2>
<p>Der Vertrag wurde am 19. Juni<br>unterzeichnet.</p>
<ul><li>Erster Punkt</li><li>Zweiter Punkt</li></ul>
<aside>Lesen Sie auch: Anderes</aside>
<form><input name="q"><button>Suchen</button></form>
<div hidden>Versteckt</div>
</article><footer>Impressum</footer></body></html>"#;
        let p = parse(html).unwrap();
        assert_eq!(p.title, "Nordkorea und Russland rücken zusammen");
        assert_eq!(
            p.dct,
            Some(Dct {
                date: NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
                source: DctSource::Metadata
            })
        );
        assert_eq!(
            p.metadata.get("author").map(String::as_str),
            Some("Max Muster")
        );
        assert_eq!(
            p.body.text,
            "Kim Jong Un hat sich mit Alexander Kozlov getroffen.\n\nDer Vertrag wurde am 19. Juni unterzeichnet.\n\nErster Punkt\n\nZweiter Punkt"
        );
        assert_eq!(p.body.headings.len(), 1);
        assert_eq!(p.body.headings[0].text, "Ein neuer Pakt");
        assert_eq!(p.body.headings[0].offset, p.body.paragraphs[1].start);
    }

    #[test]
    fn biggest_article_and_its_header() {
        let html = r#"<html><head><title>Kim trifft Kozlov – Beispiel</title></head><body>
<article><h2>Teaser</h2><p>Kurz.</p></article>
<article><header><h1>Kim trifft Kozlov</h1><p>Der Vorspann mit den wichtigsten Fakten.</p>
<time datetime="2024-11-19">19.11.2024, 10:15 Uhr</time></header>
<p>Der lange Haupttext des Artikels steht hier und ist deutlich länger als der Teaser.</p>
<footer>Teilen: Facebook</footer></article></body></html>"#;
        let p = parse(html).unwrap();
        assert_eq!(p.title, "Kim trifft Kozlov – Beispiel");
        assert!(p.body.headings.is_empty(), "{:?}", p.body.headings);
        assert_eq!(
            p.body.text,
            "Der Vorspann mit den wichtigsten Fakten.\n\nDer lange Haupttext des Artikels steht hier und ist deutlich länger als der Teaser."
        );
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 11, 19));
    }

    #[test]
    fn fallbacks() {
        let p = parse("<html><body><h1>Nur ein Titel</h1><p>Text mit <time datetime=\"2024-10-28\">Montag</time>.</p></body></html>").unwrap();
        assert_eq!(p.title, "Nur ein Titel");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 10, 28));
        assert_eq!(p.body.text, "Text mit Montag.");
        assert!(matches!(
            parse("<html><head><script>x()</script></head><body> </body></html>"),
            Err(ReadError::Html(_))
        ));
        assert!(parse("<<<>>>").is_ok());
    }

    #[test]
    fn absurd_nesting_is_refused_quickly() {
        let deep = format!("{}Text{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        match parse(&deep) {
            Err(e @ ReadError::Html(_)) => assert!(e.to_string().contains("nested"), "{e}"),
            other => panic!("{:?}", other.map(|p| p.body.text)),
        }
        // Many unclosed paragraphs and list items are normal.
        let flat = format!("<ul>{}</ul>", "<li><p>Punkt".repeat(20_000));
        assert_eq!(
            parse(&flat).map(|p| p.body.paragraphs.len()).ok(),
            Some(20_000)
        );
    }

    #[test]
    fn charset() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            )
            .as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_charset(b"<p>nothing</p>"), None);
    }
}
