//! Held-out experiments with the NER tagger's training options:
//! `cargo run --release --no-default-features --example ner_boost -- WORDCLASSES key=value ...`
//! with keys `fold` (0–4, several separated by `,`), `epochs`, `bits`, `obias`, `ensemble`,
//! `europeana`, `smartdata`, `seed`, `min`, `drop` (lexical dropout), `openo` (SmartData O may be OTH), `out` (write each fold's model to OUT.foldN). Prints overall and per-type F1 for each fold.
use dossier::dev::ner_train::{TrainOptions, train};

fn main() {
    let mut args = std::env::args().skip(1);
    let wc = args.next().expect("word-class file");
    let mut opts = TrainOptions {
        holdout: true,
        wordclasses: Some(wc.into()),
        ..TrainOptions::default()
    };
    let mut folds = vec![4usize];
    for a in args {
        let (k, v) = a.split_once('=').expect("key=value");
        match k {
            "fold" => folds = v.split(',').map(|x| x.parse().expect("fold")).collect(),
            "epochs" => opts.epochs = v.parse().expect("epochs"),
            "bits" => opts.feature_bits = v.parse().expect("bits"),
            "obias" => opts.o_bias = v.parse().expect("obias"),
            "ensemble" => opts.ensemble = v.parse().expect("ensemble"),
            "europeana" => opts.europeana_weight = v.parse().expect("europeana"),
            "smartdata" => opts.smartdata_weight = v.parse().expect("smartdata"),
            "seed" => opts.seed = v.parse().expect("seed"),
            "drop" => opts.lex_dropout = v.parse().expect("drop"),
            "openo" => opts.smartdata_open_o = v == "1",
            "out" => opts.out = Some(v.into()),
            "min" => opts.min_count = v.parse().expect("min"),
            _ => panic!("unknown key {k}"),
        }
    }
    let mut sum = 0.0;
    for &f in &folds {
        opts.holdout_fold = f;
        let base_out = opts.out.clone();
        if let Some(o) = &base_out {
            opts.out = Some(format!("{}.fold{f}", o.display()).into());
        }
        let rep = train(&opts).expect("train");
        let s = rep.holdout.expect("holdout scores");
        let scan: Vec<String> = rep
            .bias_scan
            .iter()
            .map(|(b, f1)| format!("{b}:{:.1}", f1 * 100.0))
            .collect();
        println!(
            "fold {f}: F1 {:.2}  features {}  bytes {}  scan {}",
            s.f1() * 100.0,
            rep.features,
            rep.model_bytes,
            scan.join(" ")
        );
        sum += s.f1() * 100.0;
        opts.out = base_out;
    }
    println!(
        "mean F1 {:.2} over {} folds",
        sum / folds.len() as f64,
        folds.len()
    );
}
