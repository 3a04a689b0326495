//! The real [`Loader`]: the document readers, the analysis pipeline and the dossier file of the
//! core.
//!
//! Everything the user opens or corrects goes into a dossier file ([`Store`]) at once, one
//! transaction per change: there is no "Save" to forget. Until the user opens or creates a
//! dossier of their own, a new one is created in the data folder
//! (`$XDG_DATA_HOME/dossier`, else `~/.local/share/dossier`) when the first article is opened;
//! File › Save As copies it elsewhere.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::command::{Edit, MentionTarget};
use super::loader::{History, Input, JobEvent, Loader, Progress};
use crate::analysis::{Analyzer, Dossier};
use crate::correct::{self, Correction, EntityRef};
use crate::document::{Format, ReadOptions, read_bytes, read_path};
use crate::model::{Dct, DocId, Document, EntityId};
use crate::store::export::ExportKind;
use crate::store::{ImportOptions, ImportProgress, ImportStatus, Store, StoreTexts};

/// Reads files with [`crate::document`], analyses them with [`Analyzer`] and keeps them, with
/// the user's corrections, in a dossier file. The model and lexicons are loaded on first use,
/// on the loader thread, so the window opens at once.
#[derive(Debug)]
pub struct PipelineLoader {
    options: ReadOptions,
    analyzer: OnceLock<Result<Analyzer, String>>,
    dossier_dir: PathBuf,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    store: Option<Store>,
    /// The texts of the store's file, read on demand (shared by every dossier loaded from it,
    /// so the cache survives reloads).
    texts: Option<Arc<StoreTexts>>,
    history: History,
}

impl Default for PipelineLoader {
    fn default() -> Self {
        Self::new()
    }
}

impl PipelineLoader {
    /// A loader with the default read options that creates new dossiers in the data folder.
    pub fn new() -> Self {
        Self::with_options(ReadOptions::new(), default_dossier_dir())
    }

    /// A loader that creates new dossiers in `dossier_dir` (tests, examples).
    pub fn in_dir(dossier_dir: impl Into<PathBuf>) -> Self {
        Self::with_options(ReadOptions::new(), dossier_dir.into())
    }

    /// A loader with the given read options (size limit, language override) that creates new
    /// dossiers in `dossier_dir`.
    pub fn with_options(options: ReadOptions, dossier_dir: PathBuf) -> Self {
        Self {
            options,
            analyzer: OnceLock::new(),
            dossier_dir,
            state: Mutex::new(State::default()),
        }
    }

    fn analyzer(&self) -> Result<&Analyzer, String> {
        self.analyzer
            .get_or_init(|| Analyzer::new().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic on another thread while holding the lock leaves consistent data (every
        // change is a transaction of the file), so a poisoned lock is used as is.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The open store, or a new one in the data folder.
    fn ensure_store<'a>(&self, state: &'a mut State) -> Result<&'a mut Store, String> {
        if state.store.is_none() {
            std::fs::create_dir_all(&self.dossier_dir)
                .map_err(|e| format!("{}: {e}", self.dossier_dir.display()))?;
            let path = untitled_path(&self.dossier_dir);
            state.store = Some(Store::create(&path).map_err(|e| e.to_string())?);
        }
        state
            .store
            .as_mut()
            .ok_or_else(|| "no dossier is open".to_string())
    }

    /// Applies `correction` to the store and reloads `dossier` from it.
    fn correct(&self, dossier: &mut Dossier, correction: &Correction) -> Result<String, String> {
        let mut state = self.state();
        let store = self.ensure_store(&mut state)?;
        store.apply(correction).map_err(|e| e.to_string())?;
        reload(&mut state, dossier)?;
        Ok(capitalise(&correction.to_string()))
    }

    /// Undo (`true`) or redo.
    fn step_history(&self, dossier: &mut Dossier, undo: bool) -> Result<Option<String>, String> {
        let mut state = self.state();
        let Some(store) = state.store.as_mut() else {
            return Ok(None);
        };
        let done = if undo { store.undo() } else { store.redo() }.map_err(|e| e.to_string())?;
        if done.is_some() {
            reload(&mut state, dossier)?;
        }
        Ok(done.map(|c| c.to_string()))
    }
}

/// Reloads `dossier` from the state's store and refreshes the undo/redo descriptions.
fn reload(state: &mut State, dossier: &mut Dossier) -> Result<(), String> {
    let Some(store) = state.store.as_ref() else {
        return Ok(());
    };
    let texts = match &state.texts {
        Some(t) if t.path() == store.path() => Arc::clone(t),
        _ => Arc::new(StoreTexts::new(store.path())),
    };
    state.texts = Some(Arc::clone(&texts));
    *dossier = store.dossier_lazy(texts).map_err(|e| e.to_string())?;
    let log = store.corrections().map_err(|e| e.to_string())?;
    state.history = History {
        undo: log.undo_target().map(|e| e.correction.to_string()),
        redo: log.redo_target().map(|e| e.correction.to_string()),
    };
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The folder new dossiers are created in: `$XDG_DATA_HOME/dossier`, else
/// `~/.local/share/dossier`, else a folder in the temporary directory.
pub fn default_dossier_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("dossier");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".local/share/dossier");
    }
    std::env::temp_dir().join("dossier")
}

/// A new file name in `dir` for an untitled dossier: `Dossier 2026-11-29 10-15-02.dossier`
/// (with a number added when that exists).
pub fn untitled_path(dir: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y-%m-%d %H-%M-%S");
    let mut path = dir.join(format!("Dossier {stamp}.dossier"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("Dossier {stamp} ({n}).dossier"));
        n += 1;
    }
    path
}

/// The stable reference of entity `id` of `dossier`.
fn entity_ref(dossier: &Dossier, id: EntityId) -> Result<EntityRef, String> {
    dossier
        .entity(id)
        .map(EntityRef::of)
        .ok_or_else(|| format!("entity {} is not in the dossier", id.0))
}

/// The stored correction for a correction asked for in the viewer.
pub fn correction_for(dossier: &Dossier, edit: &Edit) -> Result<Correction, String> {
    Ok(match edit {
        Edit::Rename { entity, name } => Correction::Rename {
            entity: entity_ref(dossier, *entity)?,
            name: name.trim().to_string(),
        },
        Edit::SetType {
            entity,
            entity_type,
        } => Correction::ChangeType {
            entity: entity_ref(dossier, *entity)?,
            entity_type: *entity_type,
        },
        Edit::Merge { keep, absorb } => Correction::Merge {
            survivor: entity_ref(dossier, *keep)?,
            merged: entity_ref(dossier, *absorb)?,
        },
        Edit::SplitAlias { entity, alias } => Correction::SplitAlias {
            entity: entity_ref(dossier, *entity)?,
            alias: alias.clone(),
        },
        Edit::Reject { entity } => Correction::Reject {
            name: entity_ref(dossier, *entity)?.name,
            entity_type: None,
        },
        Edit::AddMention { doc, span, target } => {
            let body = dossier
                .text(*doc)
                .ok_or_else(|| format!("article {doc} is not open"))?;
            let text = body
                .get(span.start..span.end)
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| "the marked text is not in the article".to_string())?
                .to_string();
            let target = match target {
                MentionTarget::New(entity_type) => correct::MentionTarget::New {
                    name: text.clone(),
                    entity_type: *entity_type,
                },
                MentionTarget::Existing(e) => correct::MentionTarget::Entity {
                    entity: entity_ref(dossier, *e)?,
                },
            };
            Correction::AddMention {
                doc: *doc,
                span: *span,
                text,
                target,
            }
        }
        Edit::RemoveMention { doc, span } => Correction::RemoveMention {
            doc: *doc,
            span: *span,
        },
    })
}

impl Loader for PipelineLoader {
    fn read(&self, path: &Path, bytes: Option<&[u8]>) -> Result<Vec<Document>, String> {
        match bytes {
            Some(bytes) => read_bytes(bytes, Format::from_path(path), Some(path), &self.options),
            None => read_path(path, &self.options),
        }
        .map_err(|e| e.to_string())
    }

    fn add(&self, dossier: &mut Dossier, document: Document) -> Result<DocId, String> {
        let analyzer = self.analyzer()?;
        let mut state = self.state();
        let store = self.ensure_store(&mut state)?;
        let report = store
            .import_documents(
                vec![document],
                analyzer,
                &self.import_options(None),
                &mut |_| {},
            )
            .map_err(|e| e.to_string())?;
        reload(&mut state, dossier)?;
        report
            .added
            .first()
            .copied()
            .ok_or_else(|| "the article is in the dossier already".to_string())
    }

    fn import(
        &self,
        dossier: &mut Dossier,
        inputs: Vec<Input>,
        progress: &Progress,
        report: &mut dyn FnMut(JobEvent),
    ) -> Vec<DocId> {
        let fail_all = |inputs: &[Input], error: &str, report: &mut dyn FnMut(JobEvent)| {
            for input in inputs {
                let path = match input {
                    Input::Path(p) | Input::Embedded { path: p, .. } => p.clone(),
                };
                report(JobEvent::Failed {
                    path,
                    error: error.to_string(),
                });
            }
        };
        let analyzer = match self.analyzer() {
            Ok(a) => a,
            Err(error) => {
                fail_all(&inputs, &error, report);
                return Vec::new();
            }
        };
        let mut state = self.state();
        let store = match self.ensure_store(&mut state) {
            Ok(store) => store,
            Err(error) => {
                fail_all(&inputs, &error, report);
                return Vec::new();
            }
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let opts = self.import_options(Some(Arc::clone(&cancel)));
        let mut paths = Vec::new();
        let mut embedded = Vec::new();
        for input in inputs {
            match input {
                Input::Path(p) => paths.push(p),
                Input::Embedded { path, bytes } => match self.read(&path, Some(bytes)) {
                    Ok(docs) => embedded.extend(docs),
                    Err(error) => report(JobEvent::Failed { path, error }),
                },
            }
        }
        let mut on_progress = |p: &ImportProgress| {
            if progress.is_cancelled() {
                cancel.store(true, Ordering::Relaxed);
            }
            progress.step(p.path.as_deref());
            match &p.status {
                ImportStatus::Added(_) => {}
                ImportStatus::Duplicate => report(JobEvent::Info(format!(
                    "{} is in the dossier already (the same text).",
                    p.path
                        .as_deref()
                        .map_or_else(|| "The article".to_string(), |p| p.display().to_string())
                ))),
                ImportStatus::Failed(error) => report(JobEvent::Failed {
                    path: p.path.clone().unwrap_or_default(),
                    error: error.clone(),
                }),
            }
            report(JobEvent::Progress);
        };
        let mut added = Vec::new();
        let mut errors = Vec::new();
        if !paths.is_empty() {
            match store.import_paths(&paths, analyzer, &opts, &mut on_progress) {
                Ok(r) => added.extend(r.added),
                Err(e) => errors.push(e),
            }
        }
        if !embedded.is_empty() && !cancel.load(Ordering::Relaxed) {
            match store.import_documents(embedded, analyzer, &opts, &mut on_progress) {
                Ok(r) => added.extend(r.added),
                Err(e) => errors.push(e),
            }
        }
        for e in errors {
            report(JobEvent::Error(format!("Cannot import: {e}")));
        }
        if let Err(e) = reload(&mut state, dossier) {
            report(JobEvent::Error(format!("Cannot read the dossier: {e}")));
        }
        added
    }

    fn set_dct(&self, dossier: &mut Dossier, doc: DocId, dct: Option<Dct>) -> Result<(), String> {
        if dossier.doc_index(doc).is_none() {
            return Err(format!("article {doc} is not open"));
        }
        self.correct(
            dossier,
            &Correction::SetDct {
                doc,
                date: dct.map(|d| d.date),
            },
        )
        .map(|_| ())
    }

    fn edit(&self, dossier: &mut Dossier, edit: &Edit) -> Result<String, String> {
        let correction = correction_for(dossier, edit)?;
        self.correct(dossier, &correction)
    }

    fn undo(&self, dossier: &mut Dossier) -> Result<Option<String>, String> {
        self.step_history(dossier, true)
    }

    fn redo(&self, dossier: &mut Dossier) -> Result<Option<String>, String> {
        self.step_history(dossier, false)
    }

    fn history(&self) -> History {
        self.state().history.clone()
    }

    fn remove(&self, dossier: &mut Dossier, doc: DocId) -> Result<(), String> {
        let mut state = self.state();
        match state.store.as_mut() {
            Some(store) => {
                store.remove_document(doc).map_err(|e| e.to_string())?;
                reload(&mut state, dossier)
            }
            None => {
                dossier.remove(doc);
                Ok(())
            }
        }
    }

    fn open_dossier(&self, dossier: &mut Dossier, path: &Path, create: bool) -> Result<(), String> {
        let store = if create {
            Store::create(path)
        } else {
            Store::open(path)
        }
        .map_err(|e| e.to_string())?;
        let mut state = self.state();
        state.store = Some(store);
        reload(&mut state, dossier)
    }

    fn save_dossier_as(&self, path: &Path) -> Result<(), String> {
        let mut state = self.state();
        let store = self.ensure_store(&mut state)?;
        store.copy_to(path).map_err(|e| e.to_string())?;
        let copy = Store::open(path).map_err(|e| e.to_string())?;
        state.store = Some(copy);
        Ok(())
    }

    fn export(&self, kind: ExportKind, path: &Path) -> Result<(), String> {
        let state = self.state();
        let store = state
            .store
            .as_ref()
            .ok_or_else(|| "no dossier is open".to_string())?;
        store.export_to(kind, path).map_err(|e| e.to_string())
    }

    fn dossier_path(&self) -> Option<PathBuf> {
        self.state().store.as_ref().map(|s| s.path().to_path_buf())
    }
}

impl PipelineLoader {
    fn import_options(&self, cancel: Option<Arc<AtomicBool>>) -> ImportOptions {
        ImportOptions {
            read: self.options.clone(),
            cancel,
            ..ImportOptions::default()
        }
    }
}
