//! Dossier-level recognition: a name recognised in one article is recognised in every article
//! of the dossier where it stands written the same way ("Nordwind Netz AG" found in a German
//! article marks "Nordwind Netz AG" and "Nordwind Netz" in an English one).
//!
//! The rules keep the analyst's trust: only names recognised with some confidence spread; a
//! single word that is also a common word ("Welt", "Apple" at a sentence start) never does; a
//! surface that names two different entities in the dossier is ambiguous and left alone; the
//! match is case-sensitive, on word boundaries, and never overlaps a mention or a time
//! expression already there. Spread mentions carry [`Source::Rule`] and a lower confidence.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::analysis::{DocAnalysis, Dossier};
use crate::model::{EntityId, EntityType, Mention, Source, Span, Variant};
use crate::ner::{LexFlags, Lexicon, NerError};

/// Finishes a batch of [`Dossier::insert`]s: the names found in one article are looked for
/// in all ([`spread_names`]) and the timeline is rebuilt. The documents must hold their texts.
/// The command line's `extract` and the store's derivation both end a batch here.
pub fn finish_batch(dossier: &mut Dossier) -> Result<(), NerError> {
    let lexicon = Lexicon::embedded()?;
    spread_names(dossier, lexicon);
    dossier.rebuild_timeline();
    Ok(())
}

/// The least confidence of a mention whose name spreads.
const MIN_CONFIDENCE: f32 = 0.5;
/// The confidence of a spread mention is at most this.
const MAX_SPREAD_CONFIDENCE: f32 = 0.8;
/// Words after an organisation's name that the same organisation is often named without.
const LEGAL_FORMS: &[&str] = &[
    "AG", "GmbH", "SE", "KG", "eG", "e.V.", "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "LLC",
    "plc", "Co.", "S.A.",
];

/// What a surface names.
#[derive(Debug, Clone, Copy)]
struct Target {
    entity: EntityId,
    entity_type: EntityType,
    confidence: f32,
    /// Another entity has the same surface.
    ambiguous: bool,
}

/// Marks every further occurrence of the dossier's names in its articles (see the module
/// documentation); the articles' events are found again where mentions were added. Returns the
/// number of mentions added. The dossier must hold its texts (or read them through its text
/// source); call [`Dossier::rebuild_timeline`] afterwards.
pub fn spread_names(dossier: &mut Dossier, lexicon: &Lexicon) -> usize {
    let mut targets: HashMap<String, Target> = HashMap::new();
    for (doc, analysis) in dossier.documents.iter().zip(&dossier.analyses) {
        let Some(text) = dossier.text(doc.id) else {
            continue;
        };
        for m in &analysis.mentions {
            if m.variant != Variant::Name || m.confidence < MIN_CONFIDENCE {
                continue;
            }
            let surface = m.span.slice(&text).trim();
            for form in forms(surface, m.entity_type) {
                if !spreadable(form, lexicon) {
                    continue;
                }
                let t = targets.entry(form.to_string()).or_insert(Target {
                    entity: m.entity,
                    entity_type: m.entity_type,
                    confidence: m.confidence,
                    ambiguous: false,
                });
                if t.entity != m.entity {
                    t.ambiguous = true;
                }
                t.confidence = t.confidence.max(m.confidence);
            }
        }
    }
    targets.retain(|_, t| !t.ambiguous);
    if targets.is_empty() {
        return 0;
    }
    let patterns: Vec<&String> = targets.keys().collect();
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return 0;
    };
    let mut added = 0;
    let mut touched = Vec::new();
    for i in 0..dossier.documents.len() {
        let Some(text) = dossier
            .documents
            .get(i)
            .and_then(|d| dossier.text(d.id))
            .map(|t| t.to_string())
        else {
            continue;
        };
        let Some(analysis) = dossier.analyses.get(i) else {
            continue;
        };
        let mut new = Vec::new();
        for hit in matcher.find_iter(text.as_bytes()) {
            let span = Span::new(hit.start(), hit.end());
            let Some(t) = patterns
                .get(hit.pattern().as_usize())
                .and_then(|p| targets.get(*p))
            else {
                continue;
            };
            if !on_word_boundaries(&text, span) || taken(analysis, span) {
                continue;
            }
            new.push(Mention {
                span,
                entity: t.entity,
                entity_type: t.entity_type,
                variant: Variant::Name,
                source: Source::Rule,
                confidence: (t.confidence * 0.9).min(MAX_SPREAD_CONFIDENCE),
            });
        }
        if new.is_empty() {
            continue;
        }
        added += new.len();
        let Some(analysis) = dossier.analyses.get_mut(i).map(std::sync::Arc::make_mut) else {
            continue;
        };
        analysis.mentions.extend(new);
        analysis
            .mentions
            .sort_by_key(|m| (m.span.start, m.span.end));
        touched.push((i, text));
    }
    for (i, text) in touched {
        if let Some(analysis) = dossier.analyses.get_mut(i) {
            std::sync::Arc::make_mut(analysis).refind_events(&text);
        }
    }
    added
}

/// The surface and, for an organisation named with its legal form, the name without it.
fn forms(surface: &str, ty: EntityType) -> Vec<&str> {
    let mut out = vec![surface];
    if ty == EntityType::Org
        && let Some((head, last)) = surface.rsplit_once(' ')
        && LEGAL_FORMS.contains(&last)
    {
        out.push(head.trim_end_matches(',').trim_end());
    }
    out
}

/// A surface worth spreading: starts with a capital or digit, is not a lone common word and
/// does not start with a function word ("Die Welt" would find every "Die Welt").
fn spreadable(form: &str, lexicon: &Lexicon) -> bool {
    let mut words = form.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if form.chars().count() < 3 || !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let flags = lexicon.flags(first);
    if flags.intersects(LexFlags::FUNCTION_WORD) {
        return false;
    }
    let single = words.next().is_none();
    // A lone word that is also a common word or noun stays where the recogniser put it
    // ("Welt", "Essen", "Kiel"): in other articles it is too often the word.
    if single
        && flags.intersects(LexFlags::COMMON_WORD | LexFlags::COMMON_NOUN)
        && !flags.contains(LexFlags::COUNTRY)
    {
        return false;
    }
    true
}

/// True when no letter or digit touches the span on either side.
fn on_word_boundaries(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).and_then(|s| s.chars().next_back());
    let after = text.get(span.end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// True when the span overlaps a mention or a time expression of the article.
fn taken(analysis: &DocAnalysis, span: Span) -> bool {
    let overlaps = |s: Span| s.start < span.end && span.start < s.end;
    analysis.mentions.iter().any(|m| overlaps(m.span))
        || analysis.timexes.iter().any(|t| overlaps(t.span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::model::{Document, Lang};

    fn doc(title: &str, text: &str, lang: Lang) -> Document {
        Document {
            id: crate::model::DocId(0),
            path: None,
            title: title.into(),
            headings: Vec::new(),
            paragraphs: vec![Span::new(0, text.len())],
            metadata: Default::default(),
            language: lang,
            dct: None,
            text: text.into(),
        }
    }

    fn dossier(docs: &[Document]) -> Dossier {
        let analyzer = Analyzer::new().expect("analyzer");
        let mut d = Dossier::new();
        for x in docs {
            let a = analyzer.analyze(x);
            d.insert(x.clone(), a);
        }
        d.rebuild_timeline();
        d
    }

    fn surfaces(d: &Dossier, i: usize) -> Vec<(String, Source)> {
        let text = &d.documents[i].text;
        d.analyses[i]
            .mentions
            .iter()
            .map(|m| (m.span.slice(text).to_string(), m.source))
            .collect()
    }

    #[test]
    fn forms_and_spreadable_surfaces() {
        let lexicon = Lexicon::embedded().expect("lexicon");
        assert_eq!(
            forms("Nordwind Netz AG", EntityType::Org),
            ["Nordwind Netz AG", "Nordwind Netz"]
        );
        assert_eq!(forms("Kiel AG", EntityType::Loc), ["Kiel AG"]);
        // (surface, spreads)
        let cases = [
            ("Nordwind Netz", true),
            ("Kim Jong Un", true),
            ("Pjöngjang", true),
            ("Welt", false),
            ("Regierung", false),
            ("Die Welt", false),
            ("EU", false),
            ("kiel", false),
        ];
        for (form, want) in cases {
            assert_eq!(spreadable(form, lexicon), want, "{form}");
        }
    }

    #[test]
    fn a_name_found_in_one_article_is_found_in_the_others() {
        let lexicon = Lexicon::embedded().expect("lexicon");
        let a = doc(
            "Kabel",
            "Der Betreiber Nordwind Netz AG bestätigte den Schaden am Kabel.",
            Lang::De,
        );
        let b = doc(
            "Cable",
            "Operator Nordwind Netz said the damage was serious. The Welt newspaper agreed.",
            Lang::En,
        );
        let mut d = dossier(&[a, b]);
        let before = surfaces(&d, 1);
        assert!(
            !before.iter().any(|(s, _)| s == "Nordwind Netz"),
            "precondition: the English article alone misses it: {before:?}"
        );
        let added = spread_names(&mut d, lexicon);
        assert!(added >= 1);
        let after = surfaces(&d, 1);
        assert!(
            after.contains(&("Nordwind Netz".to_string(), Source::Rule)),
            "{after:?}"
        );
        let org = d.analyses[0]
            .mentions
            .iter()
            .find(|m| m.span.slice(&d.documents[0].text) == "Nordwind Netz AG")
            .map(|m| m.entity);
        let spread = d.analyses[1]
            .mentions
            .iter()
            .find(|m| m.source == Source::Rule)
            .map(|m| m.entity);
        assert_eq!(org, spread, "the same entity");
        assert!(!after.iter().any(|(s, _)| s == "Welt"), "{after:?}");
        // Spreading again adds nothing.
        assert_eq!(spread_names(&mut d, lexicon), 0);
    }
}
