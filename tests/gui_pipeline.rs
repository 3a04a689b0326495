//! The viewer on the real analysis pipeline: the sample article opened through the same command
//! the file dialog issues, analysed by the shipped model, lexicons and rules.

mod common;

use std::sync::Arc;

use dossier::gui::Backend;
use dossier::gui::DossierApp;
use dossier::gui::command::{Command, Edit};
use dossier::gui::rows::Emphasis;
use dossier::gui::state::{Item, Prefs};
use dossier::model::{Dct, DctSource};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use common::settle;

/// A fresh folder for the dossier files a test creates (kept under the target directory).
fn dossier_dir() -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("gui-pipeline-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dossier dir");
    dir
}

fn pipeline_harness() -> Harness<'static, DossierApp> {
    pipeline_harness_in(dossier_dir())
}

fn pipeline_harness_in(dir: std::path::PathBuf) -> Harness<'static, DossierApp> {
    let loader = Backend::in_dir(dir);
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
    let Some(path) = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
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
    h.state_mut().push(Command::Edit(Edit::SetDct {
        docs: vec![doc],
        date: Some(date),
    }));
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

/// Opens the sample article with its document date set, so that the timeline has events.
fn sample_with_date(h: &mut Harness<'static, DossierApp>) -> Option<dossier::model::DocId> {
    let path = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt")?;
    h.state_mut().push(Command::OpenFiles(vec![path]));
    settle(h);
    let doc = h.state().dossier().documents[0].id;
    h.state_mut().push(Command::Edit(Edit::SetDct {
        docs: vec![doc],
        date: chrono::NaiveDate::from_ymd_opt(2024, 11, 19),
    }));
    settle(h);
    Some(doc)
}

/// The entities of `doc` with at least `min` mentions there, most mentioned first.
fn entities_with_mentions(
    app: &DossierApp,
    doc: dossier::model::DocId,
    min: usize,
) -> Vec<(dossier::model::EntityId, Vec<usize>)> {
    let (_, analysis) = app.dossier().document(doc).expect("doc");
    let mut by: Vec<(dossier::model::EntityId, Vec<usize>)> = Vec::new();
    for (i, m) in analysis.mentions.iter().enumerate() {
        match by.iter_mut().find(|(e, _)| *e == m.entity) {
            Some((_, v)) => v.push(i),
            None => by.push((m.entity, vec![i])),
        }
    }
    by.retain(|(_, v)| v.len() >= min);
    by.sort_by_key(|(e, v)| (std::cmp::Reverse(v.len()), *e));
    by
}

#[test]
fn event_click_targets_its_sentence() {
    let mut h = pipeline_harness();
    let Some(doc) = sample_with_date(&mut h) else {
        return;
    };
    // The treaty event of 19 June names Putin; select him, then click the event in his card.
    let event = h
        .state()
        .dossier()
        .events
        .iter()
        .find(|e| e.value == "2024-06-19")
        .cloned()
        .expect("the 19 June event");
    let who = *event.entities.first().expect("participants");
    h.state_mut().push(Command::Select(Item::Entity(who)));
    h.run_steps(3);
    let button = h
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.ends_with(&event.label))
        .expect("the event in the entity card");
    h.get_by_role_and_label(Role::Button, &button).click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.location().item, Some(Item::Event(event.id)));
    let model = app.text_model().expect("text model");
    assert_eq!(model.doc, doc);
    let source = event.sources.iter().find(|s| s.doc == doc).expect("source");
    let target = model.target.expect("target sentence");
    assert!(target.contains(source.timex), "{target:?} {source:?}");
    let body = app.dossier().text(doc).expect("text");
    assert!(
        target.slice(&body).contains("19. Juni"),
        "{}",
        target.slice(&body)
    );
    assert!(
        model
            .blocks
            .iter()
            .flat_map(|b| &b.segments)
            .any(|s| s.in_target)
    );
}

#[test]
fn mention_stepping_and_history() {
    let mut h = pipeline_harness();
    let Some(doc) = sample_with_date(&mut h) else {
        return;
    };
    let many = entities_with_mentions(h.state(), doc, 2);
    assert!(many.len() >= 2, "two entities mentioned twice: {many:?}");
    let (first, of) = many[0].clone();
    let (second, _) = many[1].clone();
    // (The entity list draws only the rows in view; selecting by clicking it is tested above.)
    h.state_mut().push(Command::Select(Item::Entity(first)));
    h.run_steps(3);
    h.key_press(egui::Key::N);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, of[0]))
    );
    h.get_by_role_and_label(Role::Button, "Next ›").click();
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, of[1]))
    );
    assert_eq!(h.state().text_model().expect("model").current, Some(of[1]));
    h.key_press(egui::Key::P);
    h.key_press(egui::Key::P);
    h.run_steps(2);
    assert_eq!(
        h.state().location().item,
        Some(mention(h.state(), doc, *of.last().expect("mentions"))),
        "previous from the first wraps to the last"
    );

    // Back and forward through entity selections.
    h.state_mut().push(Command::Select(Item::Entity(second)));
    h.run_steps(3);
    assert_eq!(h.state().location().item, Some(Item::Entity(second)));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(
        h.state().location().entity(h.state().dossier()),
        Some(first)
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().location().item, Some(Item::Entity(second)));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().location().entity(h.state().dossier()), None);
}

#[test]
fn a_failed_file_is_reported_and_the_others_open() {
    let Some(path) = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let mut h = pipeline_harness();
    let binary = tempfile::NamedTempFile::with_suffix(".txt").expect("temp");
    std::fs::write(binary.path(), [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).expect("write");
    h.state_mut().push(Command::OpenFiles(vec![
        std::path::PathBuf::from("/nonexistent/missing-article.txt"),
        path,
        binary.path().to_path_buf(),
    ]));
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), 1);
    let notes = app.notifications();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].text.contains("missing-article.txt"), "{notes:?}");
    let name = binary.path().file_name().expect("name").to_string_lossy();
    assert!(notes[1].text.contains(name.as_ref()), "{notes:?}");
    assert!(h.query_by_label_contains("missing-article.txt").is_some());
}

/// A long article: the selected mention is scrolled into the viewport, also when it is in
/// another article than the one shown.
#[test]
fn a_selected_mention_is_scrolled_into_view() {
    let Some(path) = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read");
    let dir = tempfile::tempdir().expect("temp dir");
    // The sample's body ten times over: about 50 KB, many screens.
    let long = dir.path().join("lang.txt");
    let (head, body) = text.split_once('\n').expect("title line");
    let mut content = format!("{head}\n");
    for _ in 0..10 {
        content.push_str(body);
        content.push_str("\n\n");
    }
    std::fs::write(&long, content).expect("write");
    let mut h = pipeline_harness();
    h.state_mut()
        .push(Command::OpenFiles(vec![path, long.clone()]));
    settle(&mut h);
    let app = h.state();
    let long_doc = app
        .dossier()
        .documents
        .iter()
        .find(|d| d.path.as_deref() == Some(long.as_path()))
        .map(|d| d.id)
        .expect("long article");
    let short_doc = app
        .dossier()
        .documents
        .iter()
        .find(|d| d.id != long_doc)
        .map(|d| d.id)
        .expect("short article");
    let (entity, of) = entities_with_mentions(app, long_doc, 10)
        .into_iter()
        .next()
        .expect("an entity mentioned in every copy");
    let _ = entity;
    // Show the short article, then select a mention near the end of the long one.
    h.state_mut()
        .push(Command::Select(Item::Document(short_doc)));
    h.run_steps(3);
    for &index in [of[of.len() - 2], of[of.len() / 2], of[1]].iter() {
        let item = mention(h.state(), long_doc, index);
        h.state_mut().push(Command::Select(item));
        h.run_steps(4);
        let app = h.state();
        let (_, analysis) = app.dossier().document(long_doc).expect("doc");
        let span = analysis.mentions[index].span;
        let visible = app.text_panel().visible_text().expect("visible text");
        assert!(
            visible.contains(span),
            "mention {index} at {span:?} not in the viewport {visible:?}"
        );
    }
}

/// The selection of mention `index` of `doc`.
fn mention(app: &DossierApp, doc: dossier::model::DocId, index: usize) -> Item {
    let (_, a) = app.dossier().document(doc).expect("doc");
    Item::Mention {
        doc,
        span: a.mentions[index].span,
    }
}

fn entity_id(app: &DossierApp, name: &str) -> Option<dossier::model::EntityId> {
    app.dossier()
        .entities()
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.id)
}

/// Corrections through the viewer's menus and dialog: rename, "not an entity", undo and redo,
/// marking words as a new entity — all written to the dossier file at once and there when the
/// file is opened again in a new window.
#[test]
fn corrections_are_kept_in_the_dossier_file() {
    let dir = dossier_dir();
    let mut h = pipeline_harness_in(dir.clone());
    let Some(doc) = sample_with_date(&mut h) else {
        return;
    };
    let file = h
        .state()
        .dossier_path()
        .expect("a dossier file was created")
        .to_path_buf();
    assert!(file.starts_with(&dir), "{}", file.display());

    // Rename through the context menu of the entity list and the dialog.
    assert!(entity_id(h.state(), "Wladimir Putin").is_some());
    h.get_by_role_and_label(Role::Button, "Wladimir Putin")
        .click_secondary();
    h.run_steps(2);
    h.get_by_label("Rename…").hover();
    h.run_steps(2);
    h.get_by_label("Rename…").click();
    h.run_steps(4);
    let name_field = |h: &Harness<'static, DossierApp>| {
        h.query_all_by_role(Role::TextInput)
            .find(|n| n.accesskit_node().value().as_deref() == Some("Wladimir Putin"))
            .is_some()
    };
    assert!(name_field(&h), "the dialog shows the current name");
    // The dialog focuses its field: select all and type the new name.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.event(egui::Event::Text("Vladimir Putin".into()));
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Rename").click();
    settle(&mut h);
    let app = h.state();
    let putin = entity_id(app, "Vladimir Putin").expect("renamed");
    let aliases = &app.dossier().entity(putin).expect("entity").aliases;
    assert!(aliases.iter().any(|a| a == "Wladimir Putin"), "{aliases:?}");

    // "Not an entity" from the Edit menu (the selected entity).
    let kcna = entity_id(h.state(), "KCNA").expect("KCNA");
    h.state_mut().push(Command::Select(Item::Entity(kcna)));
    h.run_steps(2);
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label("Selected entity").hover();
    h.run_steps(2);
    h.get_by_label("“KCNA” is not an entity (everywhere)…")
        .click();
    settle(&mut h);
    assert!(entity_id(h.state(), "KCNA").is_none(), "rejected");
    let (_, analysis) = h.state().dossier().document(doc).expect("doc");
    let text = &*h.state().dossier().text(doc).expect("text");
    assert!(
        analysis
            .mentions
            .iter()
            .all(|m| m.span.slice(text) != "KCNA"),
        "no mention of KCNA is left"
    );

    // Undo brings KCNA back, redo rejects it again (keys outside text fields).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(1);
    settle(&mut h);
    assert!(entity_id(h.state(), "KCNA").is_some(), "undone");
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_steps(1);
    settle(&mut h);
    assert!(entity_id(h.state(), "KCNA").is_none(), "redone");

    // Mark words of the text as a new organisation.
    let text = h.state().dossier().text(doc).expect("text").to_string();
    let at = text
        .find("Regierungsdelegation")
        .expect("word in the sample");
    let span = dossier::model::Span::new(at, at + "Regierungsdelegation".len());
    h.state_mut().push(Command::Select(Item::Document(doc)));
    h.run_steps(2);
    h.state_mut()
        .push(Command::Edit(dossier::gui::command::Edit::AddMention {
            doc,
            span,
            target: dossier::gui::command::MentionTarget::New {
                name: String::new(),
                entity_type: dossier::model::EntityType::Org,
            },
        }));
    settle(&mut h);
    let marked = entity_id(h.state(), "Regierungsdelegation").expect("marked as an entity");
    assert_eq!(
        h.state()
            .dossier()
            .entity(marked)
            .expect("entity")
            .entity_type,
        dossier::model::EntityType::Org
    );
    drop(h);

    // A new window on the same file shows all of it.
    let mut h = pipeline_harness_in(dir);
    h.state_mut().push(Command::OpenDossier(file.clone()));
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.dossier_path(), Some(file.as_path()));
    assert_eq!(app.dossier().documents.len(), 1);
    assert!(entity_id(app, "Vladimir Putin").is_some());
    assert!(entity_id(app, "Wladimir Putin").is_none());
    assert!(entity_id(app, "KCNA").is_none());
    assert!(entity_id(app, "Regierungsdelegation").is_some());
    let (d, _) = app.dossier().document(doc).expect("doc");
    assert_eq!(
        d.dct.map(|d| d.date),
        chrono::NaiveDate::from_ymd_opt(2024, 11, 19),
        "the document date set in the viewer"
    );
}

/// Dragging over words selects them; the context menu marks them as an entity.
#[test]
fn dragging_over_words_and_marking_them() {
    let mut h = pipeline_harness();
    let Some(doc) = sample_with_date(&mut h) else {
        return;
    };
    h.run_steps(3);
    let text = h.state().dossier().text(doc).expect("text").to_string();
    let at = text
        .find("Handel, Wirtschaft")
        .expect("words in the sample");
    let first = dossier::model::Span::new(at, at + 3);
    let last_at = at + "Handel, Wirt".len();
    let last = dossier::model::Span::new(last_at, last_at + 2);
    let panel = h.state().text_panel();
    let a = panel.span_rect(&text, first).expect("first word on screen");
    let b = panel.span_rect(&text, last).expect("last word on screen");
    let button = |h: &mut Harness<'static, DossierApp>,
                  button: egui::PointerButton,
                  pos: egui::Pos2,
                  pressed: bool| {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    };
    h.event(egui::Event::PointerMoved(a.center()));
    h.step();
    button(&mut h, egui::PointerButton::Primary, a.center(), true);
    h.step();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.event(egui::Event::PointerMoved(a.center().lerp(b.center(), t)));
        h.step();
    }
    button(&mut h, egui::PointerButton::Primary, b.center(), false);
    h.run_steps(2);
    let (sel_doc, sel) = h.state().text_panel().selection().expect("a selection");
    assert_eq!(sel_doc, doc);
    assert_eq!(sel.slice(&text), "Handel, Wirtschaft");

    // Right-click it: mark it as a new entity of type "Other".
    button(&mut h, egui::PointerButton::Secondary, a.center(), true);
    button(&mut h, egui::PointerButton::Secondary, a.center(), false);
    h.run_steps(2);
    h.get_by_label("Mark as a new entity").hover();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Other").click();
    h.run_steps(1);
    settle(&mut h);
    let app = h.state();
    let e = entity_id(app, "Handel, Wirtschaft").expect("new entity");
    assert_eq!(
        app.dossier().entity(e).expect("entity").entity_type,
        dossier::model::EntityType::Oth
    );
    assert!(app.text_panel().selection().is_none(), "selection cleared");
}

/// Ctrl+F searches the full text of the dossier file; a hit opens the article there.
#[test]
fn full_text_search_opens_the_article_at_the_hit() {
    let Some(sample) = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt") else {
        return;
    };
    let mut h = pipeline_harness();
    h.state_mut().push(Command::OpenSamples);
    settle(&mut h);
    h.state_mut().push(Command::OpenFiles(vec![sample]));
    settle(&mut h);
    assert_eq!(h.state().dossier().documents.len(), 6);
    let first = h.state().dossier().documents[0].id;
    h.state_mut().push(Command::Select(Item::Document(first)));
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    // A prefix query, without the umlaut: "Pjöngjang".
    h.event(egui::Event::Text("pjongj*".into()));
    for _ in 0..500 {
        h.step();
        if h.state()
            .search()
            .results()
            .is_some_and(|r| r.query == "pjongj*")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
    let results = h.state().search().results().expect("an answer").clone();
    assert!(results.error.is_none(), "{:?}", results.error);
    assert!(
        !results.hits.is_empty(),
        "Pjöngjang is in the sample article"
    );
    let hit = results.hits[0].clone();
    let body = h.state().dossier().text(hit.doc).expect("text");
    assert_eq!(hit.span.slice(&body), "Pjöngjang");
    // Click the hit in the window.
    let button = h
        .query_all_by_role(Role::Button)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains(&hit.snippet))
        })
        .expect("the hit in the window");
    button.click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.location().doc, Some(hit.doc));
    assert_eq!(app.text_panel().selection(), Some((hit.doc, hit.span)));
    let visible = app.text_panel().visible_text().expect("visible");
    assert!(visible.contains(hit.span), "{visible:?} {:?}", hit.span);
}

/// A dossier of many articles opens with its analyses but without reading their texts: only
/// the article shown and the context rows on screen are read from the file.
#[test]
fn a_large_dossier_opens_without_reading_every_text() {
    const ARTICLES: usize = 80;
    let dir = dossier_dir();
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).expect("articles dir");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let paths = dossier::dev::synth::write_articles(&samples, &articles, ARTICLES, 1500)
        .expect("articles written");
    let file = dir.join("large.dossier");
    let (most_mentioned, in_articles) = {
        let mut store = dossier::store::Store::create(&file).expect("new dossier");
        let analyzer = dossier::analysis::Analyzer::new().expect("analyzer");
        store
            .import_paths(
                &paths,
                &analyzer,
                &dossier::store::ImportOptions::default(),
                &mut |_| {},
            )
            .expect("import");
        let top = store
            .entities()
            .expect("entities")
            .into_iter()
            .max_by_key(|e| e.documents)
            .expect("an entity");
        (top.name, top.documents)
    };
    assert!(
        in_articles > 20,
        "{most_mentioned} is in {in_articles} articles"
    );

    let mut h = pipeline_harness_in(dir);
    h.state_mut().push(Command::OpenDossier(file));
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.dossier().documents.len(), ARTICLES);
    assert!(
        app.dossier().documents.iter().all(|d| d.text.is_empty()),
        "the viewer's dossier holds no texts"
    );
    let stats = app.dossier().text_stats().expect("texts read on demand");
    assert!(
        stats.loads <= 1,
        "only the article shown is read at first: {stats:?}"
    );

    // The card of an entity found in many articles reads only the context rows it shows.
    let entity = entity_id(h.state(), &most_mentioned).expect("entity in the viewer");
    h.state_mut().push(Command::Select(Item::Entity(entity)));
    h.run_steps(4);
    let stats = h.state().dossier().text_stats().expect("stats");
    assert!(
        stats.loads > 1 && stats.loads < 30,
        "{} articles mention {most_mentioned}; texts read: {stats:?}",
        in_articles
    );
    let rows = h
        .query_all_by_role(Role::Button)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with('…'))
        })
        .count();
    assert!(
        rows > 3,
        "context rows of {most_mentioned} are shown: {rows}"
    );
    // Lists draw only the rows on screen: the card's article list and the article panel
    // together show far fewer titles than there are articles.
    let titles: std::collections::HashSet<String> = h
        .state()
        .dossier()
        .documents
        .iter()
        .map(|d| d.title.clone())
        .collect();
    let drawn = h
        .query_all_by_role(Role::Button)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| titles.contains(l.as_str()))
        })
        .count();
    assert!(
        drawn > 2 && drawn < ARTICLES / 2,
        "article titles drawn: {drawn} of {ARTICLES}"
    );
}

/// File › Export writes the dossier's tables; the menu offers every format.
#[test]
fn exporting_from_the_file_menu() {
    let dir = dossier_dir();
    let mut h = pipeline_harness_in(dir.clone());
    if sample_with_date(&mut h).is_none() {
        return;
    }
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run_steps(2);
    h.get_by_label("Export").hover();
    h.run_steps(2);
    for label in [
        "Everything (JSON)…",
        "Entities (CSV)…",
        "Mentions (CSV)…",
        "Events (CSV)…",
        "Articles (CSV)…",
        "Timeline (TimelineJS JSON)…",
    ] {
        h.get_by_label(label);
    }
    h.key_press(egui::Key::Escape);
    h.run_steps(2);

    let csv = dir.join("entities.csv");
    let timeline = dir.join("timeline.json");
    use dossier::store::export::{CsvTable, ExportKind};
    h.state_mut().push(Command::Export {
        kind: ExportKind::Csv(CsvTable::Entities),
        path: csv.clone(),
    });
    h.state_mut().push(Command::Export {
        kind: ExportKind::Timeline,
        path: timeline.clone(),
    });
    settle(&mut h);
    let table = std::fs::read_to_string(&csv).expect("entities written");
    assert!(table.starts_with("id,name,type"), "{table}");
    assert!(table.contains("Kim Jong Un"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&timeline).expect("timeline written"))
            .expect("TimelineJS JSON");
    assert!(
        json["events"].as_array().is_some_and(|e| !e.is_empty()),
        "{json}"
    );
    let log = h.state().log();
    assert!(
        log.iter()
            .any(|n| n.contains("Exported to") && n.contains("entities.csv")),
        "{log:?}"
    );
    // A folder that does not exist: a message, and no file.
    let nowhere = dir.join("missing").join("x.csv");
    h.state_mut().push(Command::Export {
        kind: ExportKind::Csv(CsvTable::Mentions),
        path: nowhere.clone(),
    });
    settle(&mut h);
    assert!(!nowhere.exists());
    assert!(
        h.state()
            .notifications()
            .iter()
            .any(|n| n.text.contains("Cannot export")),
        "the failure is reported"
    );
}

/// A dossier opens at the article the user left it at (else at its first article).
#[test]
fn a_dossier_reopens_at_the_article_left() {
    let dir = dossier_dir();
    let mut h = pipeline_harness_in(dir.clone());
    common::open(&mut h, common::samples());
    let app = h.state();
    let file = app.dossier_path().expect("dossier file").to_path_buf();
    let third = app.dossier().documents[2].id;
    h.state_mut().push(Command::Select(Item::Document(third)));
    h.run_steps(2);
    assert_eq!(h.state().location().doc, Some(third));
    let prefs = h.state().prefs().clone();
    drop(h);

    let reopen = |prefs: Prefs| {
        let loader = Backend::in_dir(dir.clone());
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_eframe(move |cc| {
                DossierApp::with_prefs(cc.egui_ctx.clone(), Arc::new(loader), Vec::new(), prefs)
            });
        h.state_mut().push(Command::OpenDossier(file.clone()));
        settle(&mut h);
        h.state().location().doc
    };
    assert_eq!(reopen(prefs), Some(third), "where the user left it");
    let first = Some(dossier::model::DocId(0));
    assert_eq!(
        reopen(Prefs::default()),
        first,
        "no memory: the first article"
    );
}
