//! Drives the real `DossierApp` with egui_kittest: opening through the loader boundary, entity
//! selection, events, mention stepping, history, failures. Image snapshots are in
//! `gui_snapshots.rs`.

mod common;

use dossier::gui::DossierApp;
use dossier::gui::command::Command;
use dossier::gui::rows::Emphasis;
use dossier::gui::state::{Item, Level, Prefs, Scope};
use dossier::model::{DocId, EntityId};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;

use common::{harness, open, sample, samples, settle};

fn entity_named(app: &DossierApp, name: &str) -> EntityId {
    app.dossier()
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}"))
        .id
}

fn click_entity(h: &mut Harness<'static, DossierApp>, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run_steps(3);
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
    let (doc, _) = app.dossier().document(model.doc).unwrap();
    assert!(
        target
            .slice(&doc.text)
            .contains(source.timex.slice(&doc.text))
    );
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
        Some(Item::Mention { doc, index: of[0] })
    );
    assert_eq!(h.state().text_model().unwrap().current, Some(of[0]));
    h.get_by_role_and_label(Role::Button, "Next ›").click();
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(Item::Mention { doc, index: of[1] })
    );
    h.key_press(egui::Key::P);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(Item::Mention { doc, index: of[0] })
    );
    // Previous from the first wraps to the last.
    h.key_press(egui::Key::P);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(Item::Mention {
            doc,
            index: *of.last().unwrap()
        })
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
    assert_eq!(app.log().len(), 2);
    // Dismiss the first.
    h.query_all_by_label("×")
        .next()
        .expect("dismiss button")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().notifications().len(), 1);
    assert_eq!(h.state().log().len(), 2, "the log keeps it");
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

#[test]
fn document_date_change_moves_the_timeline() {
    let mut h = harness(Prefs {
        scope: Scope::Dossier,
        ..Prefs::default()
    });
    open(&mut h, samples());
    let doc = h.state().dossier().documents[2].id; // "am Freitag", "seit Mittwoch"
    let before = h.state().dossier().events.len();
    h.state_mut().push(Command::SetDct { doc, date: None });
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
    h.state_mut().push(Command::SetDct {
        doc,
        date: Some(date),
    });
    settle(&mut h);
    assert_eq!(h.state().dossier().events.len(), before);
    assert_eq!(h.state().dossier().documents[2].dct.unwrap().date, date);
}

#[test]
fn closing_an_article() {
    let mut h = harness(Prefs::default());
    open(&mut h, samples());
    let first = h.state().location().doc.unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::W);
    h.run_steps(2);
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 4);
    assert!(app.dossier().doc_index(first).is_none());
    assert_ne!(app.location().doc, Some(first));
    assert!(
        app.dossier()
            .events
            .iter()
            .all(|e| e.sources.iter().all(|s| s.doc != DocId(first.0)))
    );
}
