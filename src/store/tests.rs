//! Unit tests of the store on temporary files.

use std::collections::{BTreeMap, BTreeSet};

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::analysis::{Analyzer, Dossier};
use crate::correct::{EntityRef, MentionTarget};
use crate::model::{DctSource, Mention, Source};
use crate::registry::name_key;

fn doc(title: &str, text: &str) -> Document {
    Document {
        id: DocId(0),
        path: None,
        title: title.to_string(),
        headings: Vec::new(),
        paragraphs: vec![Span::new(0, text.len())],
        metadata: BTreeMap::new(),
        language: Lang::De,
        dct: None,
        text: text.to_string(),
    }
}

const A: &str = "Alexander Kozlov traf Kim Jong Un am 3. November 2024 in Moskau. Kozlov sagte, \
                 die Zusammenarbeit mit Nordkorea werde ausgebaut.";
const B: &str = "Kim Jong-un besuchte Pjöngjang. Wladimir Putin empfing ihn später in Moskau. \
                 Die NATO beobachtet die Annäherung zwischen Russland und Nordkorea.";
const C: &str = "Der NATO-Generalsekretär Mark Rutte warnte in Brüssel vor Russland.";

fn docs() -> Vec<Document> {
    vec![doc("Treffen", A), doc("Besuch", B), doc("Warnung", C)]
}

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.dossier");
    (dir, path)
}

fn import(store: &mut Store, docs: Vec<Document>) -> ImportReport {
    let analyzer = Analyzer::new().expect("analyzer");
    let opts = ImportOptions {
        workers: 2,
        batch: 2,
        ..ImportOptions::default()
    };
    store
        .import_documents(docs, &analyzer, &opts, &mut |_| {})
        .expect("import")
}

fn entity_by_name(store: &Store, name: &str) -> Option<EntitySummary> {
    store
        .entities()
        .expect("entities")
        .into_iter()
        .find(|e| e.name == name)
}

#[test]
fn create_import_reopen() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    assert_eq!(
        store.schema_version().expect("version"),
        schema::SCHEMA_VERSION
    );
    let report = import(&mut store, docs());
    assert_eq!(report.added, vec![DocId(0), DocId(1), DocId(2)]);
    drop(store);

    let store = Store::open(&path).expect("open");
    assert!(!store.is_read_only());
    let list = store.documents().expect("documents");
    let titles: Vec<&str> = list.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Treffen", "Besuch", "Warnung"]);
    assert!(list.iter().all(|d| d.mentions > 0), "{list:?}");

    // Cross-article identity: one Kim Jong Un, one Moskau, one NATO.
    let entities = store.entities().expect("entities");
    let kim: Vec<&EntitySummary> = entities
        .iter()
        .filter(|e| name_key(&e.name) == name_key("Kim Jong Un"))
        .collect();
    assert_eq!(kim.len(), 1, "{entities:#?}");
    assert_eq!(kim[0].documents, 2);
    let moskau = entity_by_name(&store, "Moskau").expect("Moskau");
    assert_eq!(moskau.documents, 2);
    assert_eq!(
        store
            .entity_documents(moskau.id)
            .expect("per article")
            .len(),
        2
    );
    let with = store.cooccurrences(moskau.id).expect("co-occurrence");
    assert!(
        with.iter().any(|(id, n)| *id == kim[0].id && *n == 2),
        "{with:?}"
    );

    // Lazy document: text and mentions with stable entity ids.
    let (d, analysis) = store.document(DocId(1)).expect("document");
    assert_eq!(d.text, B);
    assert!(analysis.mentions.iter().any(|m| m.entity == moskau.id));
    assert!(matches!(
        store.document(DocId(9)),
        Err(StoreError::UnknownDocument(DocId(9)))
    ));

    // The whole dossier: its entities are the store's, with the store's ids.
    let dossier = store.dossier().expect("dossier");
    assert_eq!(dossier.entities().len(), entities.len());
    for e in dossier.entities() {
        let stable = entities.iter().find(|s| s.id == e.id).expect("stable");
        assert_eq!(stable.name, e.name);
    }
    assert_eq!(dossier.documents.len(), 3);
}

#[test]
fn reimport_is_detected() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let report = import(
        &mut store,
        vec![doc("Treffen", A), doc("Neu", "Ein neuer Text über Moskau.")],
    );
    assert_eq!(report.added, vec![DocId(3)]);
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(store.document_count().expect("count"), 4);
}

#[test]
fn corrections_persist_undo_redo_and_keep_ids() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let before = store.entities().expect("entities");
    let moskau = entity_by_name(&store, "Moskau").expect("Moskau");
    let nordkorea = entity_by_name(&store, "Nordkorea").expect("Nordkorea");

    store
        .apply(&Correction::Reject {
            name: "Moskau".into(),
            entity_type: None,
        })
        .expect("reject");
    assert!(entity_by_name(&store, "Moskau").is_none());
    store
        .apply(&Correction::Rename {
            entity: EntityRef::new(EntityType::Loc, "Nordkorea"),
            name: "Demokratische Volksrepublik Korea".into(),
        })
        .expect("rename");
    drop(store);

    let mut store = Store::open(&path).expect("reopen");
    assert!(entity_by_name(&store, "Moskau").is_none());
    let renamed = entity_by_name(&store, "Demokratische Volksrepublik Korea").expect("renamed");
    assert_eq!(renamed.id, nordkorea.id, "a renamed entity keeps its id");
    assert!(renamed.aliases.contains(&"Nordkorea".to_string()));
    assert_eq!(store.corrections().expect("log").active().len(), 2);

    let undone = |store: &mut Store| store.undo().expect("undo").map(|s| s.correction);
    assert!(matches!(
        undone(&mut store),
        Some(Correction::Rename { .. })
    ));
    assert!(matches!(
        undone(&mut store),
        Some(Correction::Reject { .. })
    ));
    assert!(undone(&mut store).is_none());
    let back = entity_by_name(&store, "Moskau").expect("Moskau is back");
    assert_eq!(back.id, moskau.id, "an entity keeps its id across undo");
    let after: Vec<(EntityId, String)> = store
        .entities()
        .expect("entities")
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let orig: Vec<(EntityId, String)> = before.into_iter().map(|e| (e.id, e.name)).collect();
    assert_eq!(after, orig);

    assert!(matches!(
        store.redo().expect("redo").map(|s| s.correction),
        Some(Correction::Reject { .. })
    ));
    assert!(entity_by_name(&store, "Moskau").is_none());
    drop(store);
    let mut store = Store::open(&path).expect("reopen");
    assert!(entity_by_name(&store, "Moskau").is_none(), "redo persisted");

    // A new article: the rejected name stays rejected.
    import(
        &mut store,
        vec![doc("Später", "Die Delegation flog nach Moskau zurück.")],
    );
    assert!(entity_by_name(&store, "Moskau").is_none());
    let (_, analysis) = store.document(DocId(3)).expect("doc 3");
    let text = "Die Delegation flog nach Moskau zurück.";
    assert!(
        !analysis
            .mentions
            .iter()
            .any(|m| m.span.slice(text) == "Moskau")
    );

    // Re-analysis keeps ids and corrections.
    let ids_before: Vec<(EntityId, String)> = store
        .entities()
        .expect("entities")
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    store
        .reanalyze(&Analyzer::new().expect("analyzer"))
        .expect("reanalyze");
    let ids_after: Vec<(EntityId, String)> = store
        .entities()
        .expect("entities")
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    assert_eq!(ids_before, ids_after);
}

#[test]
fn mention_and_date_corrections() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let start = C.find("Brüssel").expect("Brüssel");
    let span = Span::new(start, start + "Brüssel".len());
    store
        .apply(&Correction::RemoveMention {
            doc: DocId(2),
            span,
        })
        .expect("remove");
    let (_, a) = store.document(DocId(2)).expect("doc");
    assert!(!a.mentions.iter().any(|m| m.span == span));
    store
        .apply(&Correction::AddMention {
            doc: DocId(2),
            span,
            text: "Brüssel".into(),
            target: MentionTarget::New {
                name: "Bruxelles".into(),
                entity_type: EntityType::Loc,
            },
        })
        .expect("add");
    let (_, a) = store.document(DocId(2)).expect("doc");
    let m = a
        .mentions
        .iter()
        .find(|m| m.span == span)
        .expect("added mention");
    assert_eq!(m.source, Source::User);
    let e = store.entity(m.entity).expect("entity").expect("exists");
    assert_eq!(e.name, "Bruxelles");

    let date = NaiveDate::from_ymd_opt(2024, 11, 19).expect("date");
    store
        .apply(&Correction::SetDct {
            doc: DocId(1),
            date: Some(date),
        })
        .expect("dct");
    let list = store.documents().expect("documents");
    assert_eq!(
        list[1].dct.map(|d| (d.date, d.source)),
        Some((date, DctSource::User))
    );
    store.undo().expect("undo");
    assert_eq!(store.documents().expect("documents")[1].dct, None);
}

#[test]
fn search_text_and_entities() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let cases: &[(&str, &[u32])] = &[
        ("Moskau", &[0, 1]),
        ("\"Kim Jong\"", &[0, 1]),
        ("Annäher*", &[1]),
        ("pjongjang", &[1]),
        ("Rutte Brüssel", &[2]),
        ("Putin Rutte", &[]),
        ("Warnung", &[2]),
    ];
    for (q, want) in cases {
        let hits = store.search(q, 50).expect("search");
        let mut docs: Vec<u32> = hits.iter().map(|h| h.doc.0).collect();
        docs.sort_unstable();
        docs.dedup();
        assert_eq!(&docs, want, "{q}: {hits:#?}");
        for h in &hits {
            let (d, _) = store.document(h.doc).expect("doc");
            assert_eq!(
                h.span.slice(&d.text),
                h.snippet_span.slice(&h.snippet),
                "{q}"
            );
        }
    }
    let found = store.search_entities("kim jong-un").expect("entities");
    assert!(
        found
            .first()
            .is_some_and(|h| h.entity.entity_type == EntityType::Per),
        "{found:?}"
    );
    assert!(store.search_entities("Xyzzy").expect("none").is_empty());
}

#[test]
fn refuses_files_that_are_not_dossiers() {
    let (dir, path) = temp();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some text\n".repeat(20)).expect("write");
    let other = dir.path().join("other.sqlite");
    {
        let c = Connection::open(&other).expect("sqlite");
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("table");
    }
    let empty = dir.path().join("empty.dossier");
    std::fs::write(&empty, b"").expect("write");
    for p in [&text, &other, &empty] {
        let before = std::fs::read(p).expect("read");
        let err = Store::open(p).expect_err("not a dossier");
        assert!(
            matches!(err, StoreError::NotADossier { .. }),
            "{p:?}: {err}"
        );
        assert_eq!(std::fs::read(p).expect("read"), before, "left untouched");
    }
    assert!(matches!(Store::create(&text), Err(StoreError::Exists(_))));
    assert!(matches!(
        Store::open(&dir.path().join("missing.dossier")),
        Err(StoreError::NotFound(_))
    ));
    // A dossier from a newer version.
    let store = Store::create(&path).expect("create");
    store
        .conn
        .pragma_update(None, "user_version", schema::SCHEMA_VERSION + 5)
        .expect("version");
    drop(store);
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!(found, schema::SCHEMA_VERSION + 5);
            assert_eq!(supported, schema::SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[test]
fn a_full_database_loses_nothing_committed() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let pages: i64 = store
        .conn
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .expect("pages");
    store
        .conn
        .pragma_update(None, "max_page_count", pages)
        .expect("limit");
    let big: String = "Ein langer Satz über Moskau und Pjöngjang. ".repeat(3000);
    let analyzer = Analyzer::new().expect("analyzer");
    let err = store
        .import_documents(
            vec![doc("Groß", &big)],
            &analyzer,
            &ImportOptions::default(),
            &mut |_| {},
        )
        .expect_err("database full");
    assert!(matches!(err, StoreError::DiskFull(_)), "{err}");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.document_count().expect("count"), 3);
    assert!(entity_by_name(&store, "Moskau").is_some());
}

#[test]
fn fts5_is_available() {
    let c = Connection::open_in_memory().expect("memory");
    c.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x);")
        .expect("the bundled SQLite has FTS5");
}

#[test]
fn document_ids_are_never_reused() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    assert!(store.remove_document(DocId(2)).expect("remove"));
    let report = import(&mut store, vec![doc("Neu", "Ein neuer Text über Riga.")]);
    assert_eq!(report.added, vec![DocId(3)]);
}

/// Removing an article takes it out of the views and the search index; a copy opens with the
/// same content.
#[test]
fn remove_and_copy() {
    let (dir, path) = temp();
    let mut store = Store::create(&path).unwrap();
    let report = import(
        &mut store,
        vec![
            doc("Eins", "Angela Merkel besuchte am Montag Paris."),
            doc("Zwei", "Emmanuel Macron empfing Angela Merkel in Paris."),
        ],
    );
    assert_eq!(report.added.len(), 2);
    let first = report.added[0];
    assert!(store.remove_document(first).unwrap());
    assert!(!store.remove_document(first).unwrap(), "already gone");
    let docs = store.documents().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].title, "Zwei");
    assert!(store.search("besuchte", 10).unwrap().is_empty());
    assert_eq!(store.search("empfing", 10).unwrap().len(), 1);

    let copy = dir.path().join("b.dossier");
    store.copy_to(&copy).unwrap();
    assert!(matches!(store.copy_to(&copy), Err(StoreError::Exists(_))));
    let other = Store::open(&copy).unwrap();
    assert_eq!(other.documents().unwrap().len(), 1);
    assert_eq!(
        other.dossier().unwrap().entities().len(),
        store.dossier().unwrap().entities().len()
    );
}

/// The viewer's dossier holds no text; it reads them on demand and shows the same as the
/// dossier with texts, also after corrections (which read the texts they need on demand).
#[test]
fn lazy_dossier_reads_texts_on_demand_and_matches_the_full_one() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let same = |store: &Store, texts: &Arc<StoreTexts>| {
        let full = store.dossier().expect("full");
        let lazy = store.dossier_lazy(Arc::clone(texts)).expect("lazy");
        assert!(lazy.documents.iter().all(|d| d.text.is_empty()));
        assert_eq!(lazy.analyses, full.analyses);
        assert_eq!(lazy.entities(), full.entities());
        assert_eq!(lazy.events, full.events);
        for d in &full.documents {
            assert_eq!(lazy.text(d.id).as_deref(), Some(d.text.as_str()));
        }
        // The whole dossier is read with one scan per table; one document alone with its own
        // queries: both give the same documents and analyses.
        let names: HashMap<u32, String> = store
            .entities()
            .expect("entities")
            .into_iter()
            .map(|e| (e.id.0, e.name))
            .collect();
        for (d, a) in full.documents.iter().zip(&full.analyses) {
            let (one, one_a) = store.document(d.id).expect("document");
            assert_eq!(&one, d.as_ref());
            assert_eq!(one_a.sentences, a.sentences);
            assert_eq!(one_a.timexes, a.timexes);
            assert_eq!(one_a.events, a.events);
            let seen = |ms: &[Mention], name: &dyn Fn(EntityId) -> String| {
                ms.iter()
                    .map(|m| (m.span, name(m.entity), m.entity_type, m.variant, m.source))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                seen(&one_a.mentions, &|id| names[&id.0].clone()),
                seen(&a.mentions, &|id| full
                    .entity(id)
                    .expect("entity")
                    .name
                    .clone()),
                "{}",
                d.title
            );
        }
    };
    let texts = Arc::new(StoreTexts::with_budget(&path, B.len() + C.len()));
    same(&store, &texts);
    let stats = texts.stats();
    assert_eq!(stats.loads, 3);
    assert!(stats.resident < 3, "the budget holds two texts: {stats:?}");

    // Corrections that read texts: a rejected name everywhere, a split alias, a marked mention.
    let kozlov = entity_by_name(&store, "Alexander Kozlov").expect("Kozlov");
    store
        .apply(&Correction::Reject {
            name: "Moskau".into(),
            entity_type: None,
        })
        .expect("reject");
    same(&store, &texts);
    store
        .apply(&Correction::SplitAlias {
            entity: EntityRef::new(kozlov.entity_type, kozlov.name.clone()),
            alias: "Kozlov".into(),
        })
        .expect("split");
    let at = B.find("Pjöngjang").expect("word");
    store
        .apply(&Correction::AddMention {
            doc: DocId(1),
            span: Span::new(at, at + "Pjöngjang".len()),
            text: "Pjöngjang".into(),
            target: MentionTarget::New {
                name: "Pjöngjang".into(),
                entity_type: EntityType::Loc,
            },
        })
        .expect("mark");
    same(&store, &texts);
    assert!(entity_by_name(&store, "Moskau").is_none());
    assert!(
        entity_by_name(&store, "Kozlov").is_some(),
        "alias split off"
    );
    assert!(
        store
            .document(DocId(1))
            .expect("doc")
            .1
            .mentions
            .iter()
            .any(|m| m.span.start == at),
        "marked mention kept"
    );
    assert!(
        store.state.borrow().as_ref().is_some_and(|d| d
            .current
            .documents
            .iter()
            .all(|d| d.text.is_empty())),
        "the state in memory keeps no texts"
    );
}

/// The state in memory, the state in the tables and the state derived from scratch (by a
/// store that opens the file anew) are the same, entity ids included.
fn same_as_scratch(store: &Store, step: &str) {
    let memory = store.dossier().expect("memory");
    let mut tables = store.read_current().expect("tables");
    fill_texts(store, &mut tables);
    let other = Store::open(store.path()).expect("open");
    let scratch = other.write(|s, tx| s.derive_full(tx)).expect("scratch");
    let mut scratch = scratch.current;
    fill_texts(store, &mut scratch);
    assert_eq!(
        exact(&memory),
        exact(&tables),
        "memory ≠ tables after {step}"
    );
    assert_eq!(
        exact(&memory),
        exact(&scratch),
        "memory ≠ scratch after {step}"
    );
    assert_eq!(observable(&memory), observable(&scratch), "after {step}");
}

fn fill_texts(store: &Store, d: &mut Dossier) {
    for doc in d.documents.iter_mut() {
        let (full, _) = store.document(doc.id).expect("doc");
        Arc::make_mut(doc).text = full.text;
    }
}

/// Everything that is stored, with ids: entities, mentions, dates, time expressions, events,
/// the timeline and the removed articles.
fn exact(d: &Dossier) -> String {
    let mut out = String::new();
    for e in d.entities() {
        out.push_str(&format!("{e:?}\n"));
    }
    for (doc, a) in d.documents.iter().zip(&d.analyses) {
        out.push_str(&format!(
            "{} {:?}\n{:?}\n{:?}\n{:?}\n",
            doc.id, doc.dct, a.mentions, a.timexes, a.events
        ));
    }
    for e in d.events.iter() {
        out.push_str(&format!("{e:?}\n"));
    }
    for (id, r) in &d.removed {
        out.push_str(&format!(
            "removed {id} {:?} {:?} {:?}\n",
            r.analysis.mentions, r.analysis.events, r.entities
        ));
    }
    out
}

/// A mention as (doc, start, end, entity name, type).
type SeenMention = (u32, usize, usize, String, EntityType);

/// (doc, span, entity name, type) of every mention, and the per-document dates and timexes.
fn observable(d: &Dossier) -> (BTreeSet<SeenMention>, Vec<String>) {
    let mentions = d
        .documents
        .iter()
        .zip(&d.analyses)
        .flat_map(|(doc, a)| {
            a.mentions.iter().map(move |m| {
                let name = d
                    .entity(m.entity)
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                (doc.id.0, m.span.start, m.span.end, name, m.entity_type)
            })
        })
        .collect();
    let state = d
        .documents
        .iter()
        .zip(&d.analyses)
        .map(|(doc, a)| {
            format!(
                "{} {:?} {:?} {}",
                doc.id.0,
                doc.dct,
                a.timexes,
                a.events.len()
            )
        })
        .collect();
    (mentions, state)
}

/// The corrected state is written only where it changed; after any sequence of corrections,
/// undos, redos and removals the file holds exactly what deriving from scratch gives.
#[test]
fn rows_written_only_where_changed_match_a_derivation_from_scratch() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    import(&mut store, docs());
    let check = |store: &Store, step: &str| same_as_scratch(store, step);
    check(&store, "import");
    let kim = entity_by_name(&store, "Kim Jong Un").expect("Kim");
    let kim = EntityRef::new(kim.entity_type, kim.name);
    let kozlov = entity_by_name(&store, "Alexander Kozlov").expect("Kozlov");
    let kozlov = EntityRef::new(kozlov.entity_type, kozlov.name);
    let steps: Vec<(&str, Correction)> = vec![
        (
            "rename",
            Correction::Rename {
                entity: kim.clone(),
                name: "Kim Jong-un".into(),
            },
        ),
        (
            "merge",
            Correction::Merge {
                survivor: kim.clone(),
                merged: kozlov,
            },
        ),
        (
            "reject",
            Correction::Reject {
                name: "Moskau".into(),
                entity_type: None,
            },
        ),
        (
            "date",
            Correction::SetDct {
                doc: DocId(2),
                date: NaiveDate::from_ymd_opt(2024, 11, 4),
            },
        ),
        (
            "remove mention",
            Correction::RemoveMention {
                doc: DocId(2),
                span: Span::new(
                    C.find("Mark Rutte").expect("Rutte"),
                    C.find("Mark Rutte").expect("Rutte") + "Mark Rutte".len(),
                ),
            },
        ),
    ];
    for (step, correction) in &steps {
        store.apply(correction).expect(step);
        check(&store, step);
    }
    for _ in 0..steps.len() {
        store.undo().expect("undo");
        check(&store, "undo");
    }
    store.redo().expect("redo");
    check(&store, "redo");
    store.remove_document(DocId(1)).expect("remove");
    check(&store, "remove");
    let count: i64 = store
        .conn
        .query_row("SELECT count(*) FROM mentions WHERE doc_id = 1", [], |r| {
            r.get(0)
        })
        .expect("count");
    assert_eq!(count, 0, "no rows of the removed article");
    store.undo().expect("undo the removal");
    check(&store, "undo the removal");
    assert_eq!(store.documents().expect("docs").len(), 3);
}

/// A name recognised in an article imported later is found in the articles imported before
/// (and the other way round), as one entity; rejecting it removes it everywhere.
#[test]
fn names_spread_over_articles_imported_at_different_times() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    let mut english = doc(
        "Cable",
        "Operator Nordwind Netz said the damage was serious.",
    );
    english.language = Lang::En;
    import(&mut store, vec![english]);
    let found = |store: &Store| -> Vec<(u32, String)> {
        let d = store.dossier().expect("dossier");
        d.documents
            .iter()
            .zip(&d.analyses)
            .flat_map(|(doc, a)| {
                a.mentions
                    .iter()
                    .map(|m| (doc.id.0, m.span.slice(&doc.text).to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert!(
        !found(&store).iter().any(|(_, s)| s == "Nordwind Netz"),
        "precondition: the English article alone misses it: {:?}",
        found(&store)
    );
    import(
        &mut store,
        vec![doc(
            "Kabel",
            "Der Betreiber Nordwind Netz AG bestätigte den Schaden.",
        )],
    );
    let now = found(&store);
    assert!(now.contains(&(0, "Nordwind Netz".into())), "{now:?}");
    assert!(now.contains(&(1, "Nordwind Netz AG".into())), "{now:?}");
    let org = entity_by_name(&store, "Nordwind Netz AG").expect("one entity");
    assert_eq!(org.documents, 2, "{org:?}");
    drop(store);
    // Reopened: the same.
    let mut store = Store::open(&path).expect("reopen");
    assert_eq!(found(&store), now);
    store
        .apply(&Correction::Reject {
            name: "Nordwind Netz AG".into(),
            entity_type: None,
        })
        .expect("reject");
    assert!(
        !found(&store).iter().any(|(_, s)| s.starts_with("Nordwind")),
        "{:?}",
        found(&store)
    );
}

#[test]
fn a_state_keeps_no_second_copy_of_unchanged_time_expressions() {
    let (_dir, path) = temp();
    let mut store = Store::create(&path).expect("create");
    let mut all = docs();
    all.push(doc(
        "Ankunft",
        "Am Dienstag traf Olaf Scholz in Berlin ein. Am Mittwoch reiste er weiter.",
    ));
    import(&mut store, all);
    let stored = |store: &Store| -> Vec<(u32, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT doc_id, timexes FROM doc_state ORDER BY doc_id")
            .expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    // A correction derives every state: none repeats the automatic time expressions.
    let kozlov = entity_by_name(&store, "Alexander Kozlov").expect("Kozlov");
    store
        .apply(&Correction::Rename {
            entity: EntityRef::new(kozlov.entity_type, kozlov.name.clone()),
            name: "Alexander Koslow".into(),
        })
        .expect("rename");
    let before = store.dossier().expect("dossier");
    assert!(!stored(&store).is_empty());
    assert!(stored(&store).iter().all(|(_, t)| t.is_empty()));
    assert!(
        before.analyses.iter().any(|a| !a.timexes.is_empty()),
        "the sample has time expressions"
    );
    // A new document date renormalises one article's time expressions: only its state holds
    // them, and the dossier reads the same values either way.
    let doc = before
        .documents
        .iter()
        .find(|d| d.title == "Ankunft")
        .map(|d| d.id)
        .expect("the article with weekdays");
    store
        .apply(&Correction::SetDct {
            doc,
            date: chrono::NaiveDate::from_ymd_opt(2020, 1, 15),
        })
        .expect("date");
    let rows = stored(&store);
    assert!(rows.iter().any(|(d, t)| *d == doc.0 && !t.is_empty()));
    assert!(
        rows.iter()
            .filter(|(d, _)| *d != doc.0)
            .all(|(_, t)| t.is_empty())
    );
    let after = store.dossier().expect("dossier");
    let reopened = Store::open(&path)
        .expect("reopen")
        .dossier()
        .expect("dossier");
    assert_eq!(after.analyses, reopened.analyses);
    for ((d, a), b) in after
        .documents
        .iter()
        .zip(&after.analyses)
        .zip(&before.analyses)
    {
        if d.id != doc {
            assert_eq!(a.timexes, b.timexes, "{}", d.title);
        }
    }
}

/// What a random step of the property test does; indices are taken modulo what the dossier
/// holds when the step runs.
#[derive(Debug, Clone)]
enum Op {
    Rename(usize),
    Retype(usize, usize),
    Merge(usize, usize),
    Split(usize, usize),
    Reject(usize),
    RemoveMention(usize, usize),
    MarkWord(usize, usize, Option<usize>),
    Reassign(usize, usize, Option<usize>),
    Date(usize, u32),
    RemoveDoc(usize),
    RestoreDoc(usize),
    Undo,
    Redo,
    Import(usize),
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    let i = 0usize..50;
    prop_oneof![
        i.clone().prop_map(Op::Rename),
        (i.clone(), 0usize..4).prop_map(|(a, b)| Op::Retype(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Merge(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Split(a, b)),
        i.clone().prop_map(Op::Reject),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::RemoveMention(a, b)),
        (i.clone(), i.clone(), proptest::option::of(i.clone()))
            .prop_map(|(a, b, c)| Op::MarkWord(a, b, c)),
        (i.clone(), i.clone(), proptest::option::of(i.clone()))
            .prop_map(|(a, b, c)| Op::Reassign(a, b, c)),
        (i.clone(), 1u32..28).prop_map(|(a, d)| Op::Date(a, d)),
        i.clone().prop_map(Op::RemoveDoc),
        i.clone().prop_map(Op::RestoreDoc),
        Just(Op::Undo),
        Just(Op::Redo),
        (0usize..3).prop_map(Op::Import),
    ]
}

const LATER: [&str; 3] = [
    "Kim Jong Un empfing Mark Rutte nicht. Die NATO protestierte am Freitag in Brüssel.",
    "Wladimir Putin und Alexander Kozlov trafen sich am 5. Mai 2024 in Pjöngjang.",
    "Russland und Nordkorea unterzeichneten den Vertrag. Kozlov lobte ihn in Moskau.",
];

/// The correction a step asks for, chosen from what the dossier holds now.
fn correction_for(store: &Store, op: &Op) -> Option<Correction> {
    let d = store.dossier().expect("dossier");
    let entities = d.entities();
    let pick = |i: usize| entities.get(i % entities.len().max(1));
    let reference = |e: &crate::model::Entity| EntityRef::of(e);
    let doc_at = |i: usize| d.documents.get(i % d.documents.len().max(1));
    Some(match op {
        Op::Rename(i) => {
            let e = pick(*i)?;
            Correction::Rename {
                entity: reference(e),
                name: format!("{} (neu)", e.name),
            }
        }
        Op::Retype(i, t) => Correction::ChangeType {
            entity: reference(pick(*i)?),
            entity_type: EntityType::ALL[*t % 4],
        },
        Op::Merge(i, j) => Correction::Merge {
            survivor: reference(pick(*i)?),
            merged: reference(pick(*j)?),
        },
        Op::Split(i, k) => {
            let e = pick(*i)?;
            let alias = e.aliases.get(*k % e.aliases.len().max(1))?;
            Correction::SplitAlias {
                entity: reference(e),
                alias: alias.clone(),
            }
        }
        Op::Reject(i) => Correction::Reject {
            name: pick(*i)?.name.clone(),
            entity_type: None,
        },
        Op::RemoveMention(i, k) => {
            let doc = doc_at(*i)?;
            let (_, a) = d.document(doc.id)?;
            let m = a.mentions.get(*k % a.mentions.len().max(1))?;
            Correction::RemoveMention {
                doc: doc.id,
                span: m.span,
            }
        }
        Op::MarkWord(i, w, to) => {
            let doc = doc_at(*i)?;
            let text = d.text(doc.id)?.to_string();
            let words: Vec<(usize, &str)> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                .collect();
            let (at, word) = *words.get(*w % words.len().max(1))?;
            let target = match to {
                Some(j) => MentionTarget::Entity {
                    entity: reference(pick(*j)?),
                },
                None => MentionTarget::New {
                    name: word.to_string(),
                    entity_type: EntityType::Oth,
                },
            };
            Correction::AddMention {
                doc: doc.id,
                span: Span::new(at, at + word.len()),
                text: word.to_string(),
                target,
            }
        }
        Op::Reassign(i, k, to) => {
            let doc = doc_at(*i)?;
            let text = d.text(doc.id)?.to_string();
            let (_, a) = d.document(doc.id)?;
            let m = a.mentions.get(*k % a.mentions.len().max(1))?;
            let target = match to {
                Some(j) => MentionTarget::Entity {
                    entity: reference(pick(*j)?),
                },
                None => MentionTarget::New {
                    name: format!("{} (andere)", m.span.slice(&text)),
                    entity_type: m.entity_type,
                },
            };
            Correction::ReassignMention {
                doc: doc.id,
                span: m.span,
                text: m.span.slice(&text).to_string(),
                target,
            }
        }
        Op::Date(i, day) => Correction::SetDct {
            doc: doc_at(*i)?.id,
            date: NaiveDate::from_ymd_opt(2024, 11, *day),
        },
        Op::RemoveDoc(i) => Correction::RemoveDocument {
            doc: doc_at(*i)?.id,
        },
        Op::RestoreDoc(i) => {
            let ids: Vec<DocId> = d.removed.keys().copied().collect();
            Correction::RestoreDocument {
                doc: *ids.get(*i % ids.len().max(1))?,
            }
        }
        Op::Undo | Op::Redo | Op::Import(_) => return None,
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 16,
        failure_persistence: None,
        .. proptest::prelude::ProptestConfig::default()
    })]

    /// Random corrections, undos, redos, imports, removals and restores: after each step the
    /// state in memory, the tables and a derivation from scratch agree, ids included; and
    /// undoing everything gives back the dossier as imported.
    #[test]
    fn incremental_equals_from_scratch(ops in proptest::collection::vec(op(), 1..12)) {
        let (_dir, path) = temp();
        let mut store = Store::create(&path).expect("create");
        import(&mut store, docs());
        let imported = exact(&store.dossier().expect("dossier"));
        for (n, op) in ops.iter().enumerate() {
            let step = format!("step {n}: {op:?}");
            match op {
                Op::Undo => {
                    store.undo().expect("undo");
                }
                Op::Redo => {
                    store.redo().expect("redo");
                }
                Op::Import(i) => {
                    import(&mut store, vec![doc("Später", LATER[*i])]);
                }
                _ => {
                    if let Some(c) = correction_for(&store, op) {
                        match store.apply(&c) {
                            Ok(_) | Err(StoreError::NoEffect(_)) | Err(StoreError::BadSpan(_)) => {}
                            Err(e) => panic!("{step}: {e}"),
                        }
                    }
                }
            }
            same_as_scratch(&store, &step);
        }
        if !ops.iter().any(|o| matches!(o, Op::Import(_))) {
            while store.undo().expect("undo").is_some() {}
            same_as_scratch(&store, "all undone");
            proptest::prop_assert_eq!(exact(&store.dossier().expect("dossier")), imported);
        }
    }
}
