//! Developer tool: `cargo run --release --example timex_eval -- timebank DIR [all|dev|heldout] [diff]`,
//! `... smartdata FILE`, `... speed FILE`.
use std::path::Path;

use dossier::dev::time_eval::{self as eval, Split};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map(String::as_str).unwrap_or("");
    let path = Path::new(args.get(2).map(String::as_str).unwrap_or("."));
    match what {
        "timebank" => {
            let split = match args.get(3).map(String::as_str) {
                Some("dev") => Split::Dev,
                Some("heldout") => Split::HeldOut,
                _ => Split::All,
            };
            if args.get(4).map(String::as_str) == Some("diff") {
                let files = eval::timebank_files(path, split).expect("files");
                print!("{}", eval::timebank_diff(&files).expect("diff"));
            } else {
                println!(
                    "{}",
                    eval::evaluate_timebank_split(path, split).expect("eval")
                );
            }
        }
        "smartdata" => {
            let docs = eval::read_smartdata(path).expect("read");
            if args.get(3).map(String::as_str) == Some("diff") {
                print!("{}", eval::smartdata_diff(&docs));
            } else {
                println!("{}", eval::evaluate_smartdata_docs(&docs, "SmartData"));
            }
        }
        "speed" => {
            let text = std::fs::read_to_string(path).expect("read");
            let mut big = String::new();
            while big.len() < 20_000_000 {
                big.push_str(&text);
                big.push_str("\n\n");
            }
            let dct = chrono::NaiveDate::from_ymd_opt(2024, 11, 19);
            let lang =
                dossier::model::Lang::from_code(args.get(3).map(String::as_str).unwrap_or("de"));
            let t0 = std::time::Instant::now();
            let found = dossier::time::find_timexes_in(&big, &[], &lang, dct);
            let dt = t0.elapsed().as_secs_f64();
            println!(
                "find_timexes_in (own sentence split): {} bytes, {} timexes, {:.1} MB/s",
                big.len(),
                found.len(),
                big.len() as f64 / dt / 1e6
            );
            let tokens = dossier::text::tokenize(&big, &lang);
            let sents = dossier::text::split_sentences(&big, &tokens, &lang);
            let t0 = std::time::Instant::now();
            let found = dossier::time::find_timexes(&big, &tokens, &sents, &lang, dct);
            let dt = t0.elapsed().as_secs_f64();
            println!(
                "find_timexes (given sentences): {} timexes, {:.1} MB/s",
                found.len(),
                big.len() as f64 / dt / 1e6
            );
            let t0 = std::time::Instant::now();
            let events = dossier::time::find_events(
                &big,
                &sents.iter().map(|s| s.span).collect::<Vec<_>>(),
                &found,
                &[],
            );
            let dt = t0.elapsed().as_secs_f64();
            println!(
                "find_events: {} events, {:.1} MB/s",
                events.len(),
                big.len() as f64 / dt / 1e6
            );
            // repeat the timex pass to show the spread on a shared machine
            for _ in 0..3 {
                let t0 = std::time::Instant::now();
                let n = dossier::time::find_timexes(&big, &tokens, &sents, &lang, dct).len();
                let dt = t0.elapsed().as_secs_f64();
                println!(
                    "find_timexes again: {n} timexes, {:.1} MB/s",
                    big.len() as f64 / dt / 1e6
                );
            }
        }
        _ => eprintln!(
            "usage: timex_eval timebank DIR [all|dev|heldout] [diff] | smartdata FILE [diff] | speed FILE [de|en]"
        ),
    }
}
