//! The corrected state of a dossier file: derived from the automatic analyses and the active
//! corrections, kept in memory while the file is open, and written to the tables as it changes.
//!
//! # How the state is derived
//! - The **base**: every article's automatic analysis, linked into dossier-wide entities in id
//!   order ([`Dossier::insert`]), the names spread over all articles ([`Dossier::finish_batch`]),
//!   and each entity given its **stable id** ([`stable_base`]).
//! - The **corrections**, applied to the base one after the other ([`apply_one`]), in the order
//!   of the log.
//!
//! # How it stays cheap
//! A new correction is applied to the state in memory ([`Derived::current`]); it touches only
//! the articles and entities it concerns and returns a [`Journal`], which is kept: undo puts the
//! journal back, redo applies the correction again. Only what a journal names is written to the
//! tables. The state is derived in full only when the file's articles change (an import, a new
//! analysis), when another process changed the file, or to undo a correction made before the
//! file was opened.
//!
//! # Stable ids
//! Every name key (type + [`name_key`]) an entity was ever known by maps to its id in
//! `entity_keys`; a key, once given, keeps its id. A base entity takes the id of its name's key,
//! else of one of its aliases' keys, else of its name under another type (the type was
//! corrected), else a new id; ids that the active corrections created are not taken. An entity
//! a correction creates takes the id recorded for that correction (`correction_entities`), else
//! the id of its name's key when no entity has it, else a new id, which is recorded. So deriving
//! again from scratch gives every entity the id it had.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rusqlite::{OptionalExtension, Transaction, params};

use super::codec::{
    DocEventRow, LoadParts, MentionRow, StashRow, StateRow, dct_source_str, read_states, type_str,
    variant_str,
};
use super::{Store, StoreError};
use crate::analysis::{AnalysisError, Analyzed, DocAnalysis, Dossier};
use crate::correct::{self, Correction, IdSource, Journal};
use crate::model::{Dct, DocId, Entity, EntityId, EntityType, Event, EventSource, Mention};
use crate::registry::name_key;

/// The derived state of an open file.
#[derive(Debug)]
pub(super) struct Derived {
    /// The file's `change_gen` this state belongs to.
    pub generation: i64,
    /// The corrected dossier, without texts (they are read through the store's text source).
    pub current: Dossier,
    /// The journals of the last active corrections, oldest first, by sequence number.
    pub steps: Vec<(u64, Journal)>,
    /// True when `steps` holds a journal for every active correction.
    pub complete: bool,
}

/// What a change did to the derived state: the articles and entities whose rows were
/// rewritten, and whether the timeline changed. The viewer updates only these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Articles whose analysis, date or presence changed.
    pub documents: BTreeSet<DocId>,
    /// Entities changed, created or removed (their counts included).
    pub entities: BTreeSet<EntityId>,
    /// True when the timeline changed.
    pub timeline: bool,
    /// True when everything may have changed (a full derivation).
    pub all: bool,
}

impl ChangeSet {
    /// Everything may have changed.
    pub fn everything() -> Self {
        ChangeSet {
            all: true,
            timeline: true,
            ..ChangeSet::default()
        }
    }

    fn of(journal: &Journal, involved: BTreeSet<EntityId>) -> Self {
        ChangeSet {
            documents: journal.documents().collect(),
            entities: involved,
            timeline: journal.timeline_changed(),
            all: false,
        }
    }
}

/// Ids for the entities corrections create (see the module documentation).
struct StoreIds<'a> {
    tx: &'a Transaction<'a>,
    seq: u64,
    /// The how-many-th entity of this correction is asked for next.
    n: u32,
    error: Option<rusqlite::Error>,
}

impl StoreIds<'_> {
    fn pick(
        &mut self,
        dossier: &Dossier,
        name: &str,
        ty: EntityType,
    ) -> rusqlite::Result<EntityId> {
        let taken = |id: EntityId| {
            dossier.entity(id).is_some()
                || dossier
                    .removed
                    .values()
                    .any(|r| r.entities.iter().any(|e| e.id == id))
        };
        let n = self.n;
        self.n += 1;
        let recorded: Option<u32> = self
            .tx
            .query_row(
                "SELECT entity_id FROM correction_entities WHERE seq = ?1 AND n = ?2",
                params![self.seq as i64, n],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = recorded.map(EntityId)
            && !taken(id)
        {
            return Ok(id);
        }
        let key = name_key(name);
        let by_key: Option<u32> = self
            .tx
            .query_row(
                "SELECT entity_id FROM entity_keys WHERE entity_type = ?1 AND key = ?2",
                params![type_str(ty), key],
                |r| r.get(0),
            )
            .optional()?;
        let id = match by_key.map(EntityId) {
            Some(id) if !taken(id) => id,
            _ => {
                let id = new_entity_row(self.tx, ty, name, dossier.registry.next_id())?;
                if !key.is_empty() {
                    self.tx.execute(
                        "INSERT OR IGNORE INTO entity_keys (entity_type, key, entity_id)
                         VALUES (?1, ?2, ?3)",
                        params![type_str(ty), key, id.0],
                    )?;
                }
                id
            }
        };
        self.tx.execute(
            "INSERT OR REPLACE INTO correction_entities (seq, n, entity_id) VALUES (?1, ?2, ?3)",
            params![self.seq as i64, n, id.0],
        )?;
        Ok(id)
    }
}

impl IdSource for StoreIds<'_> {
    fn new_entity(&mut self, dossier: &Dossier, name: &str, ty: EntityType) -> EntityId {
        match self.pick(dossier, name, ty) {
            Ok(id) => id,
            Err(e) => {
                self.error.get_or_insert(e);
                dossier.registry.next_id()
            }
        }
    }
}

/// A new row in `entities` (inactive until written) with an id above every id given so far and
/// at least `at_least`.
fn new_entity_row(
    tx: &Transaction<'_>,
    ty: EntityType,
    name: &str,
    at_least: EntityId,
) -> rusqlite::Result<EntityId> {
    let max: Option<u32> = tx.query_row("SELECT max(id) FROM entities", [], |r| r.get(0))?;
    let id = EntityId(max.map_or(1, |m| m + 1).max(at_least.0).max(1));
    tx.execute(
        "INSERT INTO entities (id, entity_type, name, active, mentions, documents)
         VALUES (?1, ?2, ?3, 0, 0, 0)",
        params![id.0, type_str(ty), name],
    )?;
    Ok(id)
}

/// Gives the base's entities (numbered as the registry linked them) their stable ids; returns
/// the base with stable ids. `reserved` are ids the active corrections created.
fn stable_base(
    tx: &Transaction<'_>,
    base: Dossier,
    reserved: &HashSet<u32>,
) -> rusqlite::Result<Dossier> {
    let mut keys: HashMap<(String, String), u32> = HashMap::new();
    let mut any_type: HashMap<String, u32> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT entity_type, key, entity_id FROM entity_keys")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        for row in rows {
            let (t, k, id) = row?;
            let slot = any_type.entry(k.clone()).or_insert(id);
            *slot = (*slot).min(id);
            keys.insert((t, k), id);
        }
    }
    let mut claimed: HashSet<u32> = reserved.clone();
    let mut map: HashMap<EntityId, EntityId> = HashMap::new();
    let entities: Vec<Entity> = base.entities().to_vec();
    let typed = |e: &Entity, name: &str| (type_str(e.entity_type).to_string(), name_key(name));
    // Name first, for all entities; then aliases; then the name under another type.
    for e in &entities {
        if let Some(&id) = keys.get(&typed(e, &e.name))
            && claimed.insert(id)
        {
            map.insert(e.id, EntityId(id));
        }
    }
    for e in &entities {
        if map.contains_key(&e.id) {
            continue;
        }
        for a in &e.aliases {
            if let Some(&id) = keys.get(&typed(e, a))
                && claimed.insert(id)
            {
                map.insert(e.id, EntityId(id));
                break;
            }
        }
    }
    for e in &entities {
        if !map.contains_key(&e.id)
            && let Some(&id) = any_type.get(&name_key(&e.name))
            && claimed.insert(id)
        {
            map.insert(e.id, EntityId(id));
        }
    }
    let mut next = EntityId(0);
    for e in &entities {
        if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(e.id) {
            let id = new_entity_row(tx, e.entity_type, &e.name, next)?;
            next = EntityId(id.0 + 1);
            slot.insert(id);
        }
    }
    // Every name an entity has is one of its keys from now on (a key keeps its first id).
    {
        let mut row = tx.prepare_cached(
            "INSERT OR IGNORE INTO entities (id, entity_type, name, active, mentions, documents)
             VALUES (?1, ?2, ?3, 0, 0, 0)",
        )?;
        let mut key = tx.prepare_cached(
            "INSERT OR IGNORE INTO entity_keys (entity_type, key, entity_id) VALUES (?1, ?2, ?3)",
        )?;
        for e in &entities {
            let Some(id) = map.get(&e.id) else { continue };
            row.execute(params![id.0, type_str(e.entity_type), e.name])?;
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let (t, k) = typed(e, name);
                if !k.is_empty() {
                    key.execute(params![t, k, id.0])?;
                }
            }
        }
    }
    Ok(renumber(base, &map))
}

/// `dossier` with its entity ids replaced through `map`.
fn renumber(mut dossier: Dossier, map: &HashMap<EntityId, EntityId>) -> Dossier {
    let to = |id: EntityId| map.get(&id).copied().unwrap_or(id);
    for a in dossier.analyses.iter_mut() {
        let a = Arc::make_mut(a);
        for m in a.mentions.iter_mut() {
            m.entity = to(m.entity);
        }
    }
    let events = Arc::make_mut(&mut dossier.events);
    for e in events.iter_mut() {
        for id in e.entities.iter_mut() {
            *id = to(*id);
        }
    }
    let entities: Vec<Entity> = dossier
        .entities()
        .iter()
        .map(|e| Entity {
            id: to(e.id),
            ..e.clone()
        })
        .collect();
    dossier.registry = crate::registry::Registry::from_entities(entities);
    dossier
}

impl Store {
    /// The file's change generation: bumped by every committed change of any process.
    pub(super) fn change_gen(conn: &rusqlite::Connection) -> rusqlite::Result<i64> {
        conn.query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_gen'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map(|v| v.unwrap_or(0))
    }

    fn bump_change_gen(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('change_gen', '1')
             ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
            [],
        )?;
        Self::change_gen(tx)
    }

    /// The active corrections, oldest first, with their sequence numbers.
    fn active_log(tx: &rusqlite::Connection) -> rusqlite::Result<Vec<(u64, String)>> {
        let mut stmt =
            tx.prepare("SELECT seq, correction FROM corrections WHERE state = 0 ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))?;
        rows.collect()
    }

    /// Derives the state from scratch: base, stable ids, every active correction (with its
    /// journal). Writes nothing but new ids.
    pub(super) fn derive_full(&self, tx: &Transaction<'_>) -> Result<Derived, StoreError> {
        let sql = |e| self.sql(e);
        let log = Self::active_log(tx).map_err(sql)?;
        let mut reserved: HashSet<u32> = HashSet::new();
        {
            let mut stmt = tx
                .prepare(
                    "SELECT ce.entity_id FROM correction_entities ce
                     JOIN corrections c ON c.seq = ce.seq WHERE c.state = 0",
                )
                .map_err(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, u32>(0)).map_err(sql)?;
            for row in rows {
                reserved.insert(row.map_err(sql)?);
            }
        }
        // The base, with texts (the corrections read them, also of articles not committed yet).
        let mut base = Dossier::new();
        for (doc, sentences, mentions, timexes) in self.load_raw(tx, None, LoadParts::ALL)? {
            base.insert_with_id(
                doc,
                Analyzed {
                    sentences,
                    mentions,
                    timexes,
                },
            );
        }
        crate::spread::finish_batch(&mut base).map_err(AnalysisError::from)?;
        let mut current = stable_base(tx, base, &reserved).map_err(sql)?;
        let mut steps = Vec::with_capacity(log.len());
        for (seq, json) in log {
            let correction: Correction = serde_json::from_str(&json)?;
            let mut ids = StoreIds {
                tx,
                seq,
                n: 0,
                error: None,
            };
            let outcome = correct::apply_one(&mut current, &correction, &mut ids);
            if let Some(e) = ids.error {
                return Err(sql(e));
            }
            steps.push((seq, outcome.journal));
        }
        strip_texts(&mut current);
        current = current.with_texts(self.texts.clone());
        Ok(Derived {
            generation: 0,
            current,
            steps,
            complete: true,
        })
    }

    /// The derived state, read from the tables (no derivation): the corrected articles,
    /// entities, timeline and removed articles as last written. No journals.
    pub(super) fn derive_from_tables(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<Derived, StoreError> {
        let generation = Self::change_gen(conn).map_err(|e| self.sql(e))?;
        let current = self.read_current()?;
        Ok(Derived {
            generation,
            current: current.with_texts(self.texts.clone()),
            steps: Vec::new(),
            complete: false,
        })
    }

    /// [`Store::ensure_state`] outside a transaction (for the views).
    pub(super) fn ensure_state_read(&self) -> Result<(), StoreError> {
        let generation = Self::change_gen(&self.conn).map_err(|e| self.sql(e))?;
        let fresh = matches!(&*self.state.borrow(), Some(d) if d.generation == generation);
        if !fresh {
            let derived = self.derive_from_tables(&self.conn)?;
            self.state.replace(Some(derived));
        }
        Ok(())
    }

    /// Makes sure the state in memory is the file's: read again when another process (or a
    /// failed transaction) changed the file since.
    pub(super) fn ensure_state(&self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        let generation = Self::change_gen(tx).map_err(|e| self.sql(e))?;
        let fresh = matches!(&*self.state.borrow(), Some(d) if d.generation == generation);
        if !fresh {
            let derived = self.derive_from_tables(tx)?;
            self.state.replace(Some(derived));
        }
        Ok(())
    }

    /// Derives the state from scratch and rewrites the tables where they differ (after an
    /// import, a new analysis, or a file left dirty).
    pub(super) fn rederive(&self, tx: &Transaction<'_>) -> Result<ChangeSet, StoreError> {
        let mut derived = self.derive_full(tx)?;
        self.write_all(tx, &derived.current)?;
        tx.execute("UPDATE meta SET value = '0' WHERE key = 'dirty'", [])
            .map_err(|e| self.sql(e))?;
        derived.generation = Self::bump_change_gen(tx).map_err(|e| self.sql(e))?;
        self.state.replace(Some(derived));
        Ok(ChangeSet::everything())
    }

    /// Applies `correction` (sequence number `seq`, already in the log) to the state in memory
    /// and writes what it changed. `Err` with the report's message when it changes nothing,
    /// unless `allow_noop` (a redo of a correction that no longer applies).
    pub(super) fn step(
        &self,
        tx: &Transaction<'_>,
        seq: u64,
        correction: &Correction,
        allow_noop: bool,
    ) -> Result<(correct::Report, ChangeSet), StoreError> {
        self.ensure_state(tx)?;
        let mut state = self.state.borrow_mut();
        let Some(derived) = state.as_mut() else {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: "no derived state".into(),
            });
        };
        let mut ids = StoreIds {
            tx,
            seq,
            n: 0,
            error: None,
        };
        let outcome = correct::apply_one(&mut derived.current, correction, &mut ids);
        if let Some(e) = ids.error {
            outcome.journal.undo(&mut derived.current);
            return Err(self.sql(e));
        }
        if outcome.is_noop() {
            if !allow_noop {
                return Err(StoreError::NoEffect(outcome.report.message));
            }
            derived.steps.push((seq, outcome.journal));
            return Ok((outcome.report, ChangeSet::default()));
        }
        let involved = outcome.journal.involved_entities(&derived.current);
        let changes = ChangeSet::of(&outcome.journal, involved);
        let before_events = outcome.journal.events_before().cloned();
        let before = outcome.journal.before_docs();
        if let Err(e) = self.write_changes(
            tx,
            &derived.current,
            &changes,
            before_events.as_deref().map(Vec::as_slice),
            Some(&before),
        ) {
            outcome.journal.undo(&mut derived.current);
            return Err(e);
        }
        derived.steps.push((seq, outcome.journal));
        derived.generation = Self::bump_change_gen(tx).map_err(|e| self.sql(e))?;
        Ok((outcome.report, changes))
    }

    /// Undoes the effect of the last active correction `seq` on the state in memory (deriving
    /// from scratch when its journal is not at hand) and writes what changed back.
    pub(super) fn unstep(&self, tx: &Transaction<'_>, seq: u64) -> Result<ChangeSet, StoreError> {
        self.ensure_state(tx)?;
        let has_journal = matches!(
            &*self.state.borrow(),
            Some(d) if d.steps.last().is_some_and(|(s, _)| *s == seq)
        );
        if !has_journal {
            // The log already marks `seq` undone: derive without it.
            return self.rederive(tx);
        }
        let mut state = self.state.borrow_mut();
        let Some(derived) = state.as_mut() else {
            return Ok(ChangeSet::everything());
        };
        let Some((_, journal)) = derived.steps.pop() else {
            return Ok(ChangeSet::everything());
        };
        let before_events = Arc::clone(&derived.current.events);
        let mut changes = ChangeSet::of(&journal, BTreeSet::new());
        // What the tables hold now: the state before the undo.
        let before: Before = changes
            .documents
            .iter()
            .map(|&doc| {
                let now = derived.current.document(doc).and_then(|_| {
                    let i = derived.current.doc_index(doc)?;
                    let d = derived.current.documents.get(i)?;
                    let a = derived.current.analyses.get(i)?;
                    Some((d.dct, Arc::clone(a)))
                });
                (doc, now)
            })
            .collect();
        let mut involved = journal.involved_entities(&derived.current);
        journal.undo(&mut derived.current);
        for doc in &changes.documents {
            if let Some((_, a)) = derived.current.document(*doc) {
                involved.extend(a.mentions.iter().map(|m| m.entity));
            }
        }
        changes.entities = involved;
        self.write_changes(
            tx,
            &derived.current,
            &changes,
            Some(&before_events),
            Some(&before),
        )?;
        if derived.steps.is_empty() {
            derived.complete = false;
        }
        derived.generation = Self::bump_change_gen(tx).map_err(|e| self.sql(e))?;
        Ok(changes)
    }

    // ---------------------------------------------------------------- writing

    /// Rewrites the rows of every article and entity and the timeline where they differ from
    /// `current`.
    fn write_all(&self, tx: &Transaction<'_>, current: &Dossier) -> Result<(), StoreError> {
        let sql = |e| self.sql(e);
        let mut docs: BTreeSet<DocId> = current.documents.iter().map(|d| d.id).collect();
        docs.extend(current.removed.keys().copied());
        {
            let mut stmt = tx
                .prepare(
                    "SELECT doc_id FROM mentions UNION SELECT doc_id FROM doc_state
                     UNION SELECT doc_id FROM removed_docs",
                )
                .map_err(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, u32>(0)).map_err(sql)?;
            for row in rows {
                docs.insert(DocId(row.map_err(sql)?));
            }
        }
        let mut entities: BTreeSet<EntityId> = current.entities().iter().map(|e| e.id).collect();
        for r in current.removed.values() {
            entities.extend(r.entities.iter().map(|e| e.id));
        }
        {
            let mut stmt = tx
                .prepare("SELECT id FROM entities WHERE active != 0")
                .map_err(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, u32>(0)).map_err(sql)?;
            for row in rows {
                entities.insert(EntityId(row.map_err(sql)?));
            }
        }
        let changes = ChangeSet {
            documents: docs,
            entities,
            timeline: true,
            all: true,
        };
        let old_events = self.events()?;
        self.write_changes(tx, current, &changes, Some(&old_events), None)
    }

    /// Writes the rows of the articles and entities `changes` names, and the timeline when it
    /// changed (`old_events`: the timeline as the table holds it).
    fn write_changes(
        &self,
        tx: &Transaction<'_>,
        current: &Dossier,
        changes: &ChangeSet,
        old_events: Option<&[Event]>,
        before: Option<&Before>,
    ) -> Result<(), StoreError> {
        let sql = |e| self.sql(e);
        // ---- articles
        let auto_timexes = |doc: DocId| -> Result<Option<String>, StoreError> {
            tx.query_row(
                "SELECT timexes FROM analyses WHERE doc_id = ?1",
                [doc.0],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql)
        };
        let mut old_states = if changes.all {
            read_states(tx).map_err(sql)?
        } else {
            HashMap::new()
        };
        let mut delete_one = tx
            .prepare_cached("DELETE FROM mentions WHERE doc_id = ?1 AND start = ?2")
            .map_err(sql)?;
        let mut insert = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO mentions
                 (doc_id, start, end, entity_id, entity_type, variant, source, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(sql)?;
        for &doc in &changes.documents {
            // What the tables hold for the article: known from the journal, else read.
            let known: Option<Option<&(Option<Dct>, Arc<DocAnalysis>)>> =
                before.map(|b| b.get(&doc).and_then(Option::as_ref));
            if let Some((d, a)) = current.document(doc) {
                let rows = mention_rows(&a.mentions);
                let old_rows: Option<Vec<MentionRow>> = match known {
                    Some(prior) => {
                        Some(prior.map_or_else(Vec::new, |(_, a)| mention_rows(&a.mentions)))
                    }
                    None if changes.all => Some(self.mention_rows_of(tx, doc)?),
                    None => None,
                };
                match &old_rows {
                    Some(old) if *old == rows => {}
                    Some(old) => {
                        // Only the rows that differ (one per start).
                        let new_at: HashMap<i64, &MentionRow> =
                            rows.iter().map(|m| (m.start, m)).collect();
                        let old_at: HashMap<i64, &MentionRow> =
                            old.iter().map(|m| (m.start, m)).collect();
                        for m in old {
                            if !new_at.contains_key(&m.start) {
                                delete_one.execute(params![doc.0, m.start]).map_err(sql)?;
                            }
                        }
                        for m in &rows {
                            if old_at.get(&m.start) != Some(&m) {
                                insert
                                    .execute(params![
                                        doc.0,
                                        m.start,
                                        m.end,
                                        m.entity,
                                        m.entity_type,
                                        m.variant,
                                        m.source,
                                        m.confidence
                                    ])
                                    .map_err(sql)?;
                            }
                        }
                    }
                    None => {
                        tx.execute("DELETE FROM mentions WHERE doc_id = ?1", [doc.0])
                            .map_err(sql)?;
                        for m in &rows {
                            insert
                                .execute(params![
                                    doc.0,
                                    m.start,
                                    m.end,
                                    m.entity,
                                    m.entity_type,
                                    m.variant,
                                    m.source,
                                    m.confidence
                                ])
                                .map_err(sql)?;
                        }
                    }
                }
                let events_json = || -> Result<String, StoreError> {
                    let events: Vec<DocEventRow> = a.events.iter().map(DocEventRow::from).collect();
                    Ok(serde_json::to_string(&events)?)
                };
                match known {
                    // Date and time expressions as they were: at most the events changed.
                    Some(Some((dct, prior))) if *dct == d.dct && prior.timexes == a.timexes => {
                        if prior.events != a.events {
                            tx.execute(
                                "UPDATE doc_state SET events = ?2 WHERE doc_id = ?1",
                                params![doc.0, events_json()?],
                            )
                            .map_err(sql)?;
                        }
                    }
                    _ => {
                        let timexes = serde_json::to_string(&a.timexes)?;
                        let row = StateRow {
                            dct_date: d.dct.map(|c| c.date.format("%Y-%m-%d").to_string()),
                            dct_source: d.dct.map(|c| dct_source_str(c.source).to_string()),
                            timexes: if auto_timexes(doc)?.as_ref() == Some(&timexes) {
                                String::new()
                            } else {
                                timexes
                            },
                            events: events_json()?,
                        };
                        let old = if changes.all {
                            old_states.remove(&doc.0)
                        } else {
                            None
                        };
                        if old.as_ref() != Some(&row) {
                            tx.execute(
                                "INSERT OR REPLACE INTO doc_state
                                 (doc_id, dct_date, dct_source, timexes, events)
                                 VALUES (?1, ?2, ?3, ?4, ?5)",
                                params![
                                    doc.0,
                                    row.dct_date,
                                    row.dct_source,
                                    row.timexes,
                                    row.events
                                ],
                            )
                            .map_err(sql)?;
                        }
                    }
                }
                // An article that was not there before (restored) is searchable again.
                if !matches!(known, Some(Some(_))) {
                    let was_removed = tx
                        .execute("DELETE FROM removed_docs WHERE doc_id = ?1", [doc.0])
                        .map_err(sql)?;
                    if was_removed > 0 {
                        tx.execute(
                            "INSERT INTO doc_fts (rowid, title, text)
                             SELECT id, title, text FROM documents WHERE id = ?1",
                            [doc.0],
                        )
                        .map_err(sql)?;
                    }
                }
            } else {
                tx.execute("DELETE FROM mentions WHERE doc_id = ?1", [doc.0])
                    .map_err(sql)?;
                tx.execute("DELETE FROM doc_state WHERE doc_id = ?1", [doc.0])
                    .map_err(sql)?;
                if let Some(removed) = current.removed.get(&doc) {
                    let stash = serde_json::to_string(&StashRow::from(removed.as_ref()))?;
                    let fresh = tx
                        .execute(
                            "INSERT INTO removed_docs (doc_id, stash) VALUES (?1, ?2)
                             ON CONFLICT(doc_id) DO NOTHING",
                            params![doc.0, stash],
                        )
                        .map_err(sql)?;
                    if fresh == 0 {
                        tx.execute(
                            "UPDATE removed_docs SET stash = ?2 WHERE doc_id = ?1",
                            params![doc.0, stash],
                        )
                        .map_err(sql)?;
                    } else {
                        tx.execute("DELETE FROM doc_fts WHERE rowid = ?1", [doc.0])
                            .map_err(sql)?;
                    }
                } else {
                    tx.execute("DELETE FROM removed_docs WHERE doc_id = ?1", [doc.0])
                        .map_err(sql)?;
                }
            }
        }
        // ---- entities
        let counts = entity_counts(current, &changes.entities, changes.all);
        let stashed: HashMap<EntityId, &Entity> = current
            .removed
            .values()
            .flat_map(|r| r.entities.iter().map(|e| (e.id, e)))
            .collect();
        for &id in &changes.entities {
            let (entity, active) = match current.entity(id) {
                Some(e) => (Some(e), 1),
                None => (stashed.get(&id).copied(), 2),
            };
            match entity {
                Some(e) => {
                    let (n, docs) = counts.get(&id).copied().unwrap_or((0, 0));
                    let (n, docs) = if active == 1 { (n, docs) } else { (0, 0) };
                    tx.execute(
                        "INSERT INTO entities (id, entity_type, name, active, mentions, documents)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT(id) DO UPDATE SET entity_type = ?2, name = ?3, active = ?4,
                         mentions = ?5, documents = ?6",
                        params![
                            id.0,
                            type_str(e.entity_type),
                            e.name,
                            active,
                            n as i64,
                            docs as i64
                        ],
                    )
                    .map_err(sql)?;
                    tx.execute("DELETE FROM aliases WHERE entity_id = ?1", [id.0])
                        .map_err(sql)?;
                    let mut alias = tx
                        .prepare_cached(
                            "INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)",
                        )
                        .map_err(sql)?;
                    let mut key = tx
                        .prepare_cached(
                            "INSERT OR IGNORE INTO entity_keys (entity_type, key, entity_id)
                             VALUES (?1, ?2, ?3)",
                        )
                        .map_err(sql)?;
                    for a in &e.aliases {
                        alias.execute(params![id.0, a]).map_err(sql)?;
                    }
                    for name in std::iter::once(&e.name).chain(&e.aliases) {
                        let k = name_key(name);
                        if !k.is_empty() {
                            key.execute(params![type_str(e.entity_type), k, id.0])
                                .map_err(sql)?;
                        }
                    }
                }
                None => {
                    tx.execute(
                        "UPDATE entities SET active = 0, mentions = 0, documents = 0 WHERE id = ?1",
                        [id.0],
                    )
                    .map_err(sql)?;
                    tx.execute("DELETE FROM aliases WHERE entity_id = ?1", [id.0])
                        .map_err(sql)?;
                }
            }
        }
        // ---- timeline
        if changes.timeline {
            let old = old_events.unwrap_or(&[]);
            let new = current.events.as_slice();
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO events
                     (id, value, precision, earliest, latest, label, entities, sources)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            for (i, e) in new.iter().enumerate() {
                if old.get(i) == Some(e) {
                    continue;
                }
                let precision = serde_json::to_value(e.precision)?;
                let sources: &[EventSource] = &e.sources;
                put.execute(params![
                    e.id.0,
                    e.value,
                    precision.as_str().unwrap_or(""),
                    e.range.earliest.format("%Y-%m-%d").to_string(),
                    e.range.latest.format("%Y-%m-%d").to_string(),
                    e.label,
                    serde_json::to_string(&e.entities)?,
                    serde_json::to_string(sources)?
                ])
                .map_err(sql)?;
            }
            tx.execute("DELETE FROM events WHERE id >= ?1", [new.len() as i64])
                .map_err(sql)?;
        }
        Ok(())
    }

    /// The mention rows of one article as the table holds them.
    fn mention_rows_of(
        &self,
        tx: &Transaction<'_>,
        doc: DocId,
    ) -> Result<Vec<MentionRow>, StoreError> {
        let sql = |e| self.sql(e);
        let mut stmt = tx
            .prepare_cached(
                "SELECT start, end, entity_id, entity_type, variant, source, confidence
                 FROM mentions WHERE doc_id = ?1 ORDER BY start",
            )
            .map_err(sql)?;
        let rows = stmt
            .query_map([doc.0], |r| {
                Ok(MentionRow {
                    start: r.get(0)?,
                    end: r.get(1)?,
                    entity: r.get(2)?,
                    entity_type: r.get(3)?,
                    variant: r.get(4)?,
                    source: r.get(5)?,
                    confidence: r.get(6)?,
                })
            })
            .map_err(sql)?;
        rows.collect::<Result<_, _>>().map_err(sql)
    }
}

/// What the tables held, before a change, for the articles it names: the date and analysis of
/// each article that was in the dossier (`None`: it was not, so no rows).
pub(super) type Before = HashMap<DocId, Option<(Option<Dct>, Arc<DocAnalysis>)>>;

/// The rows of an article's mentions: one per start, the last one winning (the table's key).
fn mention_rows(mentions: &[Mention]) -> Vec<MentionRow> {
    let mut rows: BTreeMap<i64, MentionRow> = BTreeMap::new();
    for m in mentions {
        let start = m.span.start as i64;
        rows.insert(
            start,
            MentionRow {
                start,
                end: m.span.end as i64,
                entity: m.entity.0,
                entity_type: type_str(m.entity_type).to_string(),
                variant: variant_str(m.variant).to_string(),
                source: m.source.as_str().to_string(),
                confidence: f64::from(m.confidence),
            },
        );
    }
    rows.into_values().collect()
}

/// Mentions and articles per entity of `ids` (of every entity when `all`).
fn entity_counts(
    current: &Dossier,
    ids: &BTreeSet<EntityId>,
    all: bool,
) -> HashMap<EntityId, (usize, usize)> {
    let wanted: HashSet<EntityId> = if all {
        HashSet::new()
    } else {
        ids.iter().copied().collect()
    };
    // (mentions, articles, the last article counted)
    let mut out: HashMap<EntityId, (usize, usize, DocId)> = HashMap::new();
    for (d, a) in current.documents.iter().zip(&current.analyses) {
        for m in &a.mentions {
            if all || wanted.contains(&m.entity) {
                let slot = out.entry(m.entity).or_insert((0, 0, d.id));
                if slot.0 == 0 || slot.2 != d.id {
                    slot.1 += 1;
                    slot.2 = d.id;
                }
                slot.0 += 1;
            }
        }
    }
    out.into_iter()
        .map(|(id, (n, docs, _))| (id, (n, docs)))
        .collect()
}

/// Empties every article's text (kept in the file, read again on demand).
pub(super) fn strip_texts(dossier: &mut Dossier) {
    for doc in dossier.documents.iter_mut() {
        if !doc.text.is_empty() {
            Arc::make_mut(doc).text = String::new();
        }
    }
    for r in dossier.removed.values_mut() {
        if !r.document.text.is_empty() {
            let r = Arc::make_mut(r);
            Arc::make_mut(&mut r.document).text = String::new();
        }
    }
}
