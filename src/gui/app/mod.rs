//! [`DossierApp`]: owns the state, runs the frame, applies the commands. The menu bar, the file
//! dialogs, keyboard input and the status bar are in the files beside this one.

mod dialogs;
mod input;
mod menu;
mod status;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::backend::{Backend, History, Input, JobEvent, JobKind, LoadJob, Update};
use super::command::{Command, Commands, DossierDialog, Edit, Editor};
use super::panels::articles::ArticlesPanel;
use super::panels::card::CardPanel;
use super::panels::editor::EditorPanel;
use super::panels::entities::EntitiesPanel;
use super::panels::search::SearchPanel;
use super::panels::text::{TextModel, TextPanel};
use super::panels::timeline::TimelinePanel;
use super::panels::{View, welcome};
use super::rows::{self, DossierIndex, Mark};
use super::samples::{SAMPLE_DIR, SAMPLES};
use super::state::{Item, Level, Location, Navigation, Notification, Prefs, Scope, ThemePref};
use crate::analysis::Dossier;
use crate::model::DocId;
use dialogs::{DialogAnswer, dialog_helper_installed, is_dossier_file, with_dossier_extension};

/// The viewer application.
pub struct DossierApp {
    loader: Arc<Backend>,
    dossier: Dossier,
    index: DossierIndex,
    generation: u64,
    nav: Navigation,
    prefs: Prefs,
    commands: Commands,
    job: Option<LoadJob>,
    pending: VecDeque<JobKind>,
    dialog: Option<(Option<DossierDialog>, Receiver<DialogAnswer>)>,
    notifications: Vec<Notification>,
    log: Vec<String>,
    next_id: u64,
    applied_theme: Option<ThemePref>,
    ctx: egui::Context,
    articles: ArticlesPanel,
    text: TextPanel,
    entities: EntitiesPanel,
    timeline: TimelinePanel,
    card: CardPanel,
    editor: EditorPanel,
    history: History,
    /// The last correction done or undone, shown in the status bar.
    status: Option<String>,
    /// What the running job does, for its progress bar.
    job_label: &'static str,
    /// The dossier file in use.
    dossier_path: Option<PathBuf>,
    search: SearchPanel,
}

impl DossierApp {
    /// Creates the app (restoring preferences from eframe's storage) and starts opening `files`.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        loader: Arc<Backend>,
        files: Vec<PathBuf>,
    ) -> Self {
        let prefs = cc
            .storage
            .and_then(|s| eframe::get_value::<Prefs>(s, Prefs::STORAGE_KEY))
            .unwrap_or_default();
        Self::with_prefs(cc.egui_ctx.clone(), loader, files, prefs)
    }

    /// Creates the app with the given preferences (no storage).
    pub fn with_prefs(
        ctx: egui::Context,
        loader: Arc<Backend>,
        files: Vec<PathBuf>,
        prefs: Prefs,
    ) -> Self {
        let mut app = Self {
            loader,
            dossier: Dossier::default(),
            index: DossierIndex::default(),
            generation: 0,
            nav: Navigation::default(),
            prefs,
            commands: Commands::default(),
            job: None,
            pending: VecDeque::new(),
            dialog: None,
            notifications: Vec::new(),
            log: Vec::new(),
            next_id: 0,
            applied_theme: None,
            ctx,
            articles: ArticlesPanel::default(),
            text: TextPanel::default(),
            entities: EntitiesPanel::default(),
            timeline: TimelinePanel::default(),
            card: CardPanel::default(),
            editor: EditorPanel::default(),
            history: History::default(),
            status: None,
            job_label: "Loading",
            dossier_path: None,
            search: SearchPanel::default(),
        };
        if !files.is_empty() {
            app.push(Command::OpenFiles(files));
        } else if let Some(last) = app.prefs.recent_dossiers.first().cloned()
            && last.is_file()
        {
            // Where the user left off.
            app.push(Command::OpenDossier(last));
        }
        app
    }

    /// Queues a command (applied after the next frame, like the panels' commands).
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
        self.ctx.request_repaint();
    }

    /// The dossier shown.
    pub fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// Where the user is.
    pub fn location(&self) -> Location {
        self.nav.current()
    }

    /// The text panel's model (blocks and marks) as last drawn.
    pub fn text_model(&self) -> Option<&TextModel> {
        self.text.model()
    }

    /// The text panel (visible range, layout count) as last drawn.
    pub fn text_panel(&self) -> &crate::gui::panels::text::TextPanel {
        &self.text
    }

    /// The timeline's visible days (first, last day number) as last drawn.
    pub fn timeline_days(&self) -> (f64, f64) {
        self.timeline.visible_days()
    }

    /// The timeline's marks as last drawn.
    pub fn timeline_marks(&self) -> &[Mark] {
        self.timeline.marks()
    }

    /// Notifications not yet dismissed.
    pub fn notifications(&self) -> &[Notification] {
        &self.notifications
    }

    /// Every message of this session.
    pub fn log(&self) -> &[String] {
        &self.log
    }

    /// Preferences.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// True while a background job runs or waits.
    pub fn is_busy(&self) -> bool {
        self.job.is_some() || !self.pending.is_empty()
    }

    fn notify(&mut self, level: Level, text: String) {
        self.log.push(text.clone());
        self.next_id += 1;
        self.notifications.push(Notification {
            id: self.next_id,
            level,
            text,
        });
        if self.notifications.len() > 6 {
            self.notifications.remove(0);
        }
    }

    fn start_job(&mut self, kind: JobKind) {
        if self.job.is_some() {
            self.pending.push_back(kind);
            return;
        }
        self.job_label = kind.label();
        let ctx = self.ctx.clone();
        match LoadJob::spawn(Arc::clone(&self.loader), kind, move || {
            ctx.request_repaint()
        }) {
            Ok(job) => self.job = Some(job),
            Err(e) => self.notify(Level::Error, format!("Cannot start loading: {e}")),
        }
    }

    /// Replaces the dossier (for instance by a stored one) without going through the loader.
    pub fn load_dossier(&mut self, dossier: Dossier) {
        self.set_dossier(dossier, None);
        if self.nav.current().doc.is_none()
            && let Some(first) = self.dossier.documents.first().map(|d| d.id)
        {
            self.show_doc(first);
        }
    }

    /// Takes the dossier a job answered with; only what `changes` names is looked at again
    /// (`None`: everything).
    fn set_dossier(&mut self, dossier: Dossier, changes: Option<&crate::store::ChangeSet>) {
        // An event is selected by its position on the timeline: find it again by its report.
        let event_key = self.nav.current().event().and_then(|ev| {
            let e = self.dossier.event(ev)?;
            e.sources.first().map(|s| (s.doc, s.span))
        });
        match changes {
            Some(c) if !c.all => {
                let docs = c.documents.clone();
                self.index.update(&self.dossier, &dossier, &docs);
            }
            _ => self.index = DossierIndex::build(&dossier),
        }
        self.dossier = dossier;
        self.generation += 1;
        self.articles
            .marked
            .retain(|d| self.dossier.doc_index(*d).is_some());
        // Keep the location valid: items are named by stable keys, so they stay valid unless
        // what they name is gone.
        let mut loc = self.nav.current();
        if loc.doc.is_some_and(|d| self.dossier.doc_index(d).is_none()) {
            loc = Location::default();
        }
        if let (Some(Item::Event(_)), Some((doc, span))) = (loc.item, event_key) {
            loc.item = self
                .dossier
                .events
                .iter()
                .find(|e| e.sources.iter().any(|s| s.doc == doc && s.span == span))
                .map(|e| Item::Event(e.id));
        }
        let valid = match loc.item {
            Some(item @ Item::Mention { .. }) => item.mention(&self.dossier).is_some(),
            Some(item @ Item::Timex { .. }) => item.timex(&self.dossier).is_some(),
            Some(Item::Event(ev)) => self.dossier.event(ev).is_some(),
            Some(Item::Entity(e)) => self.dossier.entity(e).is_some(),
            Some(Item::Document(d)) => self.dossier.doc_index(d).is_some(),
            None => true,
        };
        if !valid {
            loc.item = loc.doc.map(Item::Document);
        }
        self.nav.replace(loc);
        self.nav.retain_valid(&self.dossier);
        if self.nav.current().doc.is_none()
            && let Some(first) = self.dossier.documents.first().map(|d| d.id)
            && changes.is_some_and(|c| !c.all)
        {
            self.show_doc(first);
        }
    }

    /// Applies a job's answer: the dossier, the undo history and the file.
    fn take_update(&mut self, update: Update) {
        self.history = update.history.clone();
        let Update {
            dossier, changes, ..
        } = update;
        self.set_dossier(dossier, Some(&changes));
    }

    fn poll_background(&mut self) {
        if let Some((kind, rx)) = &self.dialog {
            let kind = *kind;
            match rx.try_recv() {
                Ok((Some(mut paths), _)) => {
                    self.dialog = None;
                    let command = match (kind, paths.pop()) {
                        (None, Some(last)) => {
                            paths.push(last);
                            Command::OpenFiles(paths)
                        }
                        (Some(DossierDialog::Open), Some(path)) => Command::OpenDossier(path),
                        (Some(DossierDialog::New), Some(path)) => {
                            Command::NewDossier(with_dossier_extension(path))
                        }
                        (Some(DossierDialog::SaveAs), Some(path)) => {
                            Command::SaveDossierAs(with_dossier_extension(path))
                        }
                        (Some(DossierDialog::Export(kind)), Some(mut path)) => {
                            if path.extension().is_none() {
                                path.set_extension(kind.extension());
                            }
                            Command::Export { kind, path }
                        }
                        (_, None) => return,
                    };
                    self.push(command);
                }
                Ok((None, open_for)) => {
                    self.dialog = None;
                    if open_for < std::time::Duration::from_millis(1500)
                        && !dialog_helper_installed()
                    {
                        self.notify(
                            Level::Info,
                            "If no file dialog appeared: Dossier shows it through \
                             xdg-desktop-portal (or zenity), and neither answered. Drop files \
                             onto the window or name them on the command line instead."
                                .to_string(),
                        );
                    }
                }
                Err(TryRecvError::Disconnected) => self.dialog = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        let mut events = Vec::new();
        let mut finished = false;
        if let Some(job) = &self.job {
            loop {
                match job.events.try_recv() {
                    Ok(e) => {
                        finished |= matches!(e, JobEvent::Done { .. });
                        events.push(e);
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished = true;
                        break;
                    }
                }
            }
        }
        for event in events {
            match event {
                JobEvent::Failed { path, error } => {
                    let name = path.display().to_string();
                    self.notify(Level::Error, format!("Cannot open {name}: {error}"));
                }
                JobEvent::AlreadyOpen(doc) => self.show_doc(doc),
                JobEvent::Info(text) => {
                    self.log.push(text.clone());
                    self.status = Some(text);
                }
                JobEvent::Error(message) => self.notify(Level::Error, message),
                JobEvent::Progress => {}
                JobEvent::Done {
                    update,
                    opened,
                    cancelled,
                } => {
                    if let Some(update) = update {
                        self.take_update(*update);
                    }
                    for doc in &opened {
                        if let Some(path) = self
                            .dossier
                            .document(*doc)
                            .and_then(|(d, _)| d.path.clone())
                            && !path.starts_with(SAMPLE_DIR)
                        {
                            self.prefs.remember(path);
                        }
                    }
                    if let Some(&first) = opened.first() {
                        self.show_doc(first);
                    }
                    if cancelled {
                        self.notify(
                            Level::Info,
                            format!("Loading cancelled; {} articles opened.", opened.len()),
                        );
                    }
                }
            }
        }
        if finished {
            self.job = None;
            let path = self.loader.dossier_path();
            if path != self.dossier_path {
                if let Some(p) = &path {
                    self.prefs.remember_dossier(p.clone());
                    self.log.push(format!("Dossier: {}", p.display()));
                }
                let title = match &path {
                    Some(p) => format!(
                        "{} — Dossier",
                        p.file_stem()
                            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
                    ),
                    None => "Dossier".to_string(),
                };
                self.ctx
                    .send_viewport_cmd(egui::ViewportCommand::Title(title));
                self.dossier_path = path;
            }
            // A dossier opened: show the article the user left it at, else its first.
            if self.nav.current().doc.is_none()
                && let Some(p) = self.dossier_path.as_deref()
            {
                let last = self
                    .prefs
                    .last_article(p)
                    .filter(|d| self.dossier.doc_index(*d).is_some());
                if let Some(doc) = last.or_else(|| self.dossier.documents.first().map(|d| d.id)) {
                    self.show_doc(doc);
                }
            }
            if let Some(next) = self.pending.pop_front() {
                self.start_job(next);
            }
        }
    }

    fn show_doc(&mut self, doc: DocId) {
        let cur = self.nav.current();
        let item = match cur.item {
            Some(Item::Entity(e)) => Some(Item::Entity(e)),
            _ => Some(Item::Document(doc)),
        };
        self.nav.go(Location {
            doc: Some(doc),
            item,
        });
        self.articles.scroll_to = Some(doc);
    }

    /// Where `item` is shown, and the scroll requests it makes.
    fn locate(&mut self, item: Item) -> Location {
        let cur = self.nav.current();
        match item {
            Item::Document(doc) => {
                self.articles.scroll_to = Some(doc);
                Location {
                    doc: Some(doc),
                    item: match cur.item {
                        Some(Item::Entity(e)) => Some(Item::Entity(e)),
                        _ => Some(Item::Document(doc)),
                    },
                }
            }
            Item::Entity(e) => {
                self.entities.scroll_to = Some(e);
                let list = self.index.mentions(e);
                let doc = if list.iter().any(|(d, _)| Some(*d) == cur.doc) {
                    cur.doc
                } else {
                    list.first().map(|(d, _)| *d).or(cur.doc)
                };
                if doc != cur.doc
                    && let Some(d) = doc
                {
                    self.articles.scroll_to = Some(d);
                }
                Location {
                    doc,
                    item: Some(item),
                }
            }
            Item::Mention { doc, span } => {
                if let Some((_, m)) = item.mention(&self.dossier) {
                    self.text.scroll_to = Some(span.start);
                    self.entities.scroll_to = Some(m.entity);
                }
                if cur.doc != Some(doc) {
                    self.articles.scroll_to = Some(doc);
                }
                Location {
                    doc: Some(doc),
                    item: Some(item),
                }
            }
            Item::Timex { doc, span } => {
                if item.timex(&self.dossier).is_some() {
                    self.text.scroll_to = Some(span.start);
                }
                Location {
                    doc: Some(doc),
                    item: Some(item),
                }
            }
            Item::Event(ev) => {
                self.timeline.scroll_to = Some(ev);
                let event = self.dossier.event(ev);
                let source = event.and_then(|e| {
                    e.sources
                        .iter()
                        .find(|s| Some(s.doc) == cur.doc)
                        .or(e.sources.first())
                });
                if let Some(s) = source {
                    self.text.scroll_to = Some(s.span.start);
                    self.articles.scroll_to = Some(s.doc);
                }
                Location {
                    doc: source.map(|s| s.doc).or(cur.doc),
                    item: Some(item),
                }
            }
        }
    }

    fn step_mention(&mut self, forward: bool) {
        let cur = self.nav.current();
        let Some(entity) = cur.entity(&self.dossier) else {
            return;
        };
        let in_doc = cur.doc.and_then(|doc| {
            let (_, a) = self.dossier.document(doc)?;
            let from = match cur.item {
                Some(item @ Item::Mention { doc: d, .. }) if d == doc => {
                    item.mention(&self.dossier).map(|(i, _)| i)
                }
                _ => None,
            };
            let i = rows::step_mention(&a.mentions, entity, from, forward)?;
            a.mentions.get(i).map(|m| (doc, m.span))
        });
        let target = in_doc.or_else(|| {
            let list = self.index.mentions(entity);
            if forward {
                list.first().copied()
            } else {
                list.last().copied()
            }
        });
        let Some((doc, span)) = target else {
            return;
        };
        let item = Item::Mention { doc, span };
        let loc = self.locate(item);
        if matches!(cur.item, Some(Item::Mention { .. })) {
            self.nav.replace(loc);
        } else {
            self.nav.go(loc);
        }
    }

    fn rescroll(&mut self) {
        if let Some(item) = self.nav.current().item {
            let _ = self.locate(item);
        }
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Select(item) => {
                let loc = self.locate(item);
                self.nav.go(loc);
            }
            Command::ClearSelection => {
                let doc = self.nav.current().doc;
                self.nav.go(Location {
                    doc,
                    item: doc.map(Item::Document),
                });
            }
            Command::Back => {
                if self.nav.back() {
                    self.rescroll();
                }
            }
            Command::Forward => {
                if self.nav.forward() {
                    self.rescroll();
                }
            }
            Command::NextMention => self.step_mention(true),
            Command::PrevMention => self.step_mention(false),
            Command::ShowOpenDialog => self.show_open_dialog(),
            Command::ShowDossierDialog(kind) => self.show_dialog(Some(kind)),
            Command::OpenFiles(paths) => {
                // A dossier file among them is opened first; the articles go into it.
                let (dossiers, articles): (Vec<PathBuf>, Vec<PathBuf>) =
                    paths.into_iter().partition(|p| is_dossier_file(p));
                if let Some(path) = dossiers.last() {
                    self.open_dossier(path.clone(), false);
                }
                if !articles.is_empty() {
                    self.start_job(JobKind::Open(
                        articles.into_iter().map(Input::Path).collect(),
                    ));
                }
            }
            Command::OpenDossier(path) => self.open_dossier(path, false),
            Command::NewDossier(path) => self.open_dossier(path, true),
            Command::SaveDossierAs(path) => self.start_job(JobKind::SaveDossierAs(path)),
            Command::Export { kind, path } => self.start_job(JobKind::Export { kind, path }),
            Command::OpenSamples => self.start_job(JobKind::Open(
                SAMPLES
                    .iter()
                    .map(|(name, text)| Input::Embedded {
                        path: PathBuf::from(SAMPLE_DIR).join(name),
                        bytes: text.as_bytes(),
                    })
                    .collect(),
            )),
            Command::CancelLoad => {
                self.pending.clear();
                if let Some(job) = &self.job {
                    job.progress.cancel();
                }
            }
            Command::AskRemove(docs) => {
                let docs = if !docs.is_empty() {
                    docs
                } else if !self.articles.marked.is_empty() {
                    self.articles.marked.iter().copied().collect()
                } else {
                    self.nav.current().doc.into_iter().collect()
                };
                if !docs.is_empty() {
                    self.editor
                        .open(Editor::ConfirmRemove(docs), &self.dossier, &self.index);
                }
            }
            Command::ToggleMark(doc) => {
                if !self.articles.marked.remove(&doc) {
                    self.articles.marked.insert(doc);
                }
            }
            Command::ClearMarks => self.articles.marked.clear(),
            Command::ToggleScope => {
                self.prefs.scope = match self.prefs.scope {
                    Scope::Article => Scope::Dossier,
                    Scope::Dossier => Scope::Article,
                }
            }
            Command::SetScope(scope) => self.prefs.scope = scope,
            Command::SetSort(sort) => self.prefs.sort = sort,
            Command::SetTheme(theme) => self.prefs.theme = theme,
            Command::FocusFind => self.search.open(),
            Command::CloseSearch => self.search.open = false,
            Command::ShowText { doc, span } => {
                let loc = self.locate(Item::Document(doc));
                self.nav.go(loc);
                if let Some(body) = self.dossier.text(doc) {
                    self.text.select_text(doc, &body, span);
                }
                self.text.scroll_to = Some(span.start);
            }
            Command::Dismiss(id) => self.notifications.retain(|n| n.id != id),
            Command::ToggleLog => self.prefs.show_log = !self.prefs.show_log,
            Command::ToggleTimeline => self.prefs.show_timeline = !self.prefs.show_timeline,
            Command::ToggleCard => self.prefs.show_card = !self.prefs.show_card,
            Command::Edit(edit) => {
                if let Edit::RemoveDocuments(docs) = &edit {
                    self.leave_documents(docs);
                }
                self.start_job(JobKind::Edit(edit))
            }
            Command::Undo => self.start_job(JobKind::Undo),
            Command::Redo => self.start_job(JobKind::Redo),
            Command::OpenEditor(editor) => self.editor.open(editor, &self.dossier, &self.index),
            Command::CloseEditor => self.editor.open = None,
            Command::ClearTextSelection => self.text.clear_selection(),
        }
    }

    fn open_dossier(&mut self, path: PathBuf, create: bool) {
        self.nav = Navigation::default();
        self.text.clear_selection();
        self.start_job(JobKind::OpenDossier { path, create });
    }

    /// The search window.
    pub fn search(&self) -> &SearchPanel {
        &self.search
    }

    /// The dossier file in use (`None` until the first article is opened or a dossier is).
    pub fn dossier_path(&self) -> Option<&std::path::Path> {
        self.dossier_path.as_deref()
    }

    /// Moves away from articles about to be removed: the next article is shown.
    fn leave_documents(&mut self, docs: &[DocId]) {
        let cur = self.nav.current().doc;
        if !cur.is_some_and(|d| docs.contains(&d)) {
            return;
        }
        let i = cur.and_then(|d| self.dossier.doc_index(d)).unwrap_or(0);
        let remaining: Vec<DocId> = self
            .dossier
            .documents
            .iter()
            .map(|d| d.id)
            .filter(|d| !docs.contains(d))
            .collect();
        let next = remaining
            .get(i.min(remaining.len().saturating_sub(1)))
            .copied();
        self.nav.replace(Location {
            doc: next,
            item: next.map(Item::Document),
        });
        for d in docs {
            self.articles.marked.remove(d);
        }
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(match self.prefs.theme {
                ThemePref::System => egui::ThemePreference::System,
                ThemePref::Light => egui::ThemePreference::Light,
                ThemePref::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.prefs.theme);
        }
        self.poll_background();
        self.handle_input(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.prefs.show_log {
            egui::Panel::bottom("log")
                .resizable(true)
                .default_size(120.0)
                .show(ui, |ui| {
                    ui.strong("Log");
                    egui::ScrollArea::vertical()
                        .id_salt("log")
                        .stick_to_bottom(true)
                        .auto_shrink(false)
                        .show_rows(ui, 16.0, self.log.len(), |ui, range| {
                            for line in &self.log[range] {
                                ui.label(line);
                            }
                        });
                });
        }
        let view = View::of(
            &self.dossier,
            &self.index,
            self.generation,
            self.nav.current(),
            &self.prefs,
            self.job.is_some() || !self.pending.is_empty(),
        );
        let cmds = &mut self.commands;
        if self.dossier.documents.is_empty() {
            egui::CentralPanel::default().show(ui, |ui| {
                welcome::show(ui, view.prefs, view.busy, cmds);
            });
        } else {
            if self.prefs.show_timeline {
                egui::Panel::bottom("timeline")
                    .resizable(true)
                    .default_size(230.0)
                    .min_size(120.0)
                    .show(ui, |ui| self.timeline.show(ui, &view, cmds));
            }
            egui::Panel::left("sidebar")
                .resizable(true)
                .default_size(300.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    egui::Panel::top("articles")
                        .resizable(true)
                        .default_size(200.0)
                        .min_size(80.0)
                        .show(ui, |ui| self.articles.show(ui, &view, cmds));
                    egui::CentralPanel::default()
                        .show(ui, |ui| self.entities.show(ui, &view, cmds));
                });
            if self.prefs.show_card {
                egui::Panel::right("card")
                    .resizable(true)
                    .default_size(320.0)
                    .min_size(200.0)
                    .show(ui, |ui| self.card.show(ui, &view, cmds));
            }
            let find = self.search.active_query().unwrap_or(&self.entities.filter);
            egui::CentralPanel::default().show(ui, |ui| self.text.show(ui, &view, find, cmds));
            self.editor.show(&ctx, &view, cmds);
            self.search
                .show(&ctx, &view, self.dossier_path.as_deref(), cmds);
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(140));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop files or folders to open them",
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
        }
        self.notifications_overlay(&ctx);

        let commands = self.commands.take();
        let any = !commands.is_empty();
        for command in commands {
            self.apply(command);
        }
        if let (Some(path), Some(doc)) = (self.dossier_path.as_deref(), self.nav.current().doc) {
            self.prefs.remember_article(path, doc);
        }
        if any {
            ctx.request_repaint();
        }
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::STORAGE_KEY, &self.prefs);
    }
}
