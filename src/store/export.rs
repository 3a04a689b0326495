//! Exports of a dossier: JSON (everything), CSV tables, TimelineJS JSON.
//!
//! All offsets in exports are **character offsets** (Unicode scalar values), as in the JSON of
//! `dossier extract`; all entity ids are the store's stable ids.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Store, StoreError};
use crate::model::Precision;
use crate::offsets::CharIndex;

/// Which CSV table to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    /// `id,name,type,aliases,mentions,documents` — one row per entity.
    Entities,
    /// `document,title,start,end,text,entity,entity_name,type,variant,source,confidence` —
    /// one row per mention (character offsets).
    Mentions,
    /// `id,date,earliest,latest,precision,label,entities,entity_names,documents` — one row per
    /// event on the timeline.
    Events,
    /// `id,title,path,language,dct,dct_source,characters,mentions` — one row per article.
    Documents,
}

/// One of the export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Everything, as JSON ([`Store::export_json`]).
    Json,
    /// One CSV table ([`Store::export_csv`]).
    Csv(CsvTable),
    /// The timeline as TimelineJS JSON ([`Store::export_timeline`]).
    Timeline,
}

impl ExportKind {
    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Csv(_) => "csv",
            ExportKind::Json | ExportKind::Timeline => "json",
        }
    }

    /// A suggested file name part: `entities`, `timeline`, ….
    pub fn suffix(self) -> &'static str {
        match self {
            ExportKind::Json => "export",
            ExportKind::Csv(CsvTable::Entities) => "entities",
            ExportKind::Csv(CsvTable::Mentions) => "mentions",
            ExportKind::Csv(CsvTable::Events) => "events",
            ExportKind::Csv(CsvTable::Documents) => "articles",
            ExportKind::Timeline => "timeline",
        }
    }
}

impl Store {
    /// Entity names by stable id.
    fn entity_names(&self) -> Result<HashMap<u32, String>, StoreError> {
        Ok(self
            .entities()?
            .into_iter()
            .map(|e| (e.id.0, e.name))
            .collect())
    }

    /// The dossier in format `kind`, as the text of a file.
    pub fn export_text(&self, kind: ExportKind) -> Result<String, StoreError> {
        let mut text = match kind {
            ExportKind::Json => serde_json::to_string_pretty(&self.export_json()?)?,
            ExportKind::Timeline => serde_json::to_string_pretty(&self.export_timeline()?)?,
            ExportKind::Csv(table) => return self.export_csv(table),
        };
        text.push('\n');
        Ok(text)
    }

    /// Writes the dossier in format `kind` to `path`: into a temporary file beside it, renamed
    /// over `path` when complete, so that a failed export never leaves half a file.
    pub fn export_to(&self, kind: ExportKind, path: &std::path::Path) -> Result<(), StoreError> {
        let text = self.export_text(kind)?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "export".into());
        let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| {
                use std::io::Write as _;
                f.write_all(text.as_bytes())?;
                f.sync_all()
            })
            .and_then(|()| std::fs::rename(&tmp, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        Ok(written?)
    }
}

/// Quotes a CSV field when needed (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(out: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

impl Store {
    /// Everything as one JSON value: the documents with text, mentions, time expressions and
    /// events (the schema of `dossier extract`), the entities with counts, the timeline and the
    /// correction log.
    pub fn export_json(&self) -> Result<Value, StoreError> {
        let dossier = self.dossier()?;
        let mut out = serde_json::to_value(crate::export::build(&dossier))?;
        let counts: HashMap<u32, (usize, usize)> = self
            .entities()?
            .into_iter()
            .map(|e| (e.id.0, (e.mentions, e.documents)))
            .collect();
        if let Some(entities) = out.get_mut("entities").and_then(Value::as_array_mut) {
            for e in entities.iter_mut() {
                let (m, d) = e["id"]
                    .as_u64()
                    .and_then(|i| counts.get(&(i as u32)))
                    .copied()
                    .unwrap_or((0, 0));
                e["mentions"] = json!(m);
                e["documents"] = json!(d);
            }
        }
        if let Some(docs) = out.get_mut("documents").and_then(Value::as_array_mut) {
            for (doc, summary) in docs.iter_mut().zip(&dossier.documents) {
                doc["id"] = json!(summary.id.0);
            }
        }
        out["corrections"] = serde_json::to_value(self.corrections()?.entries())?;
        out["schema_version"] = json!(self.schema_version()?);
        Ok(out)
    }

    /// One CSV table (with a header line, CRLF line ends as RFC 4180 asks).
    pub fn export_csv(&self, table: CsvTable) -> Result<String, StoreError> {
        let mut out = String::new();
        match table {
            CsvTable::Entities => {
                row(
                    &mut out,
                    &["id", "name", "type", "aliases", "mentions", "documents"].map(String::from),
                );
                for e in self.entities()? {
                    row(
                        &mut out,
                        &[
                            e.id.0.to_string(),
                            e.name,
                            e.entity_type.as_str().into(),
                            e.aliases.join("; "),
                            e.mentions.to_string(),
                            e.documents.to_string(),
                        ],
                    );
                }
            }
            CsvTable::Documents => {
                row(
                    &mut out,
                    &[
                        "id",
                        "title",
                        "path",
                        "language",
                        "dct",
                        "dct_source",
                        "characters",
                        "mentions",
                    ]
                    .map(String::from),
                );
                for d in self.documents()? {
                    let chars = self
                        .conn
                        .query_row(
                            "SELECT length(text) FROM documents WHERE id = ?1",
                            [d.id.0],
                            |r| r.get::<_, i64>(0),
                        )
                        .map_err(|e| self.sql(e))?;
                    row(
                        &mut out,
                        &[
                            d.id.0.to_string(),
                            d.title,
                            d.path.map(|p| p.display().to_string()).unwrap_or_default(),
                            d.language.code().to_string(),
                            d.dct.map(|c| c.date.to_string()).unwrap_or_default(),
                            d.dct
                                .map(|c| super::codec::dct_source_str(c.source).to_string())
                                .unwrap_or_default(),
                            chars.to_string(),
                            d.mentions.to_string(),
                        ],
                    );
                }
            }
            CsvTable::Mentions => {
                row(
                    &mut out,
                    &[
                        "document",
                        "title",
                        "start",
                        "end",
                        "text",
                        "entity",
                        "entity_name",
                        "type",
                        "variant",
                        "source",
                        "confidence",
                    ]
                    .map(String::from),
                );
                let names = self.entity_names()?;
                for d in self.documents()? {
                    let (doc, analysis) = self.document(d.id)?;
                    let index = CharIndex::new(&doc.text);
                    for m in &analysis.mentions {
                        row(
                            &mut out,
                            &[
                                doc.id.0.to_string(),
                                doc.title.clone(),
                                index.char_offset(m.span.start).to_string(),
                                index.char_offset(m.span.end).to_string(),
                                m.span.slice(&doc.text).to_string(),
                                m.entity.0.to_string(),
                                names.get(&m.entity.0).cloned().unwrap_or_default(),
                                m.entity_type.as_str().into(),
                                m.variant.suffix().to_string(),
                                m.source.as_str().into(),
                                format!("{:.3}", m.confidence),
                            ],
                        );
                    }
                }
            }
            CsvTable::Events => {
                row(
                    &mut out,
                    &[
                        "id",
                        "date",
                        "earliest",
                        "latest",
                        "precision",
                        "label",
                        "entities",
                        "entity_names",
                        "documents",
                    ]
                    .map(String::from),
                );
                let names = self.entity_names()?;
                for e in self.events()? {
                    let ents: Vec<String> = e.entities.iter().map(|i| i.0.to_string()).collect();
                    let ent_names: Vec<String> = e
                        .entities
                        .iter()
                        .filter_map(|i| names.get(&i.0).cloned())
                        .collect();
                    let mut docs: Vec<u32> = e.sources.iter().map(|s| s.doc.0).collect();
                    docs.sort_unstable();
                    docs.dedup();
                    row(
                        &mut out,
                        &[
                            e.id.0.to_string(),
                            e.value.clone(),
                            e.range.earliest.to_string(),
                            e.range.latest.to_string(),
                            precision_str(e.precision).into(),
                            e.label.clone(),
                            ents.join(" "),
                            ent_names.join("; "),
                            docs.iter()
                                .map(u32::to_string)
                                .collect::<Vec<_>>()
                                .join(" "),
                        ],
                    );
                }
            }
        }
        Ok(out)
    }

    /// The timeline as TimelineJS JSON (`{"title": …, "events": [{"start_date": …}]}`): one
    /// slide per event, with the entities taking part and the articles reporting it.
    pub fn export_timeline(&self) -> Result<Value, StoreError> {
        let names: HashMap<u32, String> = self
            .entities()?
            .into_iter()
            .map(|e| (e.id.0, e.name))
            .collect();
        let titles: HashMap<u32, String> = self
            .documents()?
            .into_iter()
            .map(|d| (d.id.0, d.title))
            .collect();
        let date = |d: chrono::NaiveDate, precision: Precision| -> Value {
            use chrono::Datelike;
            let mut v = json!({ "year": d.year() });
            if precision <= Precision::Month {
                v["month"] = json!(d.month());
            }
            if precision <= Precision::Week {
                v["day"] = json!(d.day());
            }
            v
        };
        let mut events = Vec::new();
        for e in self.events()? {
            let who: Vec<String> = e
                .entities
                .iter()
                .filter_map(|i| names.get(&i.0).cloned())
                .collect();
            let mut reported: Vec<String> = Vec::new();
            for s in &e.sources {
                if let Some(t) = titles.get(&s.doc.0)
                    && !reported.contains(t)
                {
                    reported.push(t.clone());
                }
            }
            let mut text = String::new();
            if !who.is_empty() {
                let _ = write!(text, "<p>{}</p>", html_escape(&who.join(", ")));
            }
            if !reported.is_empty() {
                let _ = write!(
                    text,
                    "<p>Reported in: {}</p>",
                    html_escape(&reported.join("; "))
                );
            }
            let mut slide = json!({
                "unique_id": format!("ev{}", e.id.0),
                "start_date": date(e.range.earliest, e.precision),
                "text": { "headline": e.label, "text": text },
                "group": e.value,
            });
            if e.range.latest != e.range.earliest && e.precision > Precision::Week {
                slide["end_date"] = date(e.range.latest, e.precision);
            }
            events.push(slide);
        }
        let title = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        Ok(json!({
            "title": { "text": { "headline": title, "text": "" } },
            "events": events,
        }))
    }
}

fn precision_str(p: Precision) -> &'static str {
    match p {
        Precision::Time => "time",
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Quarter => "quarter",
        Precision::Year => "year",
        Precision::Decade => "decade",
        Precision::Century => "century",
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
        ];
        for (input, want) in cases {
            assert_eq!(field(input), want);
        }
    }
}
