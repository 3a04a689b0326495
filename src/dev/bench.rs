//! `dossier bench`: speed of each analysis stage on one thread, and the memory the shipped model
//! and lexicons take.
//!
//! Measures wall-clock time, so it belongs in a release build on a quiet machine; tests never
//! assert on its figures.

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::document::{ReadError, ReadOptions, read_path};
use crate::model::{Lang, Mention};
use crate::ner::{NerError, recognize};
use crate::text::{split_sentences, tokenize};
use crate::time::{find_events, find_timexes};

/// A failure before anything could be measured.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// An input file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: ReadError,
    },
    /// The model or lexicons could not be loaded.
    #[error(transparent)]
    Ner(#[from] NerError),
    /// No input text.
    #[error("no text to measure: give article files, or place ../shared beside the project")]
    NoInput,
}

/// One text to analyse.
#[derive(Debug, Clone)]
pub struct BenchText {
    /// Its language.
    pub lang: Lang,
    /// The text.
    pub text: String,
}

/// CPU time (user + system) of the calling thread, from `/proc/thread-self/stat` (Linux; 10 ms
/// resolution). Measuring CPU time keeps the figures meaningful on a busy machine.
pub fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports clock ticks of 1/100 s (USER_HZ) on every architecture Dossier runs on.
    Some(Duration::from_millis(ticks * 10))
}

/// CPU time of the calling thread in nanoseconds from `/proc/thread-self/schedstat` (the time
/// it ran, not the time it waited for a core: a figure that holds on a busy machine too).
pub fn thread_cpu_precise() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// CPU time (user + system) of the whole process, all threads, from `/proc/self/stat`.
pub fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Wall-clock and CPU time of one stage, summed over all texts.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTime {
    /// Elapsed time.
    pub wall: Duration,
    /// CPU time of the measuring thread.
    pub cpu: Duration,
}

impl std::ops::Add for StageTime {
    type Output = StageTime;
    fn add(self, other: StageTime) -> StageTime {
        StageTime {
            wall: self.wall + other.wall,
            cpu: self.cpu + other.cpu,
        }
    }
}

/// Measures `f` into `total`.
fn timed<T>(total: &mut StageTime, f: impl FnOnce() -> T) -> T {
    let (cpu0, wall0) = (thread_cpu_time(), Instant::now());
    let out = f();
    total.wall += wall0.elapsed();
    if let (Some(a), Some(b)) = (cpu0, thread_cpu_time()) {
        total.cpu += b.saturating_sub(a);
    }
    out
}

/// Writes the texts to a temporary file and times reading them back: plain bytes, and through
/// the document reader. `None` when the file cannot be written.
pub fn read_back_time(texts: &[BenchText]) -> Option<(Duration, Duration)> {
    let path = std::env::temp_dir().join(format!("dossier-bench-{}.txt", std::process::id()));
    let mut all = String::with_capacity(texts.iter().map(|t| t.text.len() + 2).sum());
    for t in texts {
        all.push_str(&t.text);
        all.push_str("\n\n");
    }
    std::fs::write(&path, &all).ok()?;
    let start = Instant::now();
    let bytes = std::fs::read(&path).ok();
    let raw = start.elapsed();
    let start = Instant::now();
    let docs = read_path(&path, &ReadOptions::new()).ok();
    let reader = start.elapsed();
    let _ = std::fs::remove_file(&path);
    std::hint::black_box((bytes, docs));
    Some((raw, reader))
}

/// Timings of one run over all texts.
#[derive(Debug, Clone, Default)]
pub struct BenchReport {
    /// Number of texts.
    pub texts: usize,
    /// Total bytes of text.
    pub bytes: usize,
    /// Tokens produced.
    pub tokens: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Time expressions found.
    pub timexes: usize,
    /// Reading and decoding the files (zero when the text was built in memory).
    pub read: Duration,
    /// Loading the model and the lexicons (wall clock).
    pub load: Duration,
    /// CPU time of all threads while loading the model and the lexicons.
    pub load_cpu: Option<Duration>,
    /// Reading the same text back from a file: plain `std::fs::read` of the bytes, and the
    /// document reader (`document::read_path`: decoding, language detection), each wall clock.
    pub read_back: Option<(Duration, Duration)>,
    /// Tokenising and splitting sentences.
    pub tokenize: StageTime,
    /// The tagger alone over every sentence.
    pub tag: StageTime,
    /// The whole entity recogniser: tagger, lexicons, rules, document-level resolution.
    pub entities: StageTime,
    /// Time expressions and events.
    pub time: StageTime,
    /// Resident memory after loading the model and lexicons, in bytes (Linux only).
    pub rss_after_load: Option<u64>,
    /// Resident memory before loading them.
    pub rss_before_load: Option<u64>,
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    let s = d.as_secs_f64();
    if s <= 0.0 {
        f64::INFINITY
    } else {
        bytes as f64 / 1e6 / s
    }
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.bytes;
        writeln!(
            f,
            "{} texts, {:.2} MB, {} tokens, {} mentions, {} time expressions (one thread)",
            self.texts,
            b as f64 / 1e6,
            self.tokens,
            self.mentions,
            self.timexes
        )?;
        writeln!(
            f,
            "{:<46} {:>10} {:>10} {:>12}",
            "stage", "wall ms", "CPU ms", "MB/s (CPU)"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, d: StageTime| {
            writeln!(
                f,
                "{name:<46} {:>10.1} {:>10.1} {:>12.2}",
                d.wall.as_secs_f64() * 1e3,
                d.cpu.as_secs_f64() * 1e3,
                mb_per_s(b, d.cpu)
            )
        };
        if !self.read.is_zero() {
            writeln!(
                f,
                "read and decode files: {:.1} ms wall ({:.1} MB/s)",
                self.read.as_secs_f64() * 1e3,
                mb_per_s(b, self.read)
            )?;
        }
        row(f, "tokenise + sentences", self.tokenize)?;
        row(f, "tokenise + tag (tagger alone)", self.tokenize + self.tag)?;
        row(
            f,
            "tokenise + entities (tagger, lexicon, rules)",
            self.tokenize + self.entities,
        )?;
        row(f, "time expressions + events", self.time)?;
        if let Some((raw, reader)) = self.read_back {
            let tag = (self.tokenize + self.tag).cpu.as_secs_f64();
            let ent = (self.tokenize + self.entities).cpu.as_secs_f64();
            let ratio = |d: Duration| {
                let s = d.as_secs_f64();
                if s > 0.0 { tag / s } else { f64::INFINITY }
            };
            writeln!(
                f,
                "reading the same {:.2} MB from a file: {:.1} ms (std::fs::read, {:.0} MB/s), \
                 {:.1} ms (document reader, {:.0} MB/s)",
                b as f64 / 1e6,
                raw.as_secs_f64() * 1e3,
                mb_per_s(b, raw),
                reader.as_secs_f64() * 1e3,
                mb_per_s(b, reader)
            )?;
            writeln!(
                f,
                "tokenise + tag takes {:.0}x the plain read and {:.1}x the document reader; \
                 the whole recogniser {:.1}x the document reader",
                ratio(raw),
                ratio(reader),
                if reader.as_secs_f64() > 0.0 {
                    ent / reader.as_secs_f64()
                } else {
                    f64::INFINITY
                }
            )?;
        }
        let base = (self.tokenize + self.entities).cpu.as_secs_f64();
        if base > 0.0 {
            writeln!(
                f,
                "time expressions and events add {:.1}% (CPU) to entity extraction",
                100.0 * self.time.cpu.as_secs_f64() / base
            )?;
        }
        writeln!(
            f,
            "loading model and lexicons: {:.1} ms wall, {} CPU (three threads)",
            self.load.as_secs_f64() * 1e3,
            self.load_cpu.map_or("?".to_string(), |c| format!(
                "{:.0} ms",
                c.as_secs_f64() * 1e3
            ))
        )?;
        if let (Some(before), Some(after)) = (self.rss_before_load, self.rss_after_load) {
            writeln!(
                f,
                "resident memory: {:.1} MB before loading, {:.1} MB after (+{:.1} MB)",
                before as f64 / 1e6,
                after as f64 / 1e6,
                after.saturating_sub(before) as f64 / 1e6
            )?;
        }
        Ok(())
    }
}

/// Resident set size of this process, from `/proc/self/status`.
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Reads article files for the benchmark, timing the reading.
pub fn read_files(files: &[PathBuf]) -> Result<(Vec<BenchText>, Duration), BenchError> {
    let start = Instant::now();
    let mut texts = Vec::new();
    for path in files {
        let docs = read_path(path, &ReadOptions::new()).map_err(|source| BenchError::Read {
            path: path.clone(),
            source,
        })?;
        texts.extend(docs.into_iter().map(|d| BenchText {
            lang: d.language,
            text: d.text,
        }));
    }
    Ok((texts, start.elapsed()))
}

/// German text of at least `min_bytes` built from the shared development data: the GermEval
/// sentences (tokens joined by spaces, a paragraph per source document) and the SmartData texts,
/// repeated if needed. `None` when the shared data is absent.
pub fn shared_german_text(min_bytes: usize) -> Option<Vec<BenchText>> {
    let germeval = crate::dev::shared::shared_path("data/germeval/NER-de-dev.tsv")?;
    let raw = std::fs::read_to_string(germeval).ok()?;
    let mut docs: Vec<String> = Vec::new();
    let mut sentence: Vec<&str> = Vec::new();
    let mut doc = String::new();
    for line in raw.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            if !sentence.is_empty() {
                doc.push_str(&sentence.join(" "));
                doc.push(' ');
                sentence.clear();
            }
            if doc.len() > 4000 {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if let Some(token) = line.split('\t').nth(1) {
            sentence.push(token);
        }
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    if docs.is_empty() {
        return None;
    }
    let mut texts = Vec::new();
    let mut total = 0;
    while total < min_bytes {
        for d in &docs {
            total += d.len();
            texts.push(BenchText {
                lang: Lang::De,
                text: d.clone(),
            });
        }
    }
    Some(texts)
}

/// Runs every stage over `texts` on the current thread.
pub fn run(texts: &[BenchText], read: Duration) -> Result<BenchReport, BenchError> {
    if texts.is_empty() {
        return Err(BenchError::NoInput);
    }
    let mut report = BenchReport {
        texts: texts.len(),
        bytes: texts.iter().map(|t| t.text.len()).sum(),
        read,
        rss_before_load: resident_bytes(),
        read_back: read_back_time(texts),
        ..BenchReport::default()
    };
    // Both together as the recogniser loads them (model on a second thread), then each alone
    // for the breakdown (already loaded: only the CPU of the first load counts).
    let start = Instant::now();
    let cpu0 = process_cpu_time();
    let (lexicon, tagger) = crate::ner::preload()?;
    let tagger = tagger?;
    report.load = start.elapsed();
    report.load_cpu = match (cpu0, process_cpu_time()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a)),
        _ => None,
    };
    report.rss_after_load = resident_bytes();

    // A document date, so that relative expressions are resolved as in real use.
    let dct = chrono::NaiveDate::from_ymd_opt(2024, 11, 19);
    // Each stage runs over all texts inside one measurement: the thread's CPU clock ticks in
    // 10 ms steps, too coarse to sum over many short per-text measurements.
    let analysed: Vec<_> = timed(&mut report.tokenize, || {
        texts
            .iter()
            .map(|t| {
                let tokens = tokenize(&t.text, &t.lang);
                let sentences = split_sentences(&t.text, &tokens, &t.lang);
                (t, tokens, sentences)
            })
            .collect()
    });
    report.tokens = analysed.iter().map(|(_, tokens, _)| tokens.len()).sum();

    timed(&mut report.tag, || {
        let mut words: Vec<&str> = Vec::with_capacity(64);
        for (t, tokens, sentences) in &analysed {
            for s in sentences {
                words.clear();
                words.extend(
                    tokens
                        .get(s.tokens.clone())
                        .unwrap_or_default()
                        .iter()
                        .map(|tok| tok.span.slice(&t.text)),
                );
                std::hint::black_box(tagger.tag(&words, Some(lexicon)));
            }
        }
    });

    let all_raw = timed(&mut report.entities, || {
        analysed
            .iter()
            .map(|(t, tokens, sentences)| recognize(&t.text, tokens, sentences, &t.lang))
            .collect::<Result<Vec<_>, _>>()
    })?;
    report.mentions = all_raw.iter().map(Vec::len).sum();
    let all_mentions: Vec<Vec<Mention>> = all_raw
        .iter()
        .map(|raw| {
            raw.iter()
                .map(|r| Mention {
                    span: r.span,
                    entity: crate::model::EntityId(0),
                    entity_type: r.entity_type,
                    variant: r.variant,
                    source: r.source,
                    confidence: r.confidence,
                })
                .collect()
        })
        .collect();

    report.timexes = timed(&mut report.time, || {
        let mut n = 0;
        for ((t, tokens, sentences), mentions) in analysed.iter().zip(&all_mentions) {
            let timexes = find_timexes(&t.text, tokens, sentences, &t.lang, dct);
            let spans: Vec<crate::model::Span> = sentences.iter().map(|s| s.span).collect();
            std::hint::black_box(find_events(&t.text, &spans, &timexes, mentions));
            n += timexes.len();
        }
        n
    });
    Ok(report)
}

/// The benchmark's inputs: the given files, or else at least 1 MB of German text from the shared
/// data.
pub fn inputs(files: &[PathBuf]) -> Result<(Vec<BenchText>, Duration), BenchError> {
    if files.is_empty() {
        let texts = shared_german_text(1_100_000).ok_or(BenchError::NoInput)?;
        Ok((texts, Duration::ZERO))
    } else {
        read_files(files)
    }
}

/// Reading speed of one file format: file bytes per second through `document::read_bytes`.
#[derive(Debug, Clone)]
pub struct FormatSpeed {
    /// The format's short name (`pdf`, `docx`, …).
    pub format: &'static str,
    /// Number of files.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Documents they gave.
    pub documents: usize,
    /// How many times the files were read for the measurement.
    pub rounds: usize,
    /// CPU time of all rounds (wall clock where CPU time is not available).
    pub time: Duration,
}

/// Reading speed per file format, from the bytes of the files already in memory (no disk
/// time), each format read repeatedly for at least a quarter of a second; files that cannot be
/// read are left out.
pub fn format_speeds(files: &[PathBuf]) -> Vec<FormatSpeed> {
    use crate::document::{Format, read_bytes};
    type Files = Vec<(PathBuf, Vec<u8>)>;
    let mut by_format: Vec<(Format, Files)> = Vec::new();
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let format = Format::from_path(path);
        match by_format.iter_mut().find(|(f, _)| *f == format) {
            Some((_, v)) => v.push((path.clone(), bytes)),
            None => by_format.push((format, vec![(path.clone(), bytes)])),
        }
    }
    let opts = ReadOptions::new();
    let mut out = Vec::new();
    for (format, items) in by_format {
        let mut time = StageTime::default();
        let (mut rounds, mut documents) = (0, 0);
        while rounds == 0 || (time.wall < Duration::from_millis(250) && rounds < 1000) {
            documents = timed(&mut time, || {
                items
                    .iter()
                    .filter_map(|(p, b)| read_bytes(b, format, Some(p), &opts).ok())
                    .map(|d| d.len())
                    .sum()
            });
            rounds += 1;
        }
        out.push(FormatSpeed {
            format: format.name(),
            files: items.len(),
            bytes: items.iter().map(|(_, b)| b.len() as u64).sum(),
            documents,
            rounds,
            time: if time.cpu.is_zero() {
                time.wall
            } else {
                time.cpu
            },
        });
    }
    out
}

impl fmt::Display for FormatSpeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.bytes as usize * self.rounds;
        writeln!(
            f,
            "reading {:<6} {:>4} files, {:>8.2} MB, {:>5} documents: {:>8.1} MB/s (CPU, {} rounds)",
            self.format,
            self.files,
            self.bytes as f64 / 1e6,
            self.documents,
            mb_per_s(total, self.time),
            self.rounds
        )
    }
}
