//! Drives the real `DossierApp` with egui_kittest on the real pipeline (the bundled sample
//! dossier): opening through the backend, entity selection, events, mention stepping, history,
//! failures, removing articles and correcting one mention. Image snapshots are in
//! `gui_snapshots.rs`.
#![cfg(feature = "gui")]

mod common;

use dossier::gui::DossierApp;
use dossier::gui::command::{Command, Edit};
use dossier::gui::rows::Emphasis;
use dossier::gui::state::{Item, Level, Prefs, Scope};
use dossier::model::{DocId, EntityId};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;
use std::sync::Arc;

use common::{harness, open, sample, samples, settle};

fn entity_named(app: &DossierApp, name: &str) -> EntityId {
    app.dossier()
        .entities()
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}"))
        .id
}

/// The selection of mention `index` of `doc`.
fn mention(app: &DossierApp, doc: DocId, index: usize) -> Item {
    let (_, a) = app.dossier().document(doc).expect("doc");
    Item::Mention {
        doc,
        span: a.mentions[index].span,
    }
}

fn click_entity(h: &mut Harness<'static, DossierApp>, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run_steps(3);
}

/// The day ranges of the timeline marks of the selection (the marks not faded).
fn selected_marks(h: &Harness<'static, DossierApp>) -> Vec<(i64, i64)> {
    h.state()
        .timeline_marks()
        .iter()
        .filter(|m| !m.faded)
        .map(|m| (m.start, m.end))
        .collect()
}

#[test]
fn opens_samples_through_the_loader() {
    let mut h = harness(Prefs::default());
    h.run_steps(2);
    // Welcome view first.
    h.get_by_label("Open sample dossier");
    open(&mut h, samples());
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 5);
    assert!(app.notifications().is_empty(), "{:?}", app.notifications());
    // The first opened article is shown, with its title as a block.
    let model = app.text_model().expect("text model");
    assert_eq!(model.doc, app.dossier().documents[0].id);
    assert!(
        model.blocks[0]
            .label
            .starts_with("Stromkabel in der Ostsee")
    );
    assert!(!app.timeline_marks().is_empty());
    // The most recently opened first.
    assert_eq!(app.prefs().recent.first(), Some(&samples()[4]));
    assert_eq!(app.prefs().recent.len(), 5);
}

#[test]
fn clicking_an_entity_marks_its_mentions_and_filters_the_timeline() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let vogt = entity_named(h.state(), "Helena Vogt");
    click_entity(&mut h, "Helena Vogt");
    let app = h.state();
    assert_eq!(app.location().item, Some(Item::Entity(vogt)));
    let model = app.text_model().expect("text model");
    let doc = model.doc;
    let (_, analysis) = app.dossier().document(doc).unwrap();
    let want: Vec<usize> = analysis
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.entity == vogt)
        .map(|(i, _)| i)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(model.selected_mentions(), want);
    for (i, m) in analysis.mentions.iter().enumerate() {
        if m.entity != vogt {
            assert_eq!(model.emphasis[i], Emphasis::Faded, "mention {i}");
        }
    }
    let marks = app.timeline_marks();
    assert!(!marks.is_empty());
    let all_events = app.dossier().events.len();
    assert!(marks.len() < all_events, "timeline not filtered");
    for mark in marks {
        let event = app
            .dossier()
            .events
            .iter()
            .find(|e| e.id == mark.event)
            .unwrap();
        assert!(event.entities.contains(&vogt), "{}", event.label);
    }
}

#[test]
fn clicking_an_event_targets_its_sentence() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    click_entity(&mut h, "Tomas Petrauskas");
    let petrauskas = entity_named(h.state(), "Tomas Petrauskas");
    // The card lists the entity's events; click the first one.
    let event = h
        .state()
        .dossier()
        .events
        .iter()
        .find(|e| e.entities.contains(&petrauskas))
        .cloned()
        .expect("an event with Petrauskas");
    let label = h
        .query_all_by_role(Role::Button)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.ends_with(&event.label))
        })
        .expect("event button in the card")
        .accesskit_node()
        .label()
        .unwrap();
    h.get_by_role_and_label(Role::Button, &label).click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.location().item, Some(Item::Event(event.id)));
    let model = app.text_model().unwrap();
    let source = event.sources.iter().find(|s| s.doc == model.doc).unwrap();
    let target = model.target.expect("target sentence");
    assert!(target.contains(source.timex), "{target:?} {source:?}");
    let text = app.dossier().text(model.doc).unwrap();
    let timex = source.timex.slice(&text);
    assert!(!timex.is_empty());
    assert!(target.slice(&text).contains(timex));
    // The target is drawn: segments in it are flagged.
    assert!(
        model
            .blocks
            .iter()
            .flat_map(|b| &b.segments)
            .any(|s| s.in_target)
    );
}

#[test]
fn next_and_previous_mention() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let id = entity_named(h.state(), "Nordwind Netz AG");
    click_entity(&mut h, "Nordwind Netz AG");
    let doc = h.state().location().doc.unwrap();
    let of: Vec<usize> = {
        let (_, a) = h.state().dossier().document(doc).unwrap();
        a.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.entity == id)
            .map(|(i, _)| i)
            .collect()
    };
    assert!(of.len() >= 2, "need two mentions, got {of:?}");
    h.key_press(egui::Key::N);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, of[0]))
    );
    assert_eq!(h.state().text_model().unwrap().current, Some(of[0]));
    h.get_by_role_and_label(Role::Button, "Next ›").click();
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, of[1]))
    );
    h.key_press(egui::Key::P);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, of[0]))
    );
    // Previous from the first wraps to the last.
    h.key_press(egui::Key::P);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, *of.last().unwrap()))
    );
    // Esc clears the selection.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().location().entity(h.state().dossier()), None);
}

#[test]
fn back_and_forward() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let vogt = entity_named(h.state(), "Helena Vogt");
    let kiel = entity_named(h.state(), "Kiel");
    click_entity(&mut h, "Helena Vogt");
    click_entity(&mut h, "Kiel");
    assert_eq!(h.state().location().item, Some(Item::Entity(kiel)));
    h.get_by_role_and_label(Role::Button, "‹ Back").click();
    h.run_steps(2);
    assert_eq!(h.state().location().item, Some(Item::Entity(vogt)));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().location().item, Some(Item::Entity(kiel)));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().location().item, Some(Item::Entity(vogt)));
}

#[test]
fn failed_file_shows_a_notification_and_the_others_open() {
    let mut h = harness(Prefs::default());
    let missing = PathBuf::from("/nonexistent/dossier/missing-article.txt");
    let empty = tempfile::NamedTempFile::with_suffix(".txt").unwrap();
    open(
        &mut h,
        vec![
            missing,
            sample("01-kabel-beschaedigt.txt"),
            empty.path().to_path_buf(),
        ],
    );
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 1);
    let notes = app.notifications();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.iter().all(|n| n.level == Level::Error));
    assert!(
        notes[0].text.contains("missing-article.txt"),
        "{}",
        notes[0].text
    );
    assert!(notes[1].text.contains("empty"), "{}", notes[1].text);
    let logged = |app: &DossierApp| {
        app.log()
            .iter()
            .filter(|l| l.starts_with("Cannot open"))
            .count()
    };
    assert_eq!(logged(app), 2, "{:?}", app.log());
    // Dismiss the first.
    h.query_all_by_label("×")
        .next()
        .expect("dismiss button")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().notifications().len(), 1);
    assert_eq!(logged(h.state()), 2, "the log keeps it");
}

#[test]
fn opening_an_open_file_focuses_it() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let third = h.state().dossier().documents[2].id;
    open(&mut h, vec![sample("03-vogt-bruessel.txt")]);
    assert_eq!(h.state().dossier().documents.len(), 5);
    assert_eq!(h.state().location().doc, Some(third));
    assert!(h.state().notifications().is_empty());
}

/// A selected entity whose events are all out of view gets them framed.
#[test]
fn selecting_an_entity_frames_its_events_when_none_is_in_view() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    // Pan two widths to the right of every event (arrow keys over the timeline).
    let before = h.state().timeline_days();
    h.get_by_role_and_label(Role::Canvas, "Timeline").hover();
    h.run_steps(1);
    for _ in 0..12 {
        h.key_press(egui::Key::ArrowRight);
        h.run_steps(1);
    }
    let (first, last) = h.state().timeline_days();
    assert!(
        first > before.1,
        "panned away: {before:?} -> {first}..{last}"
    );
    click_entity(&mut h, "Helena Vogt");
    h.run_steps(2);
    let marks = selected_marks(&h);
    assert!(marks.len() > 1, "{marks:?}");
    let inside = |(a, b): (f64, f64), (s, e): (i64, i64)| (e + 1) as f64 > a && (s as f64) < b;
    assert!(
        !marks.iter().any(|m| inside((first, last), *m)),
        "precondition: none of Vogt's events was in view"
    );
    let framed = h.state().timeline_days();
    for m in &marks {
        assert!(
            framed.0 <= m.0 as f64 && (m.1 + 1) as f64 <= framed.1,
            "{m:?} framed in {framed:?}"
        );
    }
    // The user's own zoom is kept while the selection stays.
    h.get_by_label("-").click();
    h.run_steps(2);
    let zoomed_out = h.state().timeline_days();
    assert!(zoomed_out.1 - zoomed_out.0 > framed.1 - framed.0);
}

/// Zoomed far out, a selected entity's events are all in view but tiny: they are framed too.
#[test]
fn selecting_an_entity_frames_its_events_when_they_are_tiny_in_view() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    for _ in 0..12 {
        h.get_by_label("-").click();
        h.run_steps(1);
    }
    let (first, last) = h.state().timeline_days();
    click_entity(&mut h, "Helena Vogt");
    h.run_steps(2);
    let shown = selected_marks(&h);
    let lo = shown.iter().map(|m| m.0).min().expect("events") as f64;
    let hi = shown.iter().map(|m| m.1 + 1).max().expect("events") as f64;
    assert!(
        first <= lo && hi <= last && (hi - lo) * 4.0 < last - first,
        "precondition: in view but small: {lo}..{hi} in {first}..{last}"
    );
    let framed = h.state().timeline_days();
    assert!(framed.0 <= lo && hi <= framed.1, "{lo}..{hi} in {framed:?}");
    assert!(
        framed.1 - framed.0 <= ((hi - lo).max(14.0)) * 1.5,
        "framed tightly: {framed:?} for {lo}..{hi}"
    );
}

#[test]
fn document_date_change_moves_the_timeline() {
    let mut h = harness(Prefs {
        scope: Scope::Dossier,
        ..Prefs::default()
    });
    open(&mut h, samples());
    let doc = h.state().dossier().documents[2].id; // "am Freitag", "seit Mittwoch"
    let before = h.state().dossier().events.len();
    h.state_mut().push(Command::Edit(Edit::SetDct {
        docs: vec![doc],
        date: None,
    }));
    settle(&mut h);
    let app = h.state();
    assert!(app.dossier().events.len() < before);
    assert!(app.dossier().documents[2].dct.is_none());
    assert!(
        app.dossier().analyses[2]
            .timexes
            .iter()
            .any(|t| t.unresolved),
        "relative dates become unresolved"
    );
    h.get_by_label("Not on the timeline (4)");
    let date = chrono::NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
    h.state_mut().push(Command::Edit(Edit::SetDct {
        docs: vec![doc],
        date: Some(date),
    }));
    settle(&mut h);
    assert_eq!(h.state().dossier().events.len(), before);
    assert_eq!(h.state().dossier().documents[2].dct.unwrap().date, date);
}

/// Ctrl+W removes nothing; Delete asks first, naming the article and what goes with it; the
/// removal is logged and Ctrl+Z brings the article back with its date and corrections.
#[test]
fn removing_an_article_asks_first_and_undo_brings_it_back() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let first = h.state().location().doc.unwrap();
    // A date and a correction about the article, to see them come back.
    let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 7).unwrap();
    h.state_mut().push(Command::Edit(Edit::SetDct {
        docs: vec![first],
        date: Some(date),
    }));
    settle(&mut h);
    let (_, analysis) = h.state().dossier().document(first).unwrap();
    let removed_span = analysis.mentions[0].span;
    h.state_mut().push(Command::Edit(Edit::RemoveMention {
        doc: first,
        span: removed_span,
    }));
    settle(&mut h);
    let before = h.state().dossier().document(first).unwrap().1.clone();

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::W);
    h.run_steps(2);
    assert!(!h.state().is_busy());
    assert_eq!(
        h.state().dossier().documents.len(),
        5,
        "Ctrl+W removed nothing"
    );

    h.key_press(egui::Key::Delete);
    h.run_steps(3);
    assert_eq!(h.state().dossier().documents.len(), 5, "Delete only asks");
    let title = h.state().dossier().documents[0].title.clone();
    assert!(h.query_by_label_contains(&format!("“{title}”")).is_some());
    assert!(
        h.query_by_label_contains("go with it").is_some(),
        "the dialog says what goes with the article"
    );
    h.get_by_role_and_label(Role::Button, "Remove article")
        .click();
    h.run_steps(1);
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 4);
    assert!(app.dossier().doc_index(first).is_none());
    assert_ne!(app.location().doc, Some(first));
    assert!(
        app.dossier()
            .events
            .iter()
            .all(|e| e.sources.iter().all(|s| s.doc != first))
    );
    assert!(
        app.log().iter().any(|l| l.starts_with("Removed article")),
        "{:?}",
        app.log()
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(1);
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 5);
    let (doc, after) = app.dossier().document(first).expect("back");
    assert_eq!(doc.dct.map(|d| d.date), Some(date), "its date is back");
    assert_eq!(after.mentions, before.mentions, "its corrections are back");
    assert!(!after.mentions.iter().any(|m| m.span == removed_span));
}

/// Right-click a mention, "This mention is…", a new entity: only that mention moves, the
/// status line says so, and undo puts it back.
#[test]
fn one_mention_is_reassigned_to_a_new_entity() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    h.run_steps(3);
    // A mention of an entity that has other mentions, on screen.
    let doc = h.state().location().doc.unwrap();
    let text = h.state().dossier().text(doc).unwrap().to_string();
    let (m, others) = {
        let app = h.state();
        let (_, a) = app.dossier().document(doc).unwrap();
        let m = a
            .mentions
            .iter()
            .filter(|m| m.variant == dossier::model::Variant::Name)
            .find(|m| {
                app.dossier()
                    .analyses
                    .iter()
                    .flat_map(|a| &a.mentions)
                    .filter(|o| o.entity == m.entity)
                    .count()
                    > 1
                    && app.text_panel().span_rect(&text, m.span).is_some()
            })
            .cloned()
            .expect("a mention of an entity named twice, on screen");
        let others: Vec<(DocId, dossier::model::Span)> = app
            .dossier()
            .documents
            .iter()
            .zip(&app.dossier().analyses)
            .flat_map(|(d, a)| {
                a.mentions
                    .iter()
                    .filter(|o| o.entity == m.entity && !(d.id == doc && o.span == m.span))
                    .map(move |o| (d.id, o.span))
            })
            .collect();
        (m, others)
    };
    let old = h.state().dossier().entity(m.entity).unwrap().name.clone();
    let written = m.span.slice(&text).to_string();
    let rect = h.state().text_panel().span_rect(&text, m.span).unwrap();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: rect.center(),
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "This mention is…")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Only this one mention changes")
            .is_some()
    );
    let button = format!("New {}", dossier::gui::theme::type_name(m.entity_type));
    h.get_by_role_and_label(Role::Button, &button).click();
    h.run_steps(1);
    settle(&mut h);
    let app = h.state();
    let (_, a) = app.dossier().document(doc).unwrap();
    let moved = a
        .mentions
        .iter()
        .find(|x| x.span == m.span)
        .expect("still a mention");
    assert_ne!(moved.entity, m.entity, "the mention moved");
    let new = app.dossier().entity(moved.entity).unwrap();
    assert_eq!(new.name, written.trim());
    for (d, span) in &others {
        let (_, a) = app.dossier().document(*d).unwrap();
        assert_eq!(
            a.mentions
                .iter()
                .find(|x| x.span == *span)
                .map(|x| x.entity),
            Some(m.entity),
            "the other mentions stay"
        );
    }
    let said = app.log().last().cloned().unwrap_or_default();
    assert_eq!(
        said,
        format!(
            "1 mention of “{}” in article {doc} moved from “{old}” to “{}” (new {})",
            written.trim(),
            new.name,
            match m.entity_type {
                dossier::model::EntityType::Per => "person",
                dossier::model::EntityType::Org => "organisation",
                dossier::model::EntityType::Loc => "place",
                dossier::model::EntityType::Oth => "other name",
            }
        )
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(1);
    settle(&mut h);
    let (_, a) = h.state().dossier().document(doc).unwrap();
    assert_eq!(
        a.mentions
            .iter()
            .find(|x| x.span == m.span)
            .map(|x| x.entity),
        Some(m.entity),
        "undo puts it back"
    );
}

/// Several articles marked with Ctrl+click are removed in one step, and one undo brings them
/// all back.
#[test]
fn removing_marked_articles_is_one_undoable_step() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let docs: Vec<DocId> = h.state().dossier().documents.iter().map(|d| d.id).collect();
    for doc in &docs[1..3] {
        h.state_mut().push(Command::ToggleMark(*doc));
    }
    h.run_steps(2);
    h.key_press(egui::Key::Delete);
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Remove 2 articles")
        .click();
    h.run_steps(1);
    settle(&mut h);
    assert_eq!(h.state().dossier().documents.len(), 3);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(1);
    settle(&mut h);
    let ids: Vec<DocId> = h.state().dossier().documents.iter().map(|d| d.id).collect();
    assert_eq!(ids, docs, "one undo brings both back");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_folder_opens_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["01-kabel-beschaedigt.txt", "04-anchor-found.txt"] {
        std::fs::copy(sample(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("picture.png"), b"\x89PNG").unwrap();
    let mut h = harness(Prefs::default());
    h.run_steps(1);
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().to_path_buf())));
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 2, "{:?}", app.log());
    assert!(app.notifications().is_empty());
}

#[test]
fn loading_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let samples_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let files =
        dossier::dev::synth::write_articles(&samples_dir, dir.path(), 300, 1500).expect("articles");
    let mut h = harness(Prefs::default());
    h.state_mut().push(Command::OpenFiles(files));
    h.run_steps(3);
    assert!(h.state().is_busy());
    // The progress bar's cancel button.
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    settle(&mut h);
    let app = h.state();
    assert!(app.dossier().documents.len() < 300);
    assert!(
        app.notifications()
            .iter()
            .any(|n| n.level == Level::Info && n.text.contains("cancelled")),
        "{:?}",
        app.notifications()
    );
}

#[test]
fn ctrl_f_searches_entities_and_marks_the_text() {
    let mut h = harness(Prefs {
        scope: Scope::Dossier,
        ..Prefs::default()
    });
    open(&mut h, samples());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("netz".into()));
    h.run_steps(3);
    assert!(h.state().search().open, "Ctrl+F opens the search window");
    assert_eq!(
        h.state().search().query,
        "netz",
        "typed into the search box"
    );
    // The window lists the matching entities (by name or alias), and only those.
    let window = h.get_by_label("Search dossier");
    let _ = window;
    let in_window: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter(|n| {
            let r = n.rect();
            r.min.x > 800.0
        })
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let matching: Vec<String> = h
        .state()
        .dossier()
        .entities()
        .iter()
        .filter(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| n.to_lowercase().contains("netz"))
        })
        .map(|e| e.name.clone())
        .collect();
    assert!(
        matching.iter().any(|n| n == "Nordwind Netz AG"),
        "{matching:?}"
    );
    for name in &matching {
        assert!(in_window.contains(name), "{name} missing: {in_window:?}");
    }
    assert!(!in_window.iter().any(|n| n == "Kiel"), "{in_window:?}");
    // The articles are searched too (the dossier file's full-text index).
    for _ in 0..200 {
        h.step();
        if h.query_by_label_contains("In articles (").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(h.query_by_label_contains("In articles (").is_some());
    // The same text is found in the article.
    let app = h.state();
    let model = app.text_model().unwrap();
    let text = app.dossier().text(model.doc).unwrap();
    let want = text.to_lowercase().matches("netz").count();
    assert!(want >= 2);
    assert_eq!(model.find, "netz");
    assert_eq!(model.matches, want);
    let found: usize = model
        .blocks
        .iter()
        .flat_map(|b| &b.segments)
        .filter(|s| s.found)
        .map(|s| s.span.len())
        .sum();
    assert_eq!(found, want * "netz".len());
    // Typing in the search box does not trigger the N/P shortcuts.
    assert_eq!(h.state().location().entity(h.state().dossier()), None);
}

#[test]
fn the_welcome_view_opens_the_sample_dossier() {
    let mut h = harness(Prefs::default());
    h.run_steps(1);
    h.get_by_role_and_label(Role::Button, "Open sample dossier")
        .click();
    h.run_steps(1);
    settle(&mut h);
    let app = h.state();
    assert!(app.notifications().is_empty(), "{:?}", app.notifications());
    assert_eq!(app.dossier().documents.len(), 5);
    assert!(!app.dossier().entities().is_empty());
    let model = app.text_model().expect("an article is shown");
    assert!(model.blocks.len() > 2);
}

/// A 1 MB article: laid out once, only the visible part drawn, scrolling moves through it
/// without laying it out again.
#[test]
fn a_one_megabyte_article_scrolls_without_relayout() {
    let one = std::fs::read_to_string(sample("01-kabel-beschaedigt.txt")).unwrap();
    let (title, body) = one.split_once('\n').unwrap();
    let mut text = format!("{title}\n");
    while text.len() < 1_000_000 {
        text.push_str(body);
        text.push_str("\n\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("megabyte.txt");
    std::fs::write(&path, &text).unwrap();
    let mut h = harness(Prefs::default());
    open(&mut h, vec![path]);
    h.run_steps(3);
    let blocks = h.state().text_model().unwrap().blocks.len();
    assert!(blocks > 1000, "{blocks} blocks");
    let layouts = h.state().text_panel().layouts();
    let start = h.state().text_panel().visible_text().expect("visible text");
    h.hover_at(egui::pos2(700.0, 500.0));
    for _ in 0..60 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
        let panel = h.state().text_panel();
        assert!(
            panel.drawn_blocks() < 60,
            "{} of {blocks} blocks drawn",
            panel.drawn_blocks()
        );
    }
    h.run_steps(2);
    let panel = h.state().text_panel();
    let end = panel.visible_text().expect("visible text");
    assert!(
        end.start > start.end,
        "scrolling moved on: {start:?} → {end:?}"
    );
    assert_eq!(panel.layouts(), layouts, "no new layout while scrolling");

    // Selecting an entity changes the marks of thousands of blocks, but only the visible ones
    // are laid out again, and the text stays where it is.
    let relaid = panel.relaid_blocks();
    let doc = h.state().location().doc.unwrap();
    let entity = h.state().dossier().document(doc).unwrap().1.mentions[0].entity;
    h.state_mut().push(Command::Select(Item::Entity(entity)));
    h.run_steps(3);
    let panel = h.state().text_panel();
    assert_eq!(
        panel.layouts(),
        layouts,
        "no full layout for a new selection"
    );
    let again = panel.relaid_blocks() - relaid;
    assert!(again > 0 && again < 60, "{again} blocks laid out again");
    let model = h.state().text_model().unwrap();
    assert!(model.emphasis.contains(&Emphasis::Faded));
}

/// Texts that cannot be read from the dossier file.
#[derive(Debug)]
struct Unreadable;

impl dossier::analysis::TextSource for Unreadable {
    fn load(&self, _doc: dossier::model::DocId) -> Option<std::sync::Arc<str>> {
        None
    }

    fn last_error(&self) -> Option<String> {
        Some("disk I/O error".into())
    }
}

/// An article whose text cannot be read says so (and why) instead of showing nothing.
#[test]
fn an_unreadable_text_is_reported() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let mut d = h.state().dossier().clone();
    for doc in &mut d.documents {
        Arc::make_mut(doc).text.clear();
    }
    let d = d.with_texts(std::sync::Arc::new(Unreadable));
    h.state_mut().load_dossier(d);
    h.run_steps(3);
    assert!(h.state().location().doc.is_some());
    let shown = h
        .query_by_label_contains("cannot be read from the dossier file: disk I/O error")
        .is_some();
    assert!(shown, "the failure is shown");
}
