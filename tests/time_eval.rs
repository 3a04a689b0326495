//! Evaluation on slices of the shared TimeBank and SmartData corpora, with floors. The full
//! figures come from `dossier eval timex DIR` / `dossier eval timex-de FILE` (release build).

use dossier::dev::time_eval::{self as eval, Split};

#[test]
fn timebank_held_out_slice_meets_floor() {
    let Some(dir) = dossier::dev::shared::shared_path("data/timebank") else {
        return;
    };
    let files = eval::timebank_files(&dir, Split::HeldOut).unwrap();
    assert!(files.len() >= 30);
    // a fixed slice of the held-out files keeps the debug test fast
    let slice: Vec<_> = files.into_iter().take(20).collect();
    let s = eval::evaluate_tml_files(&slice, "TimeBank held-out slice").unwrap();
    println!("{s}");
    assert!(s.relaxed.gold > 50);
    assert!(s.relaxed.f1() >= 0.80, "relaxed F1 {}", s.relaxed.f1());
    let v = s.value.unwrap();
    assert!(v.f1() >= 0.70, "value F1 {}", v.f1());
    assert!(s.strict.f1() <= s.relaxed.f1());
}

#[test]
fn smartdata_dev_meets_floor() {
    let Some(path) = dossier::dev::shared::shared_path("data/smartdata/dev.json.gz") else {
        return;
    };
    let docs = eval::read_smartdata(&path).unwrap();
    assert_eq!(docs.len(), 228);
    // every gold span lies on char boundaries of its text
    for d in &docs {
        for (s, _) in &d.spans {
            assert!(d.text.get(s.start..s.end).is_some(), "{}: {s:?}", d.id);
        }
    }
    let slice = &docs[..120];
    let s = eval::evaluate_smartdata_docs(slice, "SmartData slice");
    println!("{s}");
    assert!(s.relaxed.gold > 100);
    assert!(s.relaxed.f1() >= 0.70, "span F1 {}", s.relaxed.f1());
    assert!(s.value.is_none());
}

#[test]
fn missing_directory_is_an_error() {
    let err = eval::evaluate_timebank(std::path::Path::new("/nonexistent/timebank")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/timebank"));
    let tmp = tempfile::tempdir().unwrap();
    let err = eval::evaluate_timebank(tmp.path()).unwrap_err();
    assert!(err.to_string().contains("no .tml files"), "{err}");
}
