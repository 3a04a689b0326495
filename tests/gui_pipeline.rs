//! The viewer on the real analysis pipeline: the sample article opened through the same command
//! the file dialog issues, analysed by the shipped model, lexicons and rules.

mod common;

use std::sync::Arc;

use dossier::gui::DossierApp;
use dossier::gui::PipelineLoader;
use dossier::gui::command::Command;
use dossier::gui::rows::Emphasis;
use dossier::gui::state::{Item, Prefs};
use dossier::model::{Dct, DctSource};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use common::settle;

fn pipeline_harness() -> Harness<'static, DossierApp> {
    let loader = PipelineLoader::new();
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            DossierApp::with_prefs(
                cc.egui_ctx.clone(),
                Arc::new(loader),
                Vec::new(),
                Prefs::default(),
            )
        })
}

#[test]
fn sample_article_entity_selection_and_document_date() {
    let Some(path) = dossier::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let mut h = pipeline_harness();
    h.state_mut().push(Command::OpenFiles(vec![path]));
    settle(&mut h);
    assert!(h.state().notifications().is_empty());
    assert_eq!(h.state().dossier().documents.len(), 1);

    // Without a document date nothing relative can be placed on the timeline.
    assert!(h.state().timeline_marks().is_empty());

    // Setting the date in the viewer resolves "am Dienstag", "19. Juni", ... at once.
    let doc = h.state().dossier().documents[0].id;
    let date = chrono::NaiveDate::from_ymd_opt(2024, 11, 19).expect("date");
    h.state_mut().push(Command::SetDct {
        doc,
        date: Some(date),
    });
    settle(&mut h);
    let (d, _) = h.state().dossier().document(doc).expect("doc");
    assert_eq!(
        d.dct,
        Some(Dct {
            date,
            source: DctSource::User
        })
    );
    let values: Vec<String> = h
        .state()
        .dossier()
        .events
        .iter()
        .map(|e| e.value.clone())
        .collect();
    assert!(values.contains(&"2024-06-19".to_string()), "{values:?}");
    assert!(values.contains(&"2024-11-06".to_string()), "{values:?}");
    // The date field shows the date that was set, whoever set it.
    assert!(
        h.query_all_by_role(Role::TextInput)
            .any(|n| n.accesskit_node().value().as_deref() == Some("2024-11-19")),
        "the document-date field shows the date"
    );
    let all_marks = h.state().timeline_marks().len();
    assert!(all_marks >= 2);

    // Clicking Putin in the entity list selects him, marks his mentions and fades the rest.
    let putin = h
        .state()
        .dossier()
        .entities()
        .iter()
        .find(|e| e.name == "Wladimir Putin")
        .map(|e| e.id)
        .expect("Putin is an entity");
    h.get_by_role_and_label(Role::Button, "Wladimir Putin")
        .click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.location().item, Some(Item::Entity(putin)));
    let model = app.text_model().expect("text model");
    let (_, analysis) = app.dossier().document(doc).expect("doc");
    let selected = model.selected_mentions();
    assert!(!selected.is_empty());
    for (i, m) in analysis.mentions.iter().enumerate() {
        let want = if m.entity == putin {
            Emphasis::Selected
        } else {
            Emphasis::Faded
        };
        assert_eq!(model.emphasis[i], want, "mention {i}");
    }
    // The timeline keeps Putin's event (the treaty signed in Pjöngjang) and hides or fades the
    // others.
    let kept: Vec<&str> = app
        .timeline_marks()
        .iter()
        .filter(|m| !m.faded)
        .map(|m| m.label.as_str())
        .collect();
    assert!(!kept.is_empty() && kept.len() < all_marks, "{kept:?}");
}
