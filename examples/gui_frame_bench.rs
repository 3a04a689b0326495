//! Frame-time benchmark of the viewer on the real pipeline, measured headless with egui_kittest
//! (CPU time of `Harness::step`: layout and tessellation, no GPU rendering).
//!
//! 1. 200 news articles (the 183 English TimeBank articles and the 17 longest German SmartData
//!    documents, read from the shared data at run time and written to a temporary folder as
//!    `.json` articles with their publication date) opened through the same command the file
//!    dialog issues and analysed by the shipped model, lexicons and rules; the most mentioned
//!    entity selected.
//! 2. One article of 1 MB (those texts repeated), scrolled through.
//! 3. A dossier file of 1,000 synthetic articles (≈ 3 MB, built from the project's sample
//!    articles by `dossier::dev::synth`) imported with the store, then opened in a new
//!    window: the time until the first view, and frames with the whole dossier listed.
//!
//! Run in release: `cargo run --release --example gui_frame_bench`
//! (`DOSSIER_SHARED` points elsewhere than `../shared`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::gui::command::Command;
use dossier::gui::state::{Item, Prefs};
use dossier::gui::{Backend, DossierApp};
use egui_kittest::Harness;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn harness(dir: &std::path::Path) -> Harness<'static, DossierApp> {
    let loader = Backend::in_dir(dir);
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(10_000)
        .allow_missing_glyphs()
        .build_eframe(move |cc| {
            DossierApp::with_prefs(
                cc.egui_ctx.clone(),
                Arc::new(loader),
                Vec::new(),
                Prefs::default(),
            )
        })
}

/// Steps until the loader is done; returns the wall time.
fn open(h: &mut Harness<'static, DossierApp>, paths: Vec<PathBuf>) -> Duration {
    let t = Instant::now();
    h.state_mut().push(Command::OpenFiles(paths));
    h.step();
    while h.state().is_busy() {
        std::thread::sleep(Duration::from_millis(2));
        h.step();
    }
    h.run_steps(3);
    t.elapsed()
}

fn frames(h: &mut Harness<'static, DossierApp>, scroll: bool) -> Duration {
    h.hover_at(egui::pos2(700.0, 450.0));
    let times = (0..300)
        .map(|_| {
            if scroll {
                h.event(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, -40.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: egui::Modifiers::NONE,
                });
            }
            let t = Instant::now();
            h.step();
            t.elapsed()
        })
        .collect();
    median(times)
}

fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (Some(timebank), Some(smartdata)) = (
        dossier::dev::shared::shared_path("data/timebank"),
        dossier::dev::shared::shared_path("data/smartdata/dev.json.gz"),
    ) else {
        return Err("the shared data (TimeBank, SmartData) is needed".into());
    };
    // (title, text, date): every TimeBank article (English news), then the longest German
    // SmartData documents up to 200.
    let mut articles: Vec<(String, String, Option<chrono::NaiveDate>)> = Vec::new();
    let mut tml: Vec<PathBuf> = std::fs::read_dir(&timebank)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    tml.sort();
    for path in tml.iter().take(200) {
        let doc = dossier::dev::timeml::read_tml(path)?;
        articles.push((doc.id, doc.text, doc.dct));
    }
    let mut german = dossier::dev::time_eval::read_smartdata(&smartdata)?;
    german.sort_by_key(|d| std::cmp::Reverse(d.text.len()));
    for d in german.into_iter().take(200 - articles.len()) {
        let title = d
            .text
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(120)
            .collect();
        articles.push((title, d.text, d.dct));
    }
    let dir = tempfile::tempdir()?;
    let mut paths = Vec::new();
    let mut bytes = 0;
    for (i, (title, text, date)) in articles.iter().enumerate() {
        let article = serde_json::json!({
            "title": title,
            "text": text,
            "date": date.map(|d| d.to_string()),
        });
        let path = dir.path().join(format!("{i:03}.json"));
        std::fs::write(&path, serde_json::to_vec(&article)?)?;
        bytes += text.len();
        paths.push(path);
    }
    println!("before opening: {}", rss());

    let mut h = harness(dir.path());
    h.run_steps(2);
    let load = open(&mut h, paths);
    let app = h.state();
    let (entity, count) = {
        let mut counts = std::collections::HashMap::new();
        for (_, a) in app.dossier().documents.iter().zip(&app.dossier().analyses) {
            for m in &a.mentions {
                *counts.entry(m.entity).or_insert(0usize) += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(e, n)| (n, std::cmp::Reverse(e)))
            .ok_or("no entity")?
    };
    println!(
        "{} articles ({:.2} MB), {} entities, {} events, opened and analysed in {:.2} s",
        app.dossier().documents.len(),
        bytes as f64 / 1e6,
        app.dossier().entities().len(),
        app.dossier().events.len(),
        load.as_secs_f64()
    );
    let name = app.dossier().entity(entity).map(|e| e.name.clone());
    h.state_mut().push(Command::Select(Item::Entity(entity)));
    h.run_steps(5);
    println!("selected: {name:?} ({count} mentions)");
    println!("  median frame without input: {:?}", frames(&mut h, false));
    println!("  median frame while scrolling: {:?}", frames(&mut h, true));
    println!("  memory: {}", rss());
    drop(h);

    // One long article.
    let mut long = String::from("Ein langes Dossier\n\n");
    'fill: loop {
        for (_, text, _) in &articles {
            long.push_str(text);
            long.push_str("\n\n");
            if long.len() >= 1_000_000 {
                break 'fill;
            }
        }
    }
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &long)?;
    let mut h = harness(dir.path());
    h.run_steps(2);
    let load = open(&mut h, vec![path]);
    println!(
        "1 article of {:.2} MB opened and analysed in {:.2} s; {} blocks",
        long.len() as f64 / 1e6,
        load.as_secs_f64(),
        h.state().text_model().map_or(0, |m| m.blocks.len())
    );
    let first = h.state().dossier().analyses[0]
        .mentions
        .first()
        .map(|m| m.entity);
    if let Some(e) = first {
        h.state_mut().push(Command::Select(Item::Entity(e)));
        h.step();
        let t = Instant::now();
        h.step();
        println!(
            "  frame after selecting an entity (new marks, visible blocks laid out again): {:?}",
            t.elapsed()
        );
    }
    println!("  median frame without input: {:?}", frames(&mut h, false));
    println!("  median frame while scrolling: {:?}", frames(&mut h, true));
    println!(
        "  layouts: {} (cached while scrolling)",
        h.state().text_panel().layouts()
    );
    println!("  memory: {}", rss());
    drop(h);

    // A dossier of 1,000 articles, opened.
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let many = tempfile::tempdir()?;
    let files = dossier::dev::synth::write_articles(&samples, many.path(), 1000, 3000)?;
    let file = dir.path().join("thousand.dossier");
    let t = Instant::now();
    let mut store = dossier::store::Store::create(&file)?;
    let analyzer = dossier::analysis::Analyzer::new()?;
    let report = store.import_paths(
        &files,
        &analyzer,
        &dossier::store::ImportOptions::default(),
        &mut |_| {},
    )?;
    drop(store);
    println!(
        "dossier of {} articles imported in {:.2} s",
        report.added.len(),
        t.elapsed().as_secs_f64()
    );
    let mut h = harness(dir.path());
    h.run_steps(2);
    let t = Instant::now();
    h.state_mut().push(Command::OpenDossier(file));
    h.step();
    while h.state().is_busy() {
        std::thread::sleep(Duration::from_millis(2));
        h.step();
    }
    h.step();
    println!(
        "  opened in the viewer (first view drawn): {:.0} ms; {} articles, {} entities",
        t.elapsed().as_secs_f64() * 1000.0,
        h.state().dossier().documents.len(),
        h.state().dossier().entities().len()
    );
    println!(
        "  texts read to show it: {:?}",
        h.state().dossier().text_stats()
    );
    println!("  median frame without input: {:?}", frames(&mut h, false));
    // The entity in most articles: its card lists a context row for every mention.
    let index = dossier::gui::rows::DossierIndex::build(h.state().dossier());
    if let Some(top) = h
        .state()
        .dossier()
        .entities()
        .iter()
        .max_by_key(|e| index.total(e.id))
    {
        let (id, name, n) = (top.id, top.name.clone(), index.total(top.id));
        let t = Instant::now();
        h.state_mut().push(Command::Select(Item::Entity(id)));
        h.run_steps(2);
        println!(
            "  {name:?} ({n} mentions) selected: {:.0} ms for two frames; texts {:?}",
            t.elapsed().as_secs_f64() * 1000.0,
            h.state().dossier().text_stats()
        );
    }
    println!("  memory: {}", rss());
    Ok(())
}
