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

    // The first correction also builds the uncorrected base dossier the store keeps.
    let vogt = store
        .entities()?
        .into_iter()
        .find(|e| e.name == "Helena Vogt");
    if let Some(vogt) = vogt {
        let entity = crate::correct::EntityRef::new(vogt.entity_type, vogt.name.clone());
        let t = Instant::now();
        store.apply(&Correction::Rename {
            entity,
            name: "Helena M. Vogt".into(),
        })?;
        println!(
            "first correction, rename of an entity in {} articles (builds the base): {:.0} ms",
            vogt.documents,
            ms(t)
        );
        let t = Instant::now();
        store.undo()?;
        println!("undo the rename: {:.0} ms", ms(t));
    }
    let kiel = store
        .entities()?
        .into_iter()
        .find(|e| e.name == "Kiel")
        .map_or(0, |e| e.documents);
    let t = Instant::now();
    store.apply(&Correction::Reject {
        name: "Kiel".into(),
        entity_type: None,
    })?;
    println!(
        "reject \"Kiel\" (mentioned in {kiel} articles: every article changes): {:.0} ms",
        ms(t)
    );
    let t = Instant::now();
    store.undo()?;
    println!("undo: {:.0} ms", ms(t));

    let t = Instant::now();
    let dossier = store.dossier()?;
    println!(
        "load the whole dossier into memory: {:.0} ms ({} documents)",
        ms(t),
        dossier.documents.len()
    );
    Ok(())
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
