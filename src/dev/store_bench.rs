//! `dossier bench-store`: import of 1,000 articles (≈ 3 MB, generated from the project's sample
//! articles with varied sentences, see [`crate::dev::synth`]), reopening, search, corrections.
//! Use a release build:
//!
//! ```text
//! cargo run --release --no-default-features -- bench-store [--articles 1000] [--bytes 3000]
//! ```

use std::path::Path;
use std::time::Instant;

use crate::analysis::Analyzer;
use crate::correct::Correction;
use crate::dev::synth;
use crate::store::{ImportOptions, Store};

/// Runs the benchmark with `n` articles of about `bytes` bytes, working in a new folder under
/// `work` (removed afterwards), and prints the figures.
pub fn run(n: usize, bytes: usize, work: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let dir = work.join(format!("dossier-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    struct Cleanup<'a>(&'a Path);
    impl Drop for Cleanup<'_> {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(self.0);
        }
    }
    let _cleanup = Cleanup(&dir);
    let articles = dir.join("articles");
    std::fs::create_dir(&articles)?;
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let samples = if samples.is_dir() {
        samples
    } else {
        Path::new("assets/samples").to_path_buf()
    };
    let paths = synth::write_articles(&samples, &articles, n, bytes)?;
    let total: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "{n} articles, {:.2} MB, {} cores available",
        total as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let t = Instant::now();
    let analyzer = Analyzer::new()?;
    println!("load model and lexicons: {:.0} ms", ms(t));

    let file = dir.join("bench.dossier");
    let t = Instant::now();
    let (cpu0, main0) = (process_cpu_time(), crate::dev::bench::thread_cpu_time());
    let mut store = Store::create(&file)?;
    let opts = ImportOptions {
        workers: 2,
        ..ImportOptions::default()
    };
    let report = store.import_paths(&paths, &analyzer, &opts, &mut |_| {})?;
    let import = ms(t);
    let (cpu1, main1) = (process_cpu_time(), crate::dev::bench::thread_cpu_time());
    println!(
        "import (read, analyse on 2 threads, write): {import:.0} ms for {} documents, {:.2} MB/s",
        report.added.len(),
        total as f64 / 1e6 / (import / 1000.0)
    );
    if let (Some(a), Some(b), Some(c), Some(d)) = (cpu0, cpu1, main0, main1) {
        println!(
            "  CPU time of the import: {:.0} ms in all threads, {:.0} ms in the writing thread \
             (on an otherwise idle 2-core machine the wall time is about max(all/2, writer))",
            (b - a).as_secs_f64() * 1000.0,
            (d - c).as_secs_f64() * 1000.0
        );
    }
    drop(store);
    println!(
        "file size: {:.1} MB",
        std::fs::metadata(&file)?.len() as f64 / 1e6
    );

    let t = Instant::now();
    let mut store = Store::open(&file)?;
    let docs = store.documents()?;
    let entities = store.entities()?;
    println!(
        "reopen + document list + entity list: {:.0} ms ({} documents, {} entities)",
        ms(t),
        docs.len(),
        entities.len()
    );

    let t = Instant::now();
    let _ = store.document(docs[docs.len() / 2].id)?;
    println!("load one document: {:.2} ms", ms(t));

    for q in [
        "Kabel",
        "\"Helena Vogt\"",
        "Moskau Kiel",
        "Untersuch*",
        "anchor",
        "Xylophon",
    ] {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..5 {
            let t = Instant::now();
            hits = store.search(q, 50)?.len();
            times.push(ms(t));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "search {q:<16} {hits:>3} hits: median {:.1} ms, max {:.1} ms",
            times[2], times[4]
        );
    }
    let t = Instant::now();
    let found = store.search_entities("Vogt")?;
    println!(
        "entity search 'Vogt': {:.1} ms ({} hits)",
        ms(t),
        found.len()
    );

    corrections(&mut store)?;

    let t = Instant::now();
    let dossier = store.dossier()?;
    println!(
        "load the whole dossier into memory: {:.0} ms ({} documents)",
        ms(t),
        dossier.documents.len()
    );
    Ok(())
}

/// How many times each correction (and its undo) is measured.
const ROUNDS: usize = 7;

/// Each kind of correction and its undo, `ROUNDS` times on the open dossier, with the median
/// and the slowest time; also the cost of handing the changed dossier to the viewer.
fn corrections(store: &mut Store) -> Result<(), Box<dyn std::error::Error>> {
    use crate::correct::{EntityRef, MentionTarget};
    use crate::model::EntityType;
    let entities = store.entities()?;
    let reference = |e: &crate::store::EntitySummary| EntityRef {
        entity_type: e.entity_type,
        name: e.name.clone(),
        id: Some(e.id),
    };
    // The most named entity that stands in at most 50 articles (the common correction), two
    // smaller ones of one type to merge, and the most named entity of all ("not an entity"
    // everywhere).
    let small = entities
        .iter()
        .filter(|e| e.documents <= 50 && e.documents >= 5)
        .max_by_key(|e| e.documents)
        .ok_or("no entity in 5 to 50 articles")?
        .clone();
    let pair: Vec<_> = entities
        .iter()
        .filter(|e| e.entity_type == small.entity_type && e.id != small.id && e.documents <= 25)
        .take(2)
        .cloned()
        .collect();
    let widest = entities
        .iter()
        .max_by_key(|e| e.documents)
        .ok_or("no entity")?
        .clone();
    let dossier = store.dossier_lazy(store.texts())?;
    let (doc, mention) = dossier
        .documents
        .iter()
        .zip(&dossier.analyses)
        .find_map(|(d, a)| {
            a.mentions
                .iter()
                .find(|m| m.entity == small.id && m.variant == crate::model::Variant::Name)
                .map(|m| (d.id, m.span))
        })
        .ok_or("no mention to reassign")?;
    let text = store.document(doc)?.0.text;
    let written = mention.slice(&text).to_string();
    let other_type = if small.entity_type == EntityType::Org {
        EntityType::Oth
    } else {
        EntityType::Org
    };
    let removed = dossier.documents[dossier.documents.len() / 2].id;
    let mut cases: Vec<(String, Correction)> = vec![
        (
            format!("rename (an entity in {} articles)", small.documents),
            Correction::Rename {
                entity: reference(&small),
                name: format!("{} (renamed)", small.name),
            },
        ),
        (
            format!("retype (an entity in {} articles)", small.documents),
            Correction::ChangeType {
                entity: reference(&small),
                entity_type: other_type,
            },
        ),
        (
            "reassign one mention to a new entity".into(),
            Correction::ReassignMention {
                doc,
                span: mention,
                text: written,
                target: MentionTarget::New {
                    name: "Someone Else".into(),
                    entity_type: small.entity_type,
                },
            },
        ),
        (
            format!(
                "not an entity (\"{}\", in {} articles)",
                widest.name, widest.documents
            ),
            Correction::Reject {
                name: widest.name.clone(),
                entity_type: None,
            },
        ),
        (
            "remove an article".into(),
            Correction::RemoveDocument { doc: removed },
        ),
    ];
    if let [a, b] = pair.as_slice() {
        cases.insert(
            2,
            (
                format!(
                    "merge (entities in {} and {} articles)",
                    a.documents, b.documents
                ),
                Correction::Merge {
                    survivor: reference(a),
                    merged: reference(b),
                },
            ),
        );
    }
    println!(
        "corrections on {} articles, {ROUNDS} rounds each: wall time median / slowest, and \
         the median CPU time of the thread (not counting the time it waited for a core):",
        dossier.documents.len()
    );
    for (name, correction) in &cases {
        let mut apply = Vec::new();
        let mut undo = Vec::new();
        let mut update = Vec::new();
        let (mut apply_cpu, mut undo_cpu) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let (t, c) = (Instant::now(), cpu());
            store.apply(correction)?;
            apply.push(ms(t));
            apply_cpu.push(cpu() - c);
            let t = Instant::now();
            let _ = store.dossier_lazy(store.texts())?;
            update.push(ms(t));
            let (t, c) = (Instant::now(), cpu());
            store.undo()?;
            undo.push(ms(t));
            undo_cpu.push(cpu() - c);
        }
        println!(
            "  {name:<50} {} (CPU {:>5.1})   undo {} (CPU {:>5.1})   viewer update {}",
            median_max(&mut apply),
            median(&mut apply_cpu),
            median_max(&mut undo),
            median(&mut undo_cpu),
            median_max(&mut update)
        );
    }
    // Restoring an article removed before (not by undo).
    let mut restore = Vec::new();
    let mut restore_cpu = Vec::new();
    for _ in 0..ROUNDS {
        store.apply(&Correction::RemoveDocument { doc: removed })?;
        let (t, c) = (Instant::now(), cpu());
        store.apply(&Correction::RestoreDocument { doc: removed })?;
        restore.push(ms(t));
        restore_cpu.push(cpu() - c);
    }
    println!(
        "  {:<50} {} (CPU {:>5.1})",
        "restore a removed article",
        median_max(&mut restore),
        median(&mut restore_cpu)
    );
    Ok(())
}

/// CPU time of this thread so far, in milliseconds.
fn cpu() -> f64 {
    crate::dev::bench::thread_cpu_precise().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(0.0)
}

/// "12.3 ms / 20.1 ms".
fn median_max(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let max = times.last().copied().unwrap_or(0.0);
    format!("{median:>6.1} / {max:>6.1} ms")
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// CPU time (user + system) of the whole process, all threads, from `/proc/self/stat`.
fn process_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}
