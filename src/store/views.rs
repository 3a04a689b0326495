//! Read views of a dossier file: the document and entity lists, one document, counts,
//! co-occurrences, the timeline and the whole corrected dossier. They read the tables the
//! derivation writes ([`super::derive`]); removed articles are left out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rusqlite::OptionalExtension;

use super::codec::{
    LoadParts, StashRow, assemble, mention_row, parse_dct, parse_type, read_states, state_row,
};
use super::{DocSummary, EntitySummary, Store, StoreError, StoreTexts};
use crate::analysis::{DocAnalysis, Dossier, RemovedDocument};
use crate::model::{DocId, Document, Entity, EntityId, Event, Lang, Mention};
use crate::time::DocEvent;

impl Store {
    /// The document list (no texts), in import order.
    pub fn documents(&self) -> Result<Vec<DocSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.title, d.path, d.lang, s.dct_date, s.dct_source, d.bytes,
                        (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id),
                        d.dct_date, d.dct_source, s.doc_id IS NOT NULL
                 FROM documents d LEFT JOIN doc_state s ON s.doc_id = d.id
                 WHERE d.id NOT IN (SELECT doc_id FROM removed_docs) ORDER BY d.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                let derived: bool = r.get(10)?;
                let dct = if derived {
                    parse_dct(r.get(4)?, r.get(5)?)
                } else {
                    parse_dct(r.get(8)?, r.get(9)?)
                };
                Ok(DocSummary {
                    id: DocId(r.get(0)?),
                    title: r.get(1)?,
                    path: r.get::<_, Option<String>>(2)?.map(PathBuf::from),
                    language: Lang::from_code(&r.get::<_, String>(3)?),
                    dct,
                    bytes: r.get::<_, i64>(6)? as usize,
                    mentions: r.get::<_, i64>(7)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }
    /// Number of documents.
    pub fn document_count(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM removed_docs)",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.sql(e))
    }
    /// One document with its (corrected) analysis, loaded on demand. Mention entity ids are
    /// stable ids; `events` index into `mentions`.
    pub fn document(&self, id: DocId) -> Result<(Document, DocAnalysis), StoreError> {
        self.document_parts(id, true)
    }
    /// [`Store::document`], with an empty text unless `text`.
    fn document_parts(&self, id: DocId, text: bool) -> Result<(Document, DocAnalysis), StoreError> {
        let parts = LoadParts { text, raw: false };
        let (doc, sentences, _raw, auto_timexes) = self
            .load_raw(&self.conn, Some(id), parts)?
            .pop()
            .ok_or(StoreError::UnknownDocument(id))?;
        let state = self
            .conn
            .query_row(
                "SELECT dct_date, dct_source, timexes, events FROM doc_state WHERE doc_id = ?1",
                [id.0],
                |r| state_row(r, 0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let mentions = self.mentions_of(id)?;
        assemble(doc, &sentences, auto_timexes, state, mentions)
    }
    /// Every document with its analysis (corrections applied), in id order, read with one
    /// scan of each table.
    fn all_document_parts(&self, text: bool) -> Result<Vec<(Document, DocAnalysis)>, StoreError> {
        let parts = LoadParts { text, raw: false };
        let docs = self.load_raw(&self.conn, None, parts)?;
        let mut states = read_states(&self.conn).map_err(|e| self.sql(e))?;
        let mut mentions: HashMap<u32, Vec<Mention>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT doc_id, start, end, entity_id, entity_type, variant, source, confidence
                     FROM mentions ORDER BY doc_id, start",
                )
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, u32>(0)?, mention_row(r, 1)?)))
                .map_err(|e| self.sql(e))?;
            for row in rows {
                let (id, m) = row.map_err(|e| self.sql(e))?;
                mentions.entry(id).or_default().push(m);
            }
        }
        docs.into_iter()
            .map(|(doc, sentences, _raw, auto_timexes)| {
                let id = doc.id.0;
                assemble(
                    doc,
                    &sentences,
                    auto_timexes,
                    states.remove(&id),
                    mentions.remove(&id).unwrap_or_default(),
                )
            })
            .collect()
    }
    fn mentions_of(&self, id: DocId) -> Result<Vec<Mention>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, end, entity_id, entity_type, variant, source, confidence
                 FROM mentions WHERE doc_id = ?1 ORDER BY start",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id.0], |r| mention_row(r, 0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }
    /// The dossier-wide entities (stable ids) with their counts, most mentioned first.
    pub fn entities(&self) -> Result<Vec<EntitySummary>, StoreError> {
        let mut aliases: HashMap<u32, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias")
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
                .map_err(|e| self.sql(e))?;
            for row in rows {
                let (id, alias) = row.map_err(|e| self.sql(e))?;
                aliases.entry(id).or_default().push(alias);
            }
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, name, entity_type, mentions, documents FROM entities
                 WHERE active = 1 ORDER BY mentions DESC, id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(EntitySummary {
                    id: EntityId(r.get(0)?),
                    name: r.get(1)?,
                    entity_type: parse_type(&r.get::<_, String>(2)?),
                    aliases: Vec::new(),
                    mentions: r.get::<_, i64>(3)? as usize,
                    documents: r.get::<_, i64>(4)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?;
        let mut out: Vec<EntitySummary> =
            rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))?;
        for e in out.iter_mut() {
            e.aliases = aliases.remove(&e.id.0).unwrap_or_default();
        }
        Ok(out)
    }
    /// The entity with stable id `id` (also one merged away or rejected: `None` only when the
    /// id was never given).
    pub fn entity(&self, id: EntityId) -> Result<Option<EntitySummary>, StoreError> {
        Ok(self.entities()?.into_iter().find(|e| e.id == id))
    }
    /// Per article: how often entity `id` is mentioned there, most first.
    pub fn entity_documents(&self, id: EntityId) -> Result<Vec<(DocId, usize)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT doc_id, count(*) AS n FROM mentions WHERE entity_id = ?1
                 GROUP BY doc_id ORDER BY n DESC, doc_id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok((DocId(r.get(0)?), r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }
    /// The entities named in the same articles as entity `id`, with the number of articles
    /// they share, most first.
    pub fn cooccurrences(&self, id: EntityId) -> Result<Vec<(EntityId, usize)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT o.entity_id, count(DISTINCT o.doc_id) AS n
                 FROM (SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ?1) d
                 JOIN mentions o ON o.doc_id = d.doc_id
                 WHERE o.entity_id != ?1
                 GROUP BY o.entity_id ORDER BY n DESC, o.entity_id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok((EntityId(r.get(0)?), r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }
    /// The dossier-wide timeline (entity ids are stable ids).
    pub fn events(&self) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, value, precision, earliest, latest, label, entities, sources
                 FROM events ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, value, precision, earliest, latest, label, entities, sources) =
                row.map_err(|e| self.sql(e))?;
            out.push(Event {
                id: crate::model::EventId(id),
                value,
                precision: serde_json::from_value(serde_json::Value::String(precision))?,
                range: crate::model::DateRange {
                    earliest: serde_json::from_value(serde_json::Value::String(earliest))?,
                    latest: serde_json::from_value(serde_json::Value::String(latest))?,
                },
                label,
                entities: serde_json::from_str(&entities)?,
                sources: serde_json::from_str(&sources)?,
            });
        }
        Ok(out)
    }
    /// The whole corrected dossier in memory, with all texts (entity ids are the stable ids).
    pub fn dossier(&self) -> Result<Dossier, StoreError> {
        let mut dossier = self.current()?;
        let mut texts: HashMap<u32, String> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, text FROM documents")
                .map_err(|e| self.sql(e))?;
            let mut rows = stmt.query([]).map_err(|e| self.sql(e))?;
            while let Some(r) = rows.next().map_err(|e| self.sql(e))? {
                texts.insert(
                    r.get(0).map_err(|e| self.sql(e))?,
                    r.get(1).map_err(|e| self.sql(e))?,
                );
            }
        }
        for doc in dossier.documents.iter_mut() {
            if let Some(text) = texts.remove(&doc.id.0) {
                Arc::make_mut(doc).text = text;
            }
        }
        Ok(dossier)
    }

    /// The corrected dossier as the viewer shows it: every analysis, but no text; texts are
    /// read on demand from `texts` ([`Dossier::text`]), which should be a [`StoreTexts`] of
    /// this file (shared between reloads, so its cache survives them). Cheap: it shares the
    /// articles and analyses of the state the store keeps.
    pub fn dossier_lazy(&self, texts: Arc<StoreTexts>) -> Result<Dossier, StoreError> {
        Ok(self.current()?.with_texts(texts))
    }

    /// The corrected state as the derivation keeps it (read from the tables when the file
    /// changed since), sharing its articles.
    pub(super) fn current(&self) -> Result<Dossier, StoreError> {
        self.ensure_state_read()?;
        match &*self.state.borrow() {
            Some(d) => Ok(d.current.clone()),
            None => self.read_current(),
        }
    }

    /// The corrected dossier read from the tables: the articles (not the removed ones) with
    /// their mentions, date, time expressions and events, the active entities, the timeline
    /// and the removed articles as they were removed. No texts.
    pub(super) fn read_current(&self) -> Result<Dossier, StoreError> {
        let sql = |e| self.sql(e);
        let entities: Vec<Entity> = self
            .entities()?
            .into_iter()
            .map(|e| Entity {
                id: e.id,
                name: e.name,
                entity_type: e.entity_type,
                aliases: e.aliases,
            })
            .collect();
        let mut removed: HashMap<u32, String> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT doc_id, stash FROM removed_docs")
                .map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (id, stash) = row.map_err(sql)?;
                removed.insert(id, stash);
            }
        }
        let mut documents = Vec::new();
        let mut analyses = Vec::new();
        let mut stash = Vec::new();
        for (doc, analysis) in self.all_document_parts(false)? {
            match removed.remove(&doc.id.0) {
                Some(json) => stash.push((doc, analysis, json)),
                None => {
                    documents.push(doc);
                    analyses.push(analysis);
                }
            }
        }
        let events = self.events()?;
        let mut dossier = Dossier::from_parts(documents, analyses, entities, events);
        for (mut doc, analysis, json) in stash {
            let row: StashRow = serde_json::from_str(&json)?;
            doc.dct = row.dct;
            let analysis = DocAnalysis {
                sentences: analysis.sentences,
                mentions: row.mentions,
                timexes: row.timexes,
                events: row.events.into_iter().map(DocEvent::from).collect(),
            };
            dossier.removed.insert(
                doc.id,
                Arc::new(RemovedDocument {
                    document: Arc::new(doc),
                    analysis: Arc::new(analysis),
                    entities: row.entities,
                }),
            );
        }
        Ok(dossier)
    }
}
