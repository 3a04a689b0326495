//! Evaluation of cross-article entity identity: do the names of one person, place or
//! organisation in different articles (German and English, spelling variants, inflections,
//! exonyms, acronyms) end up as one dossier entity, and names of different entities as
//! different ones?
//!
//! The gold standard is a folder of articles plus `gold.tsv` (see
//! `tests/fixtures/identity/gold.tsv`): lines `surface<TAB>entity<TAB>documents`. Every
//! whole-word occurrence of a surface in the listed documents is one *item*; its predicted label is
//! the dossier entity of the mention containing its first byte (an item no mention covers is a singleton of
//! its own, so a missed name costs recall). Scores are pairwise precision/recall over item pairs
//! and B-cubed precision/recall.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::analysis::{AnalysisError, Analyzer, Dossier};
use crate::dev::score::{f1, ratio};
use crate::document::{ReadError, ReadOptions, read_path};
use crate::model::EntityId;

/// The evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum IdentityEvalError {
    /// The gold file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An article could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The article.
        path: PathBuf,
        /// The cause.
        source: ReadError,
    },
    /// A line of the gold file is malformed.
    #[error("{path}:{line}: expected surface<TAB>entity<TAB>documents")]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
    },
    /// The analysis could not be set up.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// One line of the gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldName {
    /// The text as it stands in the articles.
    pub surface: String,
    /// The gold entity label (any string; equal labels = one entity).
    pub entity: String,
    /// File-name prefixes of the documents it counts in; empty = every document.
    pub documents: Vec<String>,
}

/// Parses a gold file (`#` comments and blank lines ignored).
pub fn parse_gold(text: &str, path: &Path) -> Result<Vec<GoldName>, IdentityEvalError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(surface), Some(entity), Some(docs)) = (it.next(), it.next(), it.next()) else {
            return Err(IdentityEvalError::Gold {
                path: path.to_path_buf(),
                line: i + 1,
            });
        };
        let documents = match docs.trim() {
            "*" | "" => Vec::new(),
            list => list.split(',').map(|d| d.trim().to_string()).collect(),
        };
        out.push(GoldName {
            surface: surface.trim().to_string(),
            entity: entity.trim().to_string(),
            documents,
        });
    }
    Ok(out)
}

/// One gold occurrence and what the dossier made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// File name of the document.
    pub doc: String,
    /// Byte offset of the occurrence in the document text.
    pub start: usize,
    /// The surface.
    pub surface: String,
    /// Gold entity label.
    pub gold: String,
    /// The dossier entity of the covering mention (`None`: no mention covers it).
    pub predicted: Option<EntityId>,
}

/// Scores of one evaluation, with the items for error analysis.
#[derive(Debug, Clone, Default)]
pub struct IdentityScores {
    /// Every gold occurrence.
    pub items: Vec<Item>,
    /// Pairs of items in one gold entity.
    pub gold_pairs: usize,
    /// Pairs of items in one predicted entity.
    pub predicted_pairs: usize,
    /// Pairs in one gold and one predicted entity.
    pub correct_pairs: usize,
    /// B-cubed precision.
    pub b3_precision: f64,
    /// B-cubed recall.
    pub b3_recall: f64,
    /// Entity names of the dossier, by id (for the report).
    pub names: HashMap<EntityId, String>,
}

impl IdentityScores {
    /// Pairwise precision.
    pub fn precision(&self) -> f64 {
        ratio(self.correct_pairs, self.predicted_pairs)
    }
    /// Pairwise recall.
    pub fn recall(&self) -> f64 {
        ratio(self.correct_pairs, self.gold_pairs)
    }
    /// Pairwise F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// B-cubed F1.
    pub fn b3_f1(&self) -> f64 {
        f1(self.b3_precision, self.b3_recall)
    }
    /// Items some mention covers.
    pub fn found(&self) -> usize {
        self.items.iter().filter(|i| i.predicted.is_some()).count()
    }
}

impl fmt::Display for IdentityScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "items {} (covered by a mention: {}), gold entities {}",
            self.items.len(),
            self.found(),
            {
                let mut g: Vec<&str> = self.items.iter().map(|i| i.gold.as_str()).collect();
                g.sort_unstable();
                g.dedup();
                g.len()
            }
        )?;
        writeln!(
            f,
            "pairwise  P {:.3}  R {:.3}  F1 {:.3}  ({} correct / {} predicted / {} gold pairs)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.correct_pairs,
            self.predicted_pairs,
            self.gold_pairs
        )?;
        writeln!(
            f,
            "B-cubed   P {:.3}  R {:.3}  F1 {:.3}",
            self.b3_precision,
            self.b3_recall,
            self.b3_f1()
        )
    }
}

impl IdentityScores {
    /// A per-entity listing: gold entities split over several dossier entities, and dossier
    /// entities joining several gold entities.
    pub fn errors(&self) -> String {
        let mut out = String::new();
        let label = |p: Option<EntityId>| match p {
            Some(id) => format!(
                "#{} {}",
                id.0,
                self.names.get(&id).map(String::as_str).unwrap_or("?")
            ),
            None => "(not found)".to_string(),
        };
        let mut by_gold: Vec<(&str, Vec<&Item>)> = Vec::new();
        for item in &self.items {
            match by_gold.iter_mut().find(|(g, _)| *g == item.gold) {
                Some((_, v)) => v.push(item),
                None => by_gold.push((&item.gold, vec![item])),
            }
        }
        for (gold, items) in &by_gold {
            let mut preds: Vec<Option<EntityId>> = items.iter().map(|i| i.predicted).collect();
            preds.sort();
            preds.dedup();
            if preds.len() > 1 || preds.first().is_some_and(Option::is_none) {
                out.push_str(&format!("split   {gold}:\n"));
                for item in items {
                    out.push_str(&format!(
                        "          {:<36} {:<28} {}\n",
                        item.surface,
                        item.doc,
                        label(item.predicted)
                    ));
                }
            }
        }
        let mut by_pred: HashMap<EntityId, Vec<&Item>> = HashMap::new();
        for item in &self.items {
            if let Some(p) = item.predicted {
                by_pred.entry(p).or_default().push(item);
            }
        }
        let mut joined: Vec<_> = by_pred
            .into_iter()
            .filter(|(_, items)| items.iter().any(|i| i.gold != items[0].gold))
            .collect();
        joined.sort_by_key(|(id, _)| id.0);
        for (id, items) in joined {
            out.push_str(&format!("joined  {}:\n", label(Some(id))));
            for item in items {
                out.push_str(&format!(
                    "          {:<36} {:<28} {}\n",
                    item.surface, item.doc, item.gold
                ));
            }
        }
        out
    }
}

/// True for characters that continue a word (letters, digits, hyphens, apostrophes inside).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Whole-word occurrences of `surface` in `text` (byte offsets).
fn occurrences(text: &str, surface: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if surface.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(surface)) {
        let start = from + pos;
        let end = start + surface.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        // "Moscow's" contains "Moscow" followed by an apostrophe: a different surface.
        let after_ok = after.is_none_or(|c| !word_char(c) && c != '\'' && c != '’');
        if !before.is_some_and(word_char) && after_ok {
            out.push(start);
        }
        from = start + surface.len().max(1);
    }
    out
}

/// Scores `dossier` against `gold`. An item's prediction is the mention containing its first
/// byte ("Moscow" of "Moscow's", "Präsident Putin" for "Putin").
/// `doc_names[i]` is the file name of `dossier.documents[i]`.
pub fn score(dossier: &Dossier, doc_names: &[String], gold: &[GoldName]) -> IdentityScores {
    let mut by_len: Vec<&GoldName> = gold.iter().collect();
    by_len.sort_by_key(|g| std::cmp::Reverse(g.surface.len()));
    let mut items = Vec::new();
    for ((doc, analysis), name) in dossier
        .documents
        .iter()
        .zip(&dossier.analyses)
        .zip(doc_names)
    {
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for g in &by_len {
            if !g.documents.is_empty() && !g.documents.iter().any(|d| name.starts_with(d.as_str()))
            {
                continue;
            }
            for start in occurrences(&doc.text, &g.surface) {
                let end = start + g.surface.len();
                if taken.iter().any(|&(s, e)| s < end && start < e) {
                    continue;
                }
                taken.push((start, end));
                let predicted = analysis
                    .mentions
                    .iter()
                    .find(|m| m.span.start <= start && start < m.span.end)
                    .map(|m| m.entity);
                items.push(Item {
                    doc: name.clone(),
                    start,
                    surface: g.surface.clone(),
                    gold: g.entity.clone(),
                    predicted,
                });
            }
        }
    }
    items.sort_by(|a, b| (&a.doc, a.start).cmp(&(&b.doc, b.start)));
    let same_pred = |a: &Item, b: &Item| a.predicted.is_some() && a.predicted == b.predicted;
    let (mut gold_pairs, mut predicted_pairs, mut correct_pairs) = (0, 0, 0);
    let (mut b3p, mut b3r) = (0.0, 0.0);
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            let g = a.gold == b.gold;
            let p = same_pred(a, b);
            gold_pairs += usize::from(g);
            predicted_pairs += usize::from(p);
            correct_pairs += usize::from(g && p);
        }
        // B-cubed, the item counted in its own clusters.
        let (mut in_pred, mut in_gold, mut in_both) = (0usize, 0usize, 0usize);
        for (j, b) in items.iter().enumerate() {
            let g = a.gold == b.gold;
            let p = i == j || same_pred(a, b);
            in_gold += usize::from(g);
            in_pred += usize::from(p);
            in_both += usize::from(g && p);
        }
        b3p += ratio(in_both, in_pred);
        b3r += ratio(in_both, in_gold);
    }
    let n = items.len().max(1) as f64;
    let names = dossier
        .entities()
        .iter()
        .map(|e| (e.id, format!("{} ({:?})", e.name, e.entity_type)))
        .collect();
    IdentityScores {
        items,
        gold_pairs,
        predicted_pairs,
        correct_pairs,
        b3_precision: b3p / n,
        b3_recall: b3r / n,
        names,
    }
}

/// The articles of `dir` (every `.txt`, `.md`, `.html` file except `gold.tsv`), sorted by name,
/// and the gold table `dir/gold.tsv`.
pub fn load_dir(dir: &Path) -> Result<(Vec<PathBuf>, Vec<GoldName>), IdentityEvalError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| IdentityEvalError::Io { path, source }
    };
    let gold_path = dir.join("gold.tsv");
    let gold_text = std::fs::read_to_string(&gold_path).map_err(io(&gold_path))?;
    let gold = parse_gold(&gold_text, &gold_path)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "txt" | "md" | "html" | "htm"))
        })
        .collect();
    files.sort();
    Ok((files, gold))
}

/// The file name of `path` (for the `documents` column of the gold file).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads and analyses the articles of `dir` into one dossier (in file-name order) and scores
/// it against `dir/gold.tsv`.
pub fn evaluate_dir(dir: &Path) -> Result<IdentityScores, IdentityEvalError> {
    let (files, gold) = load_dir(dir)?;
    let analyzer = Analyzer::new()?;
    let mut dossier = Dossier::new();
    let mut names = Vec::new();
    for path in &files {
        let docs =
            read_path(path, &ReadOptions::new()).map_err(|source| IdentityEvalError::Read {
                path: path.clone(),
                source,
            })?;
        for doc in docs {
            let analyzed = analyzer.analyze(&doc);
            dossier.insert(doc, analyzed);
            names.push(file_name(path));
        }
    }
    Ok(score(&dossier, &names, &gold))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityType, Lang, Mention, Source, Span, Variant};

    #[test]
    fn occurrences_are_whole_words() {
        let text = "Nato-Gipfel, Nato und Natos; Moscow's Moscow";
        assert_eq!(occurrences(text, "Nato"), vec![13]);
        assert_eq!(occurrences(text, "Moscow"), vec![38]);
        assert_eq!(occurrences(text, "Moscow's"), vec![29]);
    }

    fn doc(text: &str) -> crate::model::Document {
        crate::model::Document {
            id: crate::model::DocId(0),
            path: None,
            title: String::new(),
            headings: Vec::new(),
            paragraphs: Vec::new(),
            metadata: Default::default(),
            language: Lang::De,
            dct: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn pairwise_and_bcubed_scores() {
        // "A" twice and "B" once are gold entity X, "C" is Y. Predicted: A,A → e0, B → e1, C → e0.
        let text = "A A B C";
        let mention = |start: usize, entity: u32| Mention {
            span: Span::new(start, start + 1),
            entity: EntityId(entity),
            entity_type: EntityType::Per,
            variant: Variant::Name,
            source: Source::Rule,
            confidence: 1.0,
        };
        let analysis = crate::analysis::DocAnalysis {
            mentions: vec![mention(0, 0), mention(2, 0), mention(4, 1), mention(6, 0)],
            ..Default::default()
        };
        let entity = |i: u32| Entity {
            id: EntityId(i),
            name: format!("e{i}"),
            entity_type: EntityType::Per,
            aliases: Vec::new(),
        };
        let dossier = Dossier::from_parts(
            vec![doc(text)],
            vec![analysis],
            vec![entity(0), entity(1)],
            Vec::new(),
        );
        let gold =
            parse_gold("A\tX\t*\nB\tX\t*\nC\tY\tother\nC\tY\td\n", Path::new("g")).expect("gold");
        let s = score(&dossier, &["d.txt".to_string()], &gold);
        assert_eq!(s.items.len(), 4);
        // Gold pairs: A-A, A-B, A-B = 3; predicted: A-A, A-C, A-C = 3; correct: A-A = 1.
        assert_eq!(
            (s.gold_pairs, s.predicted_pairs, s.correct_pairs),
            (3, 3, 1)
        );
        assert!((s.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!(s.errors().contains("split   X"));
        assert!(s.errors().contains("joined  #0 e0"));
        assert!(parse_gold("only one column\n", Path::new("g")).is_err());
    }
}
