//! The viewer's one door to the core: reading, analysis, the dossier file and search.
//!
//! Nothing is read, analysed or written in the frame. A [`LoadJob`] runs one [`JobKind`] on a
//! thread named `dossier-loader` through the [`Backend`], which owns the open [`Store`]; the
//! job answers with an [`Update`]: the corrected dossier as the store keeps it (a cheap copy
//! that shares every article and analysis) and the [`ChangeSet`] that says what changed, so
//! that the viewer updates only that. Full-text search runs on its own thread (`dossier-search`,
//! [`Searcher`]) with its own read-only connection, so typing never waits for an import.
//!
//! Everything the user opens or corrects goes into a dossier file at once, one transaction per
//! change: there is no "Save" to forget. Until the user opens or creates a dossier of their own,
//! a new one is created in the data folder (`$XDG_DATA_HOME/dossier`, else
//! `~/.local/share/dossier`) when the first article is opened; File › Save As copies it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::command::{Edit, MentionTarget};
use crate::analysis::{Analyzer, Dossier};
use crate::correct::{self, Correction, EntityRef};
use crate::document::{Format, ReadOptions, read_bytes};
use crate::model::{DocId, EntityId};
use crate::store::export::ExportKind;
use crate::store::{
    ChangeSet, Hit, ImportOptions, ImportProgress, ImportStatus, Store, StoreError,
};

/// File name extensions the viewer offers to open (and picks from dropped folders): every format
/// the document readers know.
pub const EXTENSIONS: &[&str] = crate::document::Format::EXTENSIONS;

/// What undo and redo would do, in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// The correction undo would take back.
    pub undo: Option<String>,
    /// The correction redo would apply again.
    pub redo: Option<String>,
}

/// The dossier after a job, and what changed in it.
#[derive(Debug, Clone)]
pub struct Update {
    /// The corrected dossier (texts read on demand). Shares its articles and analyses with the
    /// store's state, so it costs little to hand over.
    pub dossier: Dossier,
    /// The articles, entities and timeline that changed since the last update.
    pub changes: ChangeSet,
    /// What undo and redo would do now.
    pub history: History,
    /// The dossier file.
    pub path: Option<PathBuf>,
}

/// Progress of the running job, shared between the loader thread and the frame.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
    current: Mutex<String>,
}

impl Progress {
    /// Files finished and files in the job.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Fraction done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.counts();
        if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        }
    }

    /// The file being worked on.
    pub fn current(&self) -> String {
        self.current.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Asks the job to stop after the current file.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True when [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Counts one input as done; `path` is the file it came from.
    fn step(&self, path: Option<&Path>) {
        if let Some(path) = path {
            self.set_current(path.display().to_string());
        }
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    fn set_current(&self, name: String) {
        if let Ok(mut current) = self.current.lock() {
            *current = name;
        }
    }

    fn one(&self, name: String) {
        self.total.store(1, Ordering::Relaxed);
        self.set_current(name);
    }

    fn finish_one(&self) {
        self.done.store(1, Ordering::Relaxed);
    }
}

/// One thing to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder on disk.
    Path(PathBuf),
    /// Content held in memory under a display path (the sample dossier).
    Embedded {
        /// The path shown for it.
        path: PathBuf,
        /// Its content.
        bytes: &'static [u8],
    },
}

impl Input {
    fn path(&self) -> &Path {
        match self {
            Input::Path(p) | Input::Embedded { path: p, .. } => p,
        }
    }
}

/// What a job does.
#[derive(Debug, Clone)]
pub enum JobKind {
    /// Open files and folders.
    Open(Vec<Input>),
    /// Switch to a dossier file.
    OpenDossier {
        /// The file.
        path: PathBuf,
        /// Create it (a new, empty dossier).
        create: bool,
    },
    /// Copy the dossier file to another place and continue there.
    SaveDossierAs(PathBuf),
    /// Write the dossier in another format to a file.
    Export {
        /// The format.
        kind: ExportKind,
        /// The file.
        path: PathBuf,
    },
    /// Apply a correction (also a document date, a removal or a restore).
    Edit(Edit),
    /// Undo the last correction.
    Undo,
    /// Redo the last undone correction.
    Redo,
}

impl JobKind {
    /// What the job does, for its progress bar.
    pub fn label(&self) -> &'static str {
        match self {
            JobKind::Open(_) => "Loading",
            JobKind::OpenDossier { .. } => "Opening dossier",
            JobKind::SaveDossierAs(_) => "Saving",
            JobKind::Export { .. } => "Exporting",
            JobKind::Edit(Edit::SetDct { .. }) => "Resolving dates",
            JobKind::Edit(Edit::RemoveDocuments(_)) => "Removing",
            JobKind::Edit(_) | JobKind::Undo | JobKind::Redo => "Correcting",
        }
    }
}

/// What the loader thread reports to the frame.
#[derive(Debug)]
pub enum JobEvent {
    /// One file could not be read or analysed; the others go on.
    Failed {
        /// The file.
        path: PathBuf,
        /// Why.
        error: String,
    },
    /// The file is open already; the viewer focuses that article.
    AlreadyOpen(DocId),
    /// Something the user should know (what a correction did, in words).
    Info(String),
    /// One more file done (wakes the frame to redraw the progress).
    Progress,
    /// Something failed; the message says what (shown as is).
    Error(String),
    /// The job ended.
    Done {
        /// The dossier as it is now, when the job changed or opened one.
        update: Option<Box<Update>>,
        /// Articles added by this job, in order.
        opened: Vec<DocId>,
        /// True when the user cancelled.
        cancelled: bool,
    },
}

/// A running background job.
pub struct LoadJob {
    /// Shared progress (and the cancel flag).
    pub progress: Arc<Progress>,
    /// Reports from the thread.
    pub events: Receiver<JobEvent>,
}

impl LoadJob {
    /// Starts `kind` on a new `dossier-loader` thread. `wake` is called after every report
    /// (it requests a repaint).
    pub fn spawn(
        backend: Arc<Backend>,
        kind: JobKind,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<LoadJob> {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let thread_progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("dossier-loader".into())
            .spawn(move || {
                backend.run(kind, &thread_progress, &tx, &wake);
                wake();
            })?;
        Ok(LoadJob {
            progress,
            events: rx,
        })
    }
}

/// Reads files with [`crate::document`], analyses them with [`Analyzer`] and keeps them, with
/// the user's corrections, in a dossier file. The model and lexicons are loaded on first use,
/// on the loader thread, so the window opens at once.
#[derive(Debug)]
pub struct Backend {
    options: ReadOptions,
    analyzer: OnceLock<Result<Analyzer, String>>,
    dossier_dir: PathBuf,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    store: Option<Store>,
}

impl Default for Backend {
    fn default() -> Self {
        Self::new()
    }
}

impl Backend {
    /// A backend with the default read options that creates new dossiers in the data folder.
    pub fn new() -> Self {
        Self::with_options(ReadOptions::new(), default_dossier_dir())
    }

    /// A backend that creates new dossiers in `dossier_dir` (tests, examples).
    pub fn in_dir(dossier_dir: impl Into<PathBuf>) -> Self {
        Self::with_options(ReadOptions::new(), dossier_dir.into())
    }

    /// A backend with the given read options (size limit, language override) that creates new
    /// dossiers in `dossier_dir`.
    pub fn with_options(options: ReadOptions, dossier_dir: PathBuf) -> Self {
        Self {
            options,
            analyzer: OnceLock::new(),
            dossier_dir,
            state: Mutex::new(State::default()),
        }
    }

    /// The dossier file in use, if any.
    pub fn dossier_path(&self) -> Option<PathBuf> {
        self.state().store.as_ref().map(|s| s.path().to_path_buf())
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

    /// The dossier as the store keeps it, with `changes`.
    fn update(store: &Store, changes: ChangeSet) -> Result<Update, String> {
        let dossier = store
            .dossier_lazy(store.texts())
            .map_err(|e| e.to_string())?;
        let log = store.corrections().map_err(|e| e.to_string())?;
        let history = History {
            undo: log.undo_target().map(|e| e.correction.to_string()),
            redo: log.redo_target().map(|e| e.correction.to_string()),
        };
        Ok(Update {
            dossier,
            changes,
            history,
            path: Some(store.path().to_path_buf()),
        })
    }

    fn run(&self, kind: JobKind, progress: &Progress, tx: &Sender<JobEvent>, wake: &dyn Fn()) {
        let send = |event: JobEvent| {
            let _ = tx.send(event);
        };
        let mut opened = Vec::new();
        let mut update = None;
        match kind {
            JobKind::Open(inputs) => {
                let (added, up) = self.import(inputs, progress, &mut |event| {
                    if !matches!(event, JobEvent::Progress) {
                        send(event);
                    }
                    wake();
                });
                opened = added;
                update = up;
            }
            JobKind::OpenDossier { path, create } => {
                progress.one(path.display().to_string());
                let store = if create {
                    Store::create(&path)
                } else {
                    Store::open(&path)
                };
                match store {
                    Ok(store) => {
                        let mut state = self.state();
                        match Self::update(&store, ChangeSet::everything()) {
                            Ok(u) => update = Some(Box::new(u)),
                            Err(e) => send(JobEvent::Error(format!(
                                "Cannot read the dossier {}: {e}",
                                path.display()
                            ))),
                        }
                        state.store = Some(store);
                    }
                    Err(error) => send(JobEvent::Error(format!(
                        "Cannot {} the dossier {}: {error}",
                        if create { "create" } else { "open" },
                        path.display()
                    ))),
                }
                progress.finish_one();
            }
            JobKind::SaveDossierAs(path) => {
                progress.one(path.display().to_string());
                send(match self.save_dossier_as(&path) {
                    Ok(u) => {
                        update = Some(Box::new(u));
                        JobEvent::Info(format!(
                            "Dossier saved as {}; changes are written there from now on.",
                            path.display()
                        ))
                    }
                    Err(error) => JobEvent::Error(format!(
                        "Cannot save the dossier as {}: {error}",
                        path.display()
                    )),
                });
                progress.finish_one();
            }
            JobKind::Export { kind, path } => {
                progress.one(path.display().to_string());
                let state = self.state();
                let result = match state.store.as_ref() {
                    Some(store) => store.export_to(kind, &path).map_err(|e| e.to_string()),
                    None => Err("no dossier is open".to_string()),
                };
                send(match result {
                    Ok(()) => JobEvent::Info(format!("Exported to {}.", path.display())),
                    Err(error) => {
                        JobEvent::Error(format!("Cannot export to {}: {error}", path.display()))
                    }
                });
                progress.finish_one();
            }
            JobKind::Edit(edit) => {
                progress.one(String::new());
                match self.edit(&edit) {
                    Ok((message, u)) => {
                        send(JobEvent::Info(message));
                        update = Some(Box::new(u));
                    }
                    Err(error) => send(JobEvent::Error(error)),
                }
                progress.finish_one();
            }
            JobKind::Undo | JobKind::Redo => {
                progress.one(String::new());
                let undo = matches!(kind, JobKind::Undo);
                match self.step_history(undo) {
                    Ok(Some((message, u))) => {
                        send(JobEvent::Info(format!(
                            "{}: {message}",
                            if undo { "Undone" } else { "Redone" }
                        )));
                        update = Some(Box::new(u));
                    }
                    Ok(None) => send(JobEvent::Info(
                        if undo {
                            "Nothing to undo."
                        } else {
                            "Nothing to redo."
                        }
                        .into(),
                    )),
                    Err(error) => send(JobEvent::Error(format!(
                        "Cannot {}: {error}",
                        if undo { "undo" } else { "redo" }
                    ))),
                }
                progress.finish_one();
            }
        }
        send(JobEvent::Done {
            update,
            opened,
            cancelled: progress.is_cancelled(),
        });
    }

    /// Reads, analyses and adds `inputs` (files and folders), reporting each failure through
    /// `report` and counting progress. Returns the articles added and the dossier now.
    fn import(
        &self,
        inputs: Vec<Input>,
        progress: &Progress,
        report: &mut dyn FnMut(JobEvent),
    ) -> (Vec<DocId>, Option<Box<Update>>) {
        let inputs = expand_inputs(inputs, |path, error| {
            report(JobEvent::Failed { path, error });
        });
        let fail_all = |inputs: &[Input], error: &str, report: &mut dyn FnMut(JobEvent)| {
            for input in inputs {
                report(JobEvent::Failed {
                    path: input.path().to_path_buf(),
                    error: error.to_string(),
                });
            }
        };
        let analyzer = match self.analyzer() {
            Ok(a) => a,
            Err(error) => {
                fail_all(&inputs, &error, report);
                return (Vec::new(), None);
            }
        };
        let mut state = self.state();
        let store = match self.ensure_store(&mut state) {
            Ok(store) => store,
            Err(error) => {
                fail_all(&inputs, &error, report);
                return (Vec::new(), None);
            }
        };
        // Files open already (by path) are focused instead of read again.
        let open_paths: HashSet<PathBuf> = store
            .documents()
            .map(|docs| {
                docs.into_iter()
                    .filter_map(|d| d.path.map(|p| (normalise(&p), d.id)))
                    .map(|(p, _)| p)
                    .collect()
            })
            .unwrap_or_default();
        let known = store.documents().unwrap_or_default();
        progress.total.store(inputs.len(), Ordering::Relaxed);
        let cancel = Arc::new(AtomicBool::new(false));
        let opts = ImportOptions {
            read: self.options.clone(),
            cancel: Some(Arc::clone(&cancel)),
            ..ImportOptions::default()
        };
        let mut paths = Vec::new();
        let mut embedded = Vec::new();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        for input in inputs {
            let key = normalise(input.path());
            if open_paths.contains(&key) || !seen.insert(key.clone()) {
                if let Some(d) = known
                    .iter()
                    .find(|d| d.path.as_deref().map(normalise).as_ref() == Some(&key))
                {
                    report(JobEvent::AlreadyOpen(d.id));
                }
                progress.step(None);
                continue;
            }
            match input {
                Input::Path(p) => paths.push(p),
                Input::Embedded { path, bytes } => {
                    match read_bytes(bytes, Format::from_path(&path), Some(&path), &self.options) {
                        Ok(docs) => embedded.extend(docs),
                        Err(error) => report(JobEvent::Failed {
                            path,
                            error: error.to_string(),
                        }),
                    }
                }
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
        let mut errors: Vec<StoreError> = Vec::new();
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
        let update = match Self::update(store, ChangeSet::everything()) {
            Ok(u) => Some(Box::new(u)),
            Err(e) => {
                report(JobEvent::Error(format!("Cannot read the dossier: {e}")));
                None
            }
        };
        (added, update)
    }

    /// Applies a correction asked for in the viewer; returns what it did, in words.
    fn edit(&self, edit: &Edit) -> Result<(String, Update), String> {
        let mut state = self.state();
        let store = self.ensure_store(&mut state)?;
        let current = store
            .dossier_lazy(store.texts())
            .map_err(|e| e.to_string())?;
        let correction = correction_for(&current, edit)?;
        let applied = store
            .apply(&correction)
            .map_err(|e| capitalise(&e.to_string()))?;
        let update = Self::update(store, applied.changes)?;
        Ok((applied.report.message, update))
    }

    /// Undo (`true`) or redo.
    fn step_history(&self, undo: bool) -> Result<Option<(String, Update)>, String> {
        let mut state = self.state();
        let Some(store) = state.store.as_mut() else {
            return Ok(None);
        };
        let done = if undo { store.undo() } else { store.redo() }.map_err(|e| e.to_string())?;
        match done {
            Some(stepped) => {
                let update = Self::update(store, stepped.changes)?;
                Ok(Some((capitalise(&stepped.message), update)))
            }
            None => Ok(None),
        }
    }

    fn save_dossier_as(&self, path: &Path) -> Result<Update, String> {
        let mut state = self.state();
        let store = self.ensure_store(&mut state)?;
        store.copy_to(path).map_err(|e| e.to_string())?;
        let copy = Store::open(path).map_err(|e| e.to_string())?;
        let update = Self::update(&copy, ChangeSet::everything())?;
        state.store = Some(copy);
        Ok(update)
    }
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
        .ok_or_else(|| format!("entity {id} is not in the dossier"))
}

/// The text of `span` of article `doc`.
fn marked_text(dossier: &Dossier, doc: DocId, span: crate::model::Span) -> Result<String, String> {
    let body = dossier
        .text(doc)
        .ok_or_else(|| format!("article {doc} is not open"))?;
    body.get(span.start..span.end)
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .ok_or_else(|| "the marked text is not in the article".to_string())
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
        Edit::Reject { entity } => {
            let e = entity_ref(dossier, *entity)?;
            Correction::Reject {
                name: e.name,
                entity_type: None,
            }
        }
        Edit::AddMention { doc, span, target } => {
            let text = marked_text(dossier, *doc, *span)?;
            let target = match target {
                MentionTarget::New { name, entity_type } => correct::MentionTarget::New {
                    name: if name.trim().is_empty() {
                        text.trim().to_string()
                    } else {
                        name.trim().to_string()
                    },
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
        Edit::ReassignMention { doc, span, target } => {
            let text = marked_text(dossier, *doc, *span)?;
            let target = match target {
                MentionTarget::New { name, entity_type } => correct::MentionTarget::New {
                    name: if name.trim().is_empty() {
                        text.trim().to_string()
                    } else {
                        name.trim().to_string()
                    },
                    entity_type: *entity_type,
                },
                MentionTarget::Existing(e) => correct::MentionTarget::Entity {
                    entity: entity_ref(dossier, *e)?,
                },
            };
            Correction::ReassignMention {
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
        Edit::SetDct { docs, date } => {
            let one = |doc: &DocId| Correction::SetDct {
                doc: *doc,
                date: *date,
            };
            match docs.as_slice() {
                [doc] => one(doc),
                docs => Correction::Batch {
                    corrections: docs.iter().map(one).collect(),
                },
            }
        }
        Edit::RemoveDocuments(docs) => {
            let one = |doc: &DocId| Correction::RemoveDocument { doc: *doc };
            match docs.as_slice() {
                [doc] => one(doc),
                docs => Correction::Batch {
                    corrections: docs.iter().map(one).collect(),
                },
            }
        }
        Edit::RestoreDocument(doc) => Correction::RestoreDocument { doc: *doc },
    })
}

/// The key under which a path counts as "already open".
pub fn normalise(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// True when the file name has one of the [`EXTENSIONS`].
pub fn has_supported_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Replaces folders by the supported files inside them (recursively, sorted by name). Files
/// given directly are kept whatever their extension, so that the reader can say what is wrong.
pub fn expand_inputs(inputs: Vec<Input>, mut fail: impl FnMut(PathBuf, String)) -> Vec<Input> {
    let mut out = Vec::new();
    for input in inputs {
        match input {
            Input::Path(path) if path.is_dir() => {
                let mut found = Vec::new();
                collect_dir(&path, &mut found, &mut fail, 0);
                if found.is_empty() {
                    fail(path, "the folder holds no supported file".into());
                }
                found.sort();
                out.extend(found.into_iter().map(Input::Path));
            }
            other => out.push(other),
        }
    }
    out
}

fn collect_dir(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    fail: &mut impl FnMut(PathBuf, String),
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            fail(dir.to_path_buf(), e.to_string());
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_dir(&path, out, fail, depth + 1);
        } else if has_supported_extension(&path) {
            out.push(path);
        }
    }
}

// ---------------------------------------------------------------- search

/// The answer to one full-text query.
#[derive(Debug, Clone, PartialEq)]
pub struct TextResults {
    /// The query answered.
    pub query: String,
    /// Places in articles, best first.
    pub hits: Vec<Hit>,
    /// Why there are no hits, when the query failed.
    pub error: Option<String>,
}

/// At most this many text hits are asked for.
pub const SEARCH_LIMIT: usize = 50;

/// The full-text search thread (`dossier-search`): its own read-only connection to the dossier
/// file, so that searching never waits for the loader; only the newest query is answered.
pub struct Searcher {
    queries: Sender<(String, PathBuf)>,
    answers: Receiver<TextResults>,
}

impl Searcher {
    /// Starts the thread; `wake` is called after every answer (it requests a repaint).
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<Searcher> {
        let (qtx, qrx) = channel::<(String, PathBuf)>();
        let (atx, arx) = channel();
        std::thread::Builder::new()
            .name("dossier-search".into())
            .spawn(move || {
                let mut store: Option<(PathBuf, Result<Store, String>)> = None;
                while let Ok(mut next) = qrx.recv() {
                    // Answer only the newest query.
                    while let Ok(newer) = qrx.try_recv() {
                        next = newer;
                    }
                    let (query, path) = next;
                    if store.as_ref().is_none_or(|(p, _)| *p != path) {
                        let opened = Store::open_read_only(&path).map_err(|e| e.to_string());
                        store = Some((path.clone(), opened));
                    }
                    let answer = match store.as_ref().map(|(_, s)| s) {
                        Some(Ok(s)) => match s.search(&query, SEARCH_LIMIT) {
                            Ok(hits) => TextResults {
                                query,
                                hits,
                                error: None,
                            },
                            Err(e) => TextResults {
                                query,
                                hits: Vec::new(),
                                error: Some(e.to_string()),
                            },
                        },
                        Some(Err(e)) => TextResults {
                            query,
                            hits: Vec::new(),
                            error: Some(e.clone()),
                        },
                        None => TextResults {
                            query,
                            hits: Vec::new(),
                            error: Some(format!("cannot read {}", path.display())),
                        },
                    };
                    if atx.send(answer).is_err() {
                        break;
                    }
                    wake();
                }
            })?;
        Ok(Searcher {
            queries: qtx,
            answers: arx,
        })
    }

    /// Asks for `query` in the dossier file `path`; false when the thread is gone.
    pub fn ask(&self, query: String, path: PathBuf) -> bool {
        self.queries.send((query, path)).is_ok()
    }

    /// The answers that arrived since the last call (newest last); `None` when the thread is
    /// gone.
    pub fn answers(&self) -> Option<Vec<TextResults>> {
        let mut out = Vec::new();
        loop {
            match self.answers.try_recv() {
                Ok(a) => out.push(a),
                Err(TryRecvError::Empty) => return Some(out),
                Err(TryRecvError::Disconnected) => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        for (name, ok) in [
            ("a.txt", true),
            ("a.TXT", true),
            ("b.md", true),
            ("c.htm", true),
            ("d.jsonl", true),
            ("e.pdf", true),
            ("f.png", false),
            ("noext", false),
        ] {
            assert_eq!(has_supported_extension(Path::new(name)), ok, "{name}");
        }
    }

    #[test]
    fn folders_expand_to_supported_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        std::fs::write(dir.path().join("skip.png"), "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.html"), "x").unwrap();
        let empty = tempfile::tempdir().unwrap();
        let mut failures = Vec::new();
        let out = expand_inputs(
            vec![
                Input::Path(dir.path().to_path_buf()),
                Input::Path(empty.path().to_path_buf()),
            ],
            |p, e| failures.push((p, e)),
        );
        let names: Vec<String> = out
            .iter()
            .map(|i| {
                i.path()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/c.html"]);
        assert_eq!(failures.len(), 1);
    }
}
