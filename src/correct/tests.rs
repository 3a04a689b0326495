use super::*;
use crate::analysis::Analyzed;
use crate::model::DctSource;
use crate::model::{Document, Lang, Variant};
use crate::ner::RawMention;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

const TEXT0: &str =
    "Alexander Kozlov traf Kim Jong Un in Moskau. Kozlov lobte das Treffen am 3. Mai 2024.";
const TEXT1: &str = "Kim Jong-un reiste nach Moskau. Das Treffen mit Kozlov dauerte lange.";
const TEXT2: &str = "Ein neues Treffen in Moskau folgte. Kim Jong Un kam nicht.";

/// (surface, type, canonical) per mention; spans found by position of the surface text.
fn raw(text: &str, found: &[(&str, EntityType, &str)]) -> Vec<RawMention> {
    let mut from = 0;
    found
        .iter()
        .map(|&(surface, ty, canonical)| {
            let start = from + text[from..].find(surface).expect("surface in text");
            from = start + surface.len();
            RawMention {
                span: Span::new(start, start + surface.len()),
                entity_type: ty,
                variant: Variant::Name,
                source: crate::model::Source::Model,
                confidence: 0.9,
                canonical: canonical.to_string(),
            }
        })
        .collect()
}

fn doc(text: &str) -> Document {
    Document {
        id: DocId(0),
        path: None,
        title: String::new(),
        headings: Vec::new(),
        paragraphs: vec![Span::new(0, text.len())],
        metadata: BTreeMap::new(),
        language: Lang::De,
        dct: None,
        text: text.to_string(),
    }
}

fn analyzed(text: &str, mentions: Vec<RawMention>) -> Analyzed {
    let lang = Lang::De;
    let tokens = crate::text::tokenize(text, &lang);
    let sentences = crate::text::split_sentences(text, &tokens, &lang);
    let timexes = crate::time::find_timexes(text, &tokens, &sentences, &lang, None);
    Analyzed {
        sentences,
        mentions,
        timexes,
    }
}

use EntityType::{Loc, Org, Oth, Per};

/// The "first analysis": Treffen wrongly an entity, Kozlov in doc 1 not joined.
fn analysis_a(with_doc2: bool) -> Dossier {
    let mut d = Dossier::new();
    // This analysis misses "Kozlov" in doc 1 on purpose: no cross-article surname links.
    d.set_cross_article_surnames(false);
    let m0 = raw(
        TEXT0,
        &[
            ("Alexander Kozlov", Per, "Alexander Kozlov"),
            ("Kim Jong Un", Per, "Kim Jong Un"),
            ("Moskau", Loc, "Moskau"),
            ("Kozlov", Per, "Alexander Kozlov"),
            ("Treffen", Oth, "Treffen"),
        ],
    );
    d.insert(doc(TEXT0), analyzed(TEXT0, m0));
    let m1 = raw(
        TEXT1,
        &[
            ("Kim Jong-un", Per, "Kim Jong-un"),
            ("Moskau", Loc, "Moskau"),
            ("Treffen", Oth, "Treffen"),
        ],
    );
    d.insert(doc(TEXT1), analyzed(TEXT1, m1));
    if with_doc2 {
        let m2 = raw(
            TEXT2,
            &[
                ("Treffen", Oth, "Treffen"),
                ("Moskau", Loc, "Moskau"),
                ("Kim Jong Un", Per, "Kim Jong Un"),
            ],
        );
        d.insert(doc(TEXT2), analyzed(TEXT2, m2));
    }
    d.rebuild_timeline();
    d
}

/// A "newer model": finds Kozlov in doc 1 but misses Moskau there; different order of
/// entity creation.
fn analysis_b() -> Dossier {
    let mut d = Dossier::new();
    let m0 = raw(
        TEXT0,
        &[
            ("Alexander Kozlov", Per, "Alexander Kozlov"),
            ("Kim Jong Un", Per, "Kim Jong Un"),
            ("Moskau", Loc, "Moskau"),
            ("Kozlov", Per, "Kozlov"),
            ("Treffen", Oth, "Treffen"),
        ],
    );
    let m1 = raw(
        TEXT1,
        &[
            ("Kim Jong-un", Per, "Kim Jong-un"),
            ("Treffen", Oth, "Treffen"),
            ("Kozlov", Per, "Kozlov"),
        ],
    );
    d.insert(doc(TEXT0), analyzed(TEXT0, m0));
    d.insert(doc(TEXT1), analyzed(TEXT1, m1));
    d.rebuild_timeline();
    d
}

/// (doc, mention text, entity name, type) for every mention.
fn mentions(d: &Dossier) -> BTreeSet<(u32, String, String, EntityType)> {
    d.documents
        .iter()
        .zip(&d.analyses)
        .flat_map(|(doc, a)| {
            a.mentions.iter().map(|m| {
                let e = d.entity(m.entity).expect("mention's entity exists");
                (
                    doc.id.0,
                    m.span.slice(&doc.text).to_string(),
                    e.name.clone(),
                    m.entity_type,
                )
            })
        })
        .collect()
}

fn names(d: &Dossier) -> BTreeSet<String> {
    d.entities().iter().map(|e| e.name.clone()).collect()
}

fn has(d: &Dossier, doc: u32, text: &str, entity: &str) -> bool {
    mentions(d)
        .iter()
        .any(|(dd, t, e, _)| *dd == doc && t == text && e == entity)
}

fn invariants(d: &Dossier) {
    for w in d.entities().windows(2) {
        assert!(w[0].id < w[1].id, "entities sorted by id, ids unique");
    }
    for e in d.entities() {
        assert!(!e.aliases.contains(&e.name), "{e:?}");
    }
    for a in &d.analyses {
        for m in &a.mentions {
            assert!(d.entity(m.entity).is_some());
        }
        for w in a.mentions.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "sorted, not overlapping");
        }
    }
    let used: std::collections::BTreeSet<EntityId> = d
        .analyses
        .iter()
        .flat_map(|a| a.mentions.iter().map(|m| m.entity))
        .collect();
    for e in d.entities() {
        assert!(used.contains(&e.id), "every entity has a mention: {e:?}");
    }
}

fn span_of(text: &str, needle: &str) -> Span {
    let s = text.find(needle).expect("needle");
    Span::new(s, s + needle.len())
}

#[test]
fn each_kind_of_correction() {
    type Check = fn(&Dossier) -> bool;
    let kozlov = EntityRef::new(Per, "Alexander Kozlov");
    let kim = EntityRef::new(Per, "Kim Jong-un"); // a spelling variant finds "Kim Jong Un"
    let cases: Vec<(&str, Vec<Correction>, Check)> = vec![
        (
            "rename keeps the old name as alias",
            vec![Correction::Rename {
                entity: kozlov.clone(),
                name: "Alexander Koslow".into(),
            }],
            |d| {
                let e = d.entities().iter().find(|e| e.name == "Alexander Koslow");
                e.is_some_and(|e| e.aliases.contains(&"Alexander Kozlov".to_string()))
                    && has(d, 0, "Kozlov", "Alexander Koslow")
            },
        ),
        (
            "change type changes the mentions",
            vec![Correction::ChangeType {
                entity: EntityRef::new(Loc, "Moskau"),
                entity_type: Oth,
            }],
            |d| {
                mentions(d)
                    .iter()
                    .filter(|m| m.1 == "Moskau")
                    .all(|m| m.3 == Oth)
                    && d.entities()
                        .iter()
                        .any(|e| e.name == "Moskau" && e.entity_type == Oth)
            },
        ),
        (
            "merge joins mentions and keeps the name as alias",
            vec![
                Correction::AddMention {
                    doc: DocId(1),
                    span: span_of(TEXT1, "Kozlov"),
                    text: "Kozlov".into(),
                    target: MentionTarget::New {
                        name: "Kozlov".into(),
                        entity_type: Per,
                    },
                },
                Correction::Merge {
                    survivor: kozlov.clone(),
                    merged: EntityRef::new(Per, "Kozlov"),
                },
            ],
            |d| {
                has(d, 1, "Kozlov", "Alexander Kozlov")
                    && !names(d).contains("Kozlov")
                    && d.entities().iter().any(|e| {
                        e.name == "Alexander Kozlov" && e.aliases.contains(&"Kozlov".into())
                    })
            },
        ),
        (
            "split an alias off into its own entity",
            vec![Correction::SplitAlias {
                entity: kozlov.clone(),
                alias: "Kozlov".into(),
            }],
            |d| {
                has(d, 0, "Kozlov", "Kozlov")
                    && has(d, 0, "Alexander Kozlov", "Alexander Kozlov")
                    && d.entities().iter().any(|e| {
                        e.name == "Alexander Kozlov" && !e.aliases.contains(&"Kozlov".into())
                    })
            },
        ),
        (
            "reject removes the name everywhere",
            vec![Correction::Reject {
                name: "Treffen".into(),
                entity_type: None,
            }],
            |d| !names(d).contains("Treffen") && !mentions(d).iter().any(|m| m.1 == "Treffen"),
        ),
        (
            "reject of one type keeps the others",
            vec![Correction::Reject {
                name: "Treffen".into(),
                entity_type: Some(Per),
            }],
            |d| names(d).contains("Treffen"),
        ),
        (
            "add a mention of an existing entity (by alias)",
            vec![Correction::AddMention {
                doc: DocId(1),
                span: span_of(TEXT1, "Kozlov"),
                text: "Kozlov".into(),
                target: MentionTarget::Entity {
                    entity: EntityRef::new(Per, "Kozlov"),
                },
            }],
            |d| has(d, 1, "Kozlov", "Alexander Kozlov"),
        ),
        (
            "add a mention over an automatic one replaces it",
            vec![Correction::AddMention {
                doc: DocId(1),
                span: span_of(TEXT1, "Das Treffen"),
                text: "Das Treffen".into(),
                target: MentionTarget::New {
                    name: "Das Treffen".into(),
                    entity_type: Oth,
                },
            }],
            |d| has(d, 1, "Das Treffen", "Das Treffen") && !has(d, 1, "Treffen", "Treffen"),
        ),
        (
            "add a mention whose text no longer matches is skipped",
            vec![Correction::AddMention {
                doc: DocId(1),
                span: span_of(TEXT1, "Kozlov"),
                text: "Putin".into(),
                target: MentionTarget::New {
                    name: "Putin".into(),
                    entity_type: Per,
                },
            }],
            |d| !names(d).contains("Putin"),
        ),
        (
            "remove a mention; the entity goes with its last mention",
            vec![
                Correction::RemoveMention {
                    doc: DocId(0),
                    span: span_of(TEXT0, "Treffen"),
                },
                Correction::RemoveMention {
                    doc: DocId(1),
                    span: span_of(TEXT1, "Treffen"),
                },
            ],
            |d| !names(d).contains("Treffen"),
        ),
        (
            "set a document date resolves its dates",
            vec![Correction::SetDct {
                doc: DocId(1),
                date: NaiveDate::from_ymd_opt(2024, 11, 19),
            }],
            |d| {
                d.documents[1].dct.is_some_and(|c| {
                    c.source == DctSource::User
                        && c.date == NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()
                })
            },
        ),
        (
            "clear a document date",
            vec![
                Correction::SetDct {
                    doc: DocId(0),
                    date: NaiveDate::from_ymd_opt(2024, 11, 19),
                },
                Correction::SetDct {
                    doc: DocId(0),
                    date: None,
                },
            ],
            |d| d.documents[0].dct.is_none(),
        ),
        (
            "a variant spelling of the name finds the entity",
            vec![Correction::Rename {
                entity: kim.clone(),
                name: "Kim Jong-un".into(),
            }],
            |d| has(d, 1, "Kim Jong-un", "Kim Jong-un") && has(d, 0, "Kim Jong Un", "Kim Jong-un"),
        ),
        (
            "unknown entities and documents are skipped",
            vec![
                Correction::Rename {
                    entity: EntityRef::new(Per, "Nobody"),
                    name: "X".into(),
                },
                Correction::RemoveMention {
                    doc: DocId(9),
                    span: Span::new(0, 3),
                },
            ],
            |d| mentions(d) == mentions(&analysis_a(false)),
        ),
    ];
    for (name, corrections, check) in cases {
        let mut d = analysis_a(false);
        let before = mentions(&d);
        apply(&mut d, &corrections);
        invariants(&d);
        assert!(check(&d), "{name}: {:#?}", mentions(&d));
        if name != "unknown entities and documents are skipped"
            && !name.starts_with("set")
            && !name.starts_with("clear")
            && !name.contains("no longer matches")
            && !name.contains("of one type")
        {
            assert_ne!(mentions(&d), before, "{name} changed nothing");
        }
        // JSON round trip of every correction (this is how the store keeps them).
        for c in &corrections {
            let json = serde_json::to_string(c).expect("json");
            let back: Correction = serde_json::from_str(&json).expect("parse");
            assert_eq!(&back, c);
        }
    }
}

#[test]
fn reapplying_after_reanalysis_gives_the_same_result() {
    let corrections = vec![
        Correction::Reject {
            name: "Treffen".into(),
            entity_type: None,
        },
        Correction::AddMention {
            doc: DocId(1),
            span: span_of(TEXT1, "Kozlov"),
            text: "Kozlov".into(),
            target: MentionTarget::Entity {
                entity: EntityRef::new(Per, "Alexander Kozlov"),
            },
        },
        Correction::AddMention {
            doc: DocId(1),
            span: span_of(TEXT1, "Moskau"),
            text: "Moskau".into(),
            target: MentionTarget::Entity {
                entity: EntityRef::new(Loc, "Moskau"),
            },
        },
        Correction::Rename {
            entity: EntityRef::new(Per, "Kim Jong Un"),
            name: "Kim Jong-un".into(),
        },
    ];
    let mut a = analysis_a(false);
    apply(&mut a, &corrections);
    let mut b = analysis_b();
    // The newer model found "Kozlov" as an entity of its own; the user merged it.
    let mut with_merge = corrections.clone();
    with_merge.push(Correction::Merge {
        survivor: EntityRef::new(Per, "Alexander Kozlov"),
        merged: EntityRef::new(Per, "Kozlov"),
    });
    apply(&mut b, &with_merge);
    invariants(&a);
    invariants(&b);
    assert_eq!(mentions(&a), mentions(&b));
    assert_eq!(names(&a), names(&b));
    // Applying again to the same analysis is deterministic.
    let mut a2 = analysis_a(false);
    apply(&mut a2, &corrections);
    assert_eq!(mentions(&a), mentions(&a2));
}

#[test]
fn corrections_hold_for_articles_added_later() {
    let corrections = vec![
        Correction::Reject {
            name: "Treffen".into(),
            entity_type: None,
        },
        Correction::Rename {
            entity: EntityRef::new(Loc, "Moskau"),
            name: "Moskva".into(),
        },
    ];
    let mut d = analysis_a(true);
    apply(&mut d, &corrections);
    invariants(&d);
    assert!(!mentions(&d).iter().any(|m| m.1 == "Treffen"));
    assert!(has(&d, 2, "Moskau", "Moskva"));
    assert!(has(&d, 2, "Kim Jong Un", "Kim Jong Un"));
}

#[test]
fn undo_and_redo() {
    let c = |n: &str| Correction::Reject {
        name: n.into(),
        entity_type: None,
    };
    let mut log = CorrectionLog::new();
    assert!(log.undo().is_none());
    log.push(c("a"));
    log.push(c("b"));
    log.push(c("c"));
    assert_eq!(log.undo(), Some(&c("c")));
    assert_eq!(log.undo(), Some(&c("b")));
    assert_eq!(log.active(), vec![c("a")]);
    assert_eq!(log.redo(), Some(&c("b")));
    assert_eq!(log.active(), vec![c("a"), c("b")]);
    // A new correction discards what was waiting to be redone.
    log.push(c("d"));
    assert!(log.redo().is_none());
    assert_eq!(log.active(), vec![c("a"), c("b"), c("d")]);
    let states: Vec<LogState> = log.entries().iter().map(|e| e.state).collect();
    use LogState::*;
    assert_eq!(states, vec![Active, Active, Discarded, Active]);
    let seqs: Vec<u64> = log.entries().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4]);

    // Undo = apply without the undone correction.
    let mut log = CorrectionLog::new();
    log.push(c("Treffen"));
    let mut d = analysis_a(false);
    apply(&mut d, &log.active());
    assert!(!names(&d).contains("Treffen"));
    log.undo();
    let mut d = analysis_a(false);
    apply(&mut d, &log.active());
    assert!(names(&d).contains("Treffen"));
    for s in [Active, Undone, Discarded] {
        assert_eq!(LogState::from_code(s.code()), Some(s));
    }
}

/// Events kept (with their participants' indices moved) when mentions change outside the
/// sentences that date events are exactly the events found again from scratch.
#[test]
fn kept_events_equal_events_found_again() {
    let text = "Der Betreiber Nordwind informierte Kiel. Anna Berg unterzeichnete am 3. Mai 2024 \
                in Riga den Vertrag mit Tom Kahn. Danach sprach Kahn in Kiel mit Nordwind.";
    let found = [
        ("Nordwind", Oth, "Nordwind"),
        ("Kiel", Loc, "Kiel"),
        ("Anna Berg", Per, "Anna Berg"),
        ("Riga", Loc, "Riga"),
        ("Tom Kahn", Per, "Tom Kahn"),
        ("Kahn", Per, "Tom Kahn"),
        ("Kiel", Loc, "Kiel"),
        ("Nordwind", Oth, "Nordwind"),
    ];
    let base = || {
        let mut d = Dossier::new();
        d.insert(doc(text), analyzed(text, raw(text, &found)));
        d.rebuild_timeline();
        d
    };
    let d0 = base();
    assert!(
        !d0.analyses[0].events.is_empty(),
        "the fixture has an event: {:?}",
        d0.analyses[0].timexes
    );
    let spans: Vec<Span> = d0.analyses[0].mentions.iter().map(|m| m.span).collect();
    for span in spans {
        let mut d = base();
        apply(
            &mut d,
            &[Correction::RemoveMention {
                doc: DocId(0),
                span,
            }],
        );
        let a = &d.analyses[0];
        let again = crate::time::find_events(text, &a.sentences, &a.timexes, &a.mentions);
        assert_eq!(a.events, again, "after removing {:?}", span.slice(text));
    }
    // Marking a word outside the dated sentence keeps the events too.
    let mut d = base();
    let at = text.find("Betreiber").expect("word");
    apply(
        &mut d,
        &[Correction::AddMention {
            doc: DocId(0),
            span: Span::new(at, at + "Betreiber".len()),
            text: "Betreiber".into(),
            target: MentionTarget::New {
                name: "Betreiber".into(),
                entity_type: Org,
            },
        }],
    );
    let a = &d.analyses[0];
    let again = crate::time::find_events(text, &a.sentences, &a.timexes, &a.mentions);
    assert_eq!(a.events, again);
}
