//! Markdown (CommonMark) articles, parsed with `pulldown-cmark`.
//!
//! The first level-1 heading is the title; other headings are headings (`##` → level 1, `###` →
//! level 2, …); paragraphs, list items, block quotes and table rows are paragraphs, with inline
//! markup stripped; code blocks, HTML and images are left out. A YAML (`---`) or TOML (`+++`)
//! front matter may give `title`, `date`, `author`, `url` and `lang`/`language`; its other
//! scalar keys go to the metadata. A date line as first or last paragraph is the document date.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::{Dct, DctSource, Lang};

use super::Parsed;
use super::body::{Body, clean_line};
use super::dates::{parse_date, parse_date_line};

enum Block {
    Heading(String, u8),
    Paragraph(String),
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Reads a Markdown article.
pub(crate) fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    let mut blocks = Vec::new();
    let mut title = String::new();
    let mut buf = String::new();
    let mut front_matter = String::new();
    let mut heading: Option<u8> = None;
    let mut in_code = false;
    let mut in_meta = false;
    let mut image_depth = 0usize;

    let flush = |buf: &mut String, blocks: &mut Vec<Block>| {
        let line = clean_line(buf);
        buf.clear();
        if !line.is_empty() {
            blocks.push(Block::Paragraph(line));
        }
    };

    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut buf, &mut blocks);
                heading = Some(level_number(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = clean_line(&buf);
                buf.clear();
                match heading.take() {
                    Some(1) if title.is_empty() => title = text,
                    Some(level) if !text.is_empty() => {
                        blocks.push(Block::Heading(text, level.saturating_sub(1).max(1)));
                    }
                    _ => {}
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut buf, &mut blocks);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(
                Tag::Paragraph | Tag::Item | Tag::BlockQuote(_) | Tag::TableRow | Tag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) if heading.is_none() => flush(&mut buf, &mut blocks),
            Event::End(TagEnd::TableCell) => buf.push_str(" | "),
            Event::Text(t) | Event::Code(t) => {
                if in_meta {
                    front_matter.push_str(&t);
                } else if !in_code && image_depth == 0 {
                    buf.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, &mut blocks);
    // Table rows end in a cell separator.
    for block in &mut blocks {
        if let Block::Paragraph(p) = block
            && p.ends_with(" |")
        {
            p.truncate(p.len() - 2);
        }
    }

    let mut metadata = BTreeMap::new();
    let mut dct = None;
    let mut lang = None;
    read_front_matter(
        &front_matter,
        &mut title,
        &mut metadata,
        &mut dct,
        &mut lang,
    );

    // Date lines among the first and last paragraphs.
    let paragraph_indices: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(blocks[i], Block::Paragraph(_)))
        .collect();
    let candidates: Vec<usize> = paragraph_indices
        .iter()
        .take(2)
        .chain(paragraph_indices.iter().rev().take(2))
        .copied()
        .collect();
    let mut drop = vec![false; blocks.len()];
    for i in candidates {
        if let Block::Paragraph(p) = &blocks[i]
            && let Some(date) = parse_date_line(p)
        {
            drop[i] = true;
            if dct.is_none() {
                dct = Some(Dct {
                    date,
                    source: DctSource::Text,
                });
            }
        }
    }

    let mut body = Body::default();
    for (i, block) in blocks.iter().enumerate() {
        if drop[i] {
            continue;
        }
        match block {
            Block::Heading(text, level) => body.heading(text, *level),
            Block::Paragraph(text) => body.paragraph(text),
        }
    }
    Parsed {
        title,
        body,
        metadata,
        dct,
        lang,
    }
}

/// Reads `key: value` (YAML) or `key = value` (TOML) lines of a front matter.
fn read_front_matter(
    text: &str,
    title: &mut String,
    metadata: &mut BTreeMap<String, String>,
    dct: &mut Option<Dct>,
    lang: &mut Option<Lang>,
) {
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':').or_else(|| line.split_once('=')) else {
            continue;
        };
        let key = key.trim();
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if key.is_empty() || value.is_empty() || key.starts_with(['-', '#', ' ']) {
            continue;
        }
        match key.to_lowercase().as_str() {
            "title" => {
                if title.is_empty() {
                    *title = clean_line(value);
                }
            }
            "date" | "published" | "pubdate" => match parse_date(value) {
                Some(date) => {
                    *dct = Some(Dct {
                        date,
                        source: DctSource::Metadata,
                    })
                }
                None => {
                    metadata.insert("date".to_string(), value.to_string());
                }
            },
            "lang" | "language" => *lang = Some(Lang::from_code(value)),
            _ => {
                metadata.insert(key.to_string(), value.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn markdown_layout() {
        let md = "---\ntitle: Front\ndate: 2024-11-19\nauthor: \"Max Muster\"\n---\n\n# Nordkorea und Russland\n\nKim Jong Un traf **Alexander Kozlov** in [Pjöngjang](https://example.org).\n\n## Ein neuer Pakt\n\n- Erster Punkt\n- Zweiter *Punkt*\n\n```\ncode();\n```\n\n![Bild](x.png)\n\n> Zitat hier.\n";
        let p = parse(md);
        assert_eq!(p.title, "Nordkorea und Russland");
        assert_eq!(
            p.dct.map(|d| (d.date, d.source)),
            Some((
                NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
                DctSource::Metadata
            ))
        );
        assert_eq!(
            p.metadata.get("author").map(String::as_str),
            Some("Max Muster")
        );
        assert_eq!(
            p.body.text,
            "Kim Jong Un traf Alexander Kozlov in Pjöngjang.\n\nErster Punkt\n\nZweiter Punkt\n\nZitat hier."
        );
        assert_eq!(p.body.headings.len(), 1);
        assert_eq!(p.body.headings[0].text, "Ein neuer Pakt");
        assert_eq!(p.body.headings[0].level, 1);
        assert_eq!(p.body.headings[0].offset, p.body.paragraphs[1].start);
    }

    #[test]
    fn date_paragraph_and_front_matter_title() {
        let p = parse(
            "+++\ntitle = \"Aus dem Vorspann\"\n+++\n\nVeröffentlicht: 28.10.2024\n\nText.\n",
        );
        assert_eq!(p.title, "Aus dem Vorspann");
        assert_eq!(p.dct.map(|d| d.source), Some(DctSource::Text));
        assert_eq!(p.body.text, "Text.");
    }
}
