//! The boundary between the viewer and the analysis pipeline, and the background thread that
//! drives it.
//!
//! The viewer never reads or analyses in the frame. A [`LoadJob`] runs on a thread named
//! `dossier-loader`, works on its own copy of the dossier through a [`Loader`] and sends the
//! result back over a channel; the frame only polls.

use crate::store::export::ExportKind;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::command::Edit;
use crate::analysis::Dossier;
use crate::model::{Dct, DctSource, DocId, Document};

/// File name extensions the viewer offers to open (and picks from dropped folders): every format
/// the document readers know.
pub const EXTENSIONS: &[&str] = crate::document::Format::EXTENSIONS;

/// What the viewer needs from the analysis pipeline. Implemented by the core (the real
/// pipeline) and by tests (fixture dossiers). All methods run on the `dossier-loader` thread.
pub trait Loader: Send + Sync {
    /// Reads one file into documents (several for `.jsonl`). `bytes` holds the content when the
    /// file is not on disk (the embedded sample dossier); otherwise read `path`.
    /// The error is shown to the user as is, after the file name.
    fn read(&self, path: &Path, bytes: Option<&[u8]>) -> Result<Vec<Document>, String>;

    /// Analyses `document` and adds it to `dossier` (assigning its id, registering entities and
    /// adding its events to the timeline). Returns the new document's id.
    fn add(&self, dossier: &mut Dossier, document: Document) -> Result<DocId, String>;

    /// Called once after a batch of [`Loader::add`] calls, e.g. to merge the timeline.
    fn finish(&self, dossier: &mut Dossier) {
        let _ = dossier;
    }

    /// Reads and adds `inputs` (files, not folders; none of them open yet), reporting each
    /// failure through `report` and counting progress. Returns the ids of the articles added.
    /// The default reads and adds one file after the other with [`Loader::read`] and
    /// [`Loader::add`], then calls [`Loader::finish`].
    fn import(
        &self,
        dossier: &mut Dossier,
        inputs: Vec<Input>,
        progress: &Progress,
        report: &mut dyn FnMut(JobEvent),
    ) -> Vec<DocId> {
        let mut opened = Vec::new();
        for input in inputs {
            if progress.is_cancelled() {
                break;
            }
            let (path, bytes) = match &input {
                Input::Path(p) => (p.clone(), None),
                Input::Embedded { path, bytes } => (path.clone(), Some(*bytes)),
            };
            progress.set_current(path.display().to_string());
            match self.read(&path, bytes) {
                Ok(docs) if docs.is_empty() => report(JobEvent::Failed {
                    path: path.clone(),
                    error: "no article found in the file".into(),
                }),
                Ok(docs) => {
                    for doc in docs {
                        match self.add(dossier, doc) {
                            Ok(id) => opened.push(id),
                            Err(error) => report(JobEvent::Failed {
                                path: path.clone(),
                                error,
                            }),
                        }
                    }
                }
                Err(error) => report(JobEvent::Failed {
                    path: path.clone(),
                    error,
                }),
            }
            progress.done.fetch_add(1, Ordering::Relaxed);
            report(JobEvent::Progress);
        }
        if !opened.is_empty() {
            self.finish(dossier);
        }
        opened
    }

    /// Removes an article from the dossier.
    fn remove(&self, dossier: &mut Dossier, doc: DocId) -> Result<(), String> {
        dossier.remove(doc);
        Ok(())
    }

    /// Switches to another dossier file (`create`: a new, empty one) and loads it into
    /// `dossier`. Loaders without files refuse.
    fn open_dossier(&self, dossier: &mut Dossier, path: &Path, create: bool) -> Result<(), String> {
        let _ = (dossier, path, create);
        Err("this viewer keeps no dossier files".into())
    }

    /// Copies the dossier file to `path` and continues there.
    fn save_dossier_as(&self, path: &Path) -> Result<(), String> {
        let _ = path;
        Err("this viewer keeps no dossier files".into())
    }

    /// Writes the dossier in format `kind` to `path`. Loaders without files refuse.
    fn export(&self, kind: ExportKind, path: &Path) -> Result<(), String> {
        let _ = (kind, path);
        Err("this viewer keeps no dossier file to export".into())
    }

    /// The dossier file in use, if any.
    fn dossier_path(&self) -> Option<PathBuf> {
        None
    }

    /// Sets (or clears) the document date of `doc` and re-resolves its time expressions and
    /// events, so that the timeline follows.
    fn set_dct(&self, dossier: &mut Dossier, doc: DocId, dct: Option<Dct>) -> Result<(), String>;

    /// Applies a correction to `dossier` and records it (so that it survives a new analysis
    /// and can be undone). Returns what was done, in words.
    fn edit(&self, dossier: &mut Dossier, edit: &Edit) -> Result<String, String> {
        let _ = (dossier, edit);
        Err("this dossier cannot be corrected".into())
    }

    /// Undoes the last correction; `Ok(None)` when there is nothing to undo.
    fn undo(&self, dossier: &mut Dossier) -> Result<Option<String>, String> {
        let _ = dossier;
        Ok(None)
    }

    /// Redoes the last undone correction; `Ok(None)` when there is nothing to redo.
    fn redo(&self, dossier: &mut Dossier) -> Result<Option<String>, String> {
        let _ = dossier;
        Ok(None)
    }

    /// What undo and redo would do now, in words (for the Edit menu).
    fn history(&self) -> History {
        History::default()
    }
}

/// What undo and redo would do, in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// The correction undo would take back.
    pub undo: Option<String>,
    /// The correction redo would apply again.
    pub redo: Option<String>,
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
    pub(crate) fn step(&self, path: Option<&Path>) {
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

/// What a job does.
#[derive(Debug, Clone)]
pub enum JobKind {
    /// Open files and folders.
    Open(Vec<Input>),
    /// Set the document date of one article.
    SetDct {
        /// The article.
        doc: DocId,
        /// The new date (`None` clears it).
        date: Option<NaiveDate>,
    },
    /// Remove an article from the dossier.
    Remove(DocId),
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
    /// Apply a correction.
    Edit(Edit),
    /// Undo the last correction.
    Undo,
    /// Redo the last undone correction.
    Redo,
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
    /// Something the user should know (a correction done or undone).
    Info(String),
    /// One more file done (wakes the frame to redraw the progress).
    Progress,
    /// Something failed; the message says what (shown as is).
    Error(String),
    /// The job ended; `dossier` replaces the viewer's dossier.
    Done {
        /// The updated dossier (all files that succeeded before a cancel are in it).
        dossier: Box<Dossier>,
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
    /// Starts `kind` on a new `dossier-loader` thread working on `dossier` (a copy of the
    /// viewer's). `wake` is called after every report (it requests a repaint).
    pub fn spawn(
        loader: Arc<dyn Loader>,
        dossier: Dossier,
        kind: JobKind,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<LoadJob> {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let thread_progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("dossier-loader".into())
            .spawn(move || {
                run_job(&*loader, dossier, kind, &thread_progress, &tx, &wake);
                wake();
            })?;
        Ok(LoadJob {
            progress,
            events: rx,
        })
    }
}

fn run_job(
    loader: &dyn Loader,
    mut dossier: Dossier,
    kind: JobKind,
    progress: &Progress,
    tx: &Sender<JobEvent>,
    wake: &dyn Fn(),
) {
    let mut opened = Vec::new();
    match kind {
        JobKind::Open(inputs) => {
            let files = expand_inputs(inputs, |path, error| {
                let _ = tx.send(JobEvent::Failed { path, error });
            });
            progress.total.store(files.len(), Ordering::Relaxed);
            let mut open_paths: HashSet<PathBuf> = dossier
                .documents
                .iter()
                .filter_map(|d| d.path.as_deref().map(normalise))
                .collect();
            let mut fresh = Vec::new();
            for input in files {
                let path = match &input {
                    Input::Path(p) | Input::Embedded { path: p, .. } => p.clone(),
                };
                let key = normalise(&path);
                if open_paths.contains(&key) {
                    if let Some(doc) = dossier
                        .documents
                        .iter()
                        .find(|d| d.path.as_deref().map(normalise).as_ref() == Some(&key))
                    {
                        let _ = tx.send(JobEvent::AlreadyOpen(doc.id));
                    }
                    progress.done.fetch_add(1, Ordering::Relaxed);
                } else {
                    open_paths.insert(key);
                    fresh.push(input);
                }
            }
            opened = loader.import(&mut dossier, fresh, progress, &mut |event| {
                if !matches!(event, JobEvent::Progress) {
                    let _ = tx.send(event);
                }
                wake();
            });
        }
        JobKind::SetDct { doc, date } => {
            progress.total.store(1, Ordering::Relaxed);
            let dct = date.map(|date| Dct {
                date,
                source: DctSource::User,
            });
            if let Err(error) = loader.set_dct(&mut dossier, doc, dct) {
                let path = dossier
                    .document(doc)
                    .and_then(|(d, _)| d.path.clone())
                    .unwrap_or_default();
                let _ = tx.send(JobEvent::Failed { path, error });
            }
            progress.done.store(1, Ordering::Relaxed);
        }
        JobKind::Remove(doc) => {
            progress.total.store(1, Ordering::Relaxed);
            if let Err(error) = loader.remove(&mut dossier, doc) {
                let _ = tx.send(JobEvent::Error(format!(
                    "Cannot remove the article: {error}"
                )));
            }
            progress.done.store(1, Ordering::Relaxed);
        }
        JobKind::OpenDossier { path, create } => {
            progress.total.store(1, Ordering::Relaxed);
            progress.set_current(path.display().to_string());
            if let Err(error) = loader.open_dossier(&mut dossier, &path, create) {
                let _ = tx.send(JobEvent::Error(format!(
                    "Cannot {} the dossier {}: {error}",
                    if create { "create" } else { "open" },
                    path.display()
                )));
            }
            progress.done.store(1, Ordering::Relaxed);
        }
        JobKind::SaveDossierAs(path) => {
            progress.total.store(1, Ordering::Relaxed);
            progress.set_current(path.display().to_string());
            match loader.save_dossier_as(&path) {
                Ok(()) => {
                    let _ = tx.send(JobEvent::Info(format!(
                        "Dossier saved as {}; changes are written there from now on.",
                        path.display()
                    )));
                }
                Err(error) => {
                    let _ = tx.send(JobEvent::Error(format!(
                        "Cannot save the dossier as {}: {error}",
                        path.display()
                    )));
                }
            }
            progress.done.store(1, Ordering::Relaxed);
        }
        JobKind::Export { kind, path } => {
            progress.total.store(1, Ordering::Relaxed);
            progress.set_current(path.display().to_string());
            let _ = tx.send(match loader.export(kind, &path) {
                Ok(()) => JobEvent::Info(format!("Exported to {}.", path.display())),
                Err(error) => {
                    JobEvent::Error(format!("Cannot export to {}: {error}", path.display()))
                }
            });
            progress.done.store(1, Ordering::Relaxed);
        }
        JobKind::Edit(edit) => {
            progress.total.store(1, Ordering::Relaxed);
            let _ = tx.send(match loader.edit(&mut dossier, &edit) {
                Ok(done) => JobEvent::Info(done),
                Err(error) => JobEvent::Error(format!("Cannot correct: {error}")),
            });
            progress.done.store(1, Ordering::Relaxed);
        }
        JobKind::Undo | JobKind::Redo => {
            progress.total.store(1, Ordering::Relaxed);
            let undo = matches!(kind, JobKind::Undo);
            let result = if undo {
                loader.undo(&mut dossier)
            } else {
                loader.redo(&mut dossier)
            };
            let _ = tx.send(match result {
                Ok(Some(what)) => JobEvent::Info(format!(
                    "{}: {what}",
                    if undo { "Undone" } else { "Redone" }
                )),
                Ok(None) => JobEvent::Info(
                    if undo {
                        "Nothing to undo."
                    } else {
                        "Nothing to redo."
                    }
                    .into(),
                ),
                Err(error) => JobEvent::Error(format!(
                    "Cannot {}: {error}",
                    if undo { "undo" } else { "redo" }
                )),
            });
            progress.done.store(1, Ordering::Relaxed);
        }
    }
    let _ = tx.send(JobEvent::Done {
        dossier: Box::new(dossier),
        opened,
        cancelled: progress.is_cancelled(),
    });
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
            ("e.pdf", false),
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
            .map(|i| match i {
                Input::Path(p) => p.strip_prefix(dir.path()).unwrap().display().to_string(),
                Input::Embedded { .. } => unreachable!(),
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/c.html"]);
        assert_eq!(failures.len(), 1);
    }
}
