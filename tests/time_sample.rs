//! The sample article: time expressions and events with document date 2024-11-19.

use chrono::NaiveDate;
use dossier::model::{
    DocId, EntityId, EntityType, Lang, Mention, Precision, Source, Span, TimexType, Variant,
};
use dossier::text::{split_sentences, tokenize};
use dossier::time::{DocEvent, find_events, find_timexes, merge_events};

fn sample() -> Option<String> {
    let p = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt")?;
    Some(std::fs::read_to_string(p).unwrap())
}

fn dct() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 11, 19)
}

/// Mentions of the sample built by string search (the entity recogniser is another part).
fn mentions(text: &str) -> Vec<Mention> {
    let names = [
        ("Kim Jong Un", 0, EntityType::Per),
        ("Alexander Kozlov", 1, EntityType::Per),
        ("Kozlov", 1, EntityType::Per),
        ("Wladimir Putin", 2, EntityType::Per),
        ("Pjöngjang", 3, EntityType::Loc),
        ("Duma", 4, EntityType::Org),
        ("KCNA", 5, EntityType::Org),
        ("Nordkorea", 6, EntityType::Loc),
        ("Russland", 7, EntityType::Loc),
        ("Mark Rutte", 8, EntityType::Per),
        ("NATO", 9, EntityType::Org),
        ("Moskau", 10, EntityType::Loc),
        ("Kursk", 11, EntityType::Loc),
    ];
    let mut out: Vec<Mention> = Vec::new();
    for (name, id, ty) in names {
        for (pos, _) in text.match_indices(name) {
            let span = Span::new(pos, pos + name.len());
            if out.iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            out.push(Mention {
                span,
                entity: EntityId(id),
                entity_type: ty,
                variant: Variant::Name,
                source: Source::Rule,
                confidence: 1.0,
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

fn analyse(
    text: &str,
    dct: Option<NaiveDate>,
) -> (Vec<dossier::model::Timex>, Vec<DocEvent>, Vec<Mention>) {
    let tokens = tokenize(text, &Lang::De);
    let sentences = split_sentences(text, &tokens, &Lang::De);
    let timexes = find_timexes(text, &tokens, &sentences, &Lang::De, dct);
    let ms = mentions(text);
    let events = find_events(
        text,
        &sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
        &timexes,
        &ms,
    );
    (timexes, events, ms)
}

#[test]
fn sample_time_expressions() {
    let Some(text) = sample() else { return };
    let (timexes, _, _) = analyse(&text, dct());
    let by_text = |s: &str| {
        timexes
            .iter()
            .find(|t| t.span.slice(&text) == s)
            .unwrap_or_else(|| panic!("{s:?} not found in {timexes:#?}"))
    };
    assert_eq!(by_text("Dienstag").value, "2024-11-19");
    assert_eq!(by_text("Montag").value, "2024-11-18");
    assert_eq!(by_text("19. Juni").value, "2024-06-19");
    assert_eq!(by_text("6. November").value, "2024-11-06");
    let anfang = by_text("Anfang des Monats");
    assert_eq!(anfang.value, "2024-11");
    assert_eq!(anfang.precision, Some(Precision::Month));
    let r = anfang.range.unwrap();
    assert_eq!(r.earliest, NaiveDate::from_ymd_opt(2024, 11, 1).unwrap());
    assert!(r.latest < NaiveDate::from_ymd_opt(2024, 11, 15).unwrap());
    let monate = by_text("letzten Monaten");
    assert_eq!(monate.timex_type, TimexType::Duration);
    // No false alarms on numbers: "11. Sitzung", "10.000", statistics
    for t in &timexes {
        let s = t.span.slice(&text);
        assert!(
            !s.contains("10.000") && !s.contains("11.") && s != "13" && s != "53",
            "spurious {s:?}"
        );
    }
    // sorted, non-overlapping, on char boundaries
    for w in timexes.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
}

#[test]
fn sample_without_dct_is_unresolved() {
    let Some(text) = sample() else { return };
    let (timexes, events, _) = analyse(&text, None);
    let juni = timexes
        .iter()
        .find(|t| t.span.slice(&text) == "19. Juni")
        .unwrap();
    assert_eq!(juni.value, "XXXX-06-19");
    assert!(juni.unresolved);
    let dienstag = timexes
        .iter()
        .find(|t| t.span.slice(&text) == "Dienstag")
        .unwrap();
    assert_eq!(dienstag.value, "XXXX-WXX-2");
    assert!(dienstag.unresolved);
    assert!(
        events.is_empty(),
        "no events without resolved dates: {events:#?}"
    );
}

#[test]
fn sample_events() {
    let Some(text) = sample() else { return };
    let (_, events, ms) = analyse(&text, dct());
    let ents = |e: &DocEvent| -> Vec<u32> { e.mentions.iter().map(|&i| ms[i].entity.0).collect() };
    let treaty = events
        .iter()
        .find(|e| e.value == "2024-06-19")
        .unwrap_or_else(|| panic!("no event on 2024-06-19: {events:#?}"));
    assert_eq!(treaty.precision, Precision::Day);
    assert!(treaty.label.contains("unterzeichnet"), "{treaty:?}");
    assert!(treaty.label.contains("Vertrag"), "{treaty:?}");
    assert!(ents(treaty).contains(&2), "Putin in {treaty:?}");
    assert!(ents(treaty).contains(&3), "Pjöngjang in {treaty:?}");
    assert!(
        !ents(treaty).contains(&4),
        "Duma belongs to the other clause: {treaty:?}"
    );
    assert!(treaty.label.split_whitespace().count() <= 6, "{treaty:?}");
    let duma = events
        .iter()
        .find(|e| e.value == "2024-11-06")
        .unwrap_or_else(|| panic!("no event on 2024-11-06: {events:#?}"));
    assert!(duma.label.contains("ratifiziert"), "{duma:?}");
    assert!(ents(duma).contains(&4), "Duma in {duma:?}");
    assert!(!ents(duma).contains(&2), "{duma:?}");
    // the clause of the Duma event does not reach back to the treaty signing
    assert!(duma.span.start > treaty.span.start);
    assert!(!duma.span.slice(&text).contains("unterzeichnet"));
    let kcna = events
        .iter()
        .find(|e| e.value == "2024-11-19")
        .expect("KCNA report on Tuesday");
    assert!(ents(kcna).contains(&5), "{kcna:?}");
    assert!(kcna.label.contains("berichtete"), "{kcna:?}");
    let monday = events
        .iter()
        .find(|e| e.value == "2024-11-18")
        .expect("delegation on Monday");
    assert!(monday.label.contains("traf"), "{monday:?}");
    let early = events
        .iter()
        .find(|e| e.value == "2024-11")
        .expect("ratified early in the month");
    assert_eq!(early.precision, Precision::Month);
    assert!(early.label.contains("ratifiziert"), "{early:?}");
    assert!(early.range.latest <= NaiveDate::from_ymd_opt(2024, 11, 10).unwrap());
}

#[test]
fn sample_events_merge_across_documents() {
    let Some(text) = sample() else { return };
    let (_, events, ms) = analyse(&text, dct());
    // The same article three times plus an English report of the signing.
    let en =
        "Putin visited Pyongyang. The treaty was signed on June 19 in Pjöngjang by Wladimir Putin.";
    let en_ms = mentions(en);
    let en_tokens = tokenize(en, &Lang::En);
    let en_sents = split_sentences(en, &en_tokens, &Lang::En);
    let en_tx = find_timexes(en, &en_tokens, &en_sents, &Lang::En, dct());
    let en_events = find_events(
        en,
        &en_sents.iter().map(|s| s.span).collect::<Vec<_>>(),
        &en_tx,
        &en_ms,
    );
    assert_eq!(en_events.len(), 1, "{en_events:#?}");
    assert_eq!(en_events[0].value, "2024-06-19");
    assert!(en_events[0].label.contains("signed"), "{:?}", en_events[0]);
    let docs = vec![
        (DocId(0), events.as_slice(), ms.as_slice()),
        (DocId(1), events.as_slice(), ms.as_slice()),
        (DocId(2), en_events.as_slice(), en_ms.as_slice()),
    ];
    let timeline = merge_events(&docs);
    let signing: Vec<_> = timeline
        .iter()
        .filter(|e| e.value == "2024-06-19")
        .collect();
    assert_eq!(signing.len(), 1, "{timeline:#?}");
    assert_eq!(signing[0].sources.len(), 3);
    assert!(signing[0].entities.contains(&EntityId(2)));
    // sorted by date, ids in order
    for (i, e) in timeline.iter().enumerate() {
        assert_eq!(e.id.0 as usize, i);
    }
    for w in timeline.windows(2) {
        assert!(w[0].range.earliest <= w[1].range.earliest);
    }
    // one timeline event per distinct event of the article
    assert_eq!(timeline.len(), events.len());
}
