//! The sample article and English equivalents through tokenizer, recogniser and registry.

use std::collections::{BTreeMap, BTreeSet};

use dossier::model::{EntityType, Lang, Variant};
use dossier::ner::{RawMention, recognize};
use dossier::registry::Registry;
use dossier::text::{split_sentences, tokenize};

fn run(text: &str, lang: Lang) -> Vec<RawMention> {
    let tokens = tokenize(text, &lang);
    let sentences = split_sentences(text, &tokens, &lang);
    recognize(text, &tokens, &sentences, &lang).expect("recognize")
}

/// The article body: without the title line and the trailing `Key: value` statistics.
fn sample_body() -> Option<String> {
    let path = dossier::dev::shared::shared_path("articles/nordkorea-russland.txt")?;
    let raw = std::fs::read_to_string(path).expect("read sample");
    let mut lines: Vec<&str> = raw.lines().skip(1).collect();
    while lines.last().is_some_and(|l| {
        l.trim().is_empty()
            || l.rsplit_once(": ")
                .is_some_and(|(_, v)| v.trim().chars().all(|c| c.is_ascii_digit()))
    }) {
        lines.pop();
    }
    Some(lines.join("\n"))
}

const NEVER: &[&str] = &[
    "Treffen",
    "Minister",
    "Vertrag",
    "Die",
    "Dies",
    "Er",
    "Berichten",
    "Der",
    "Ein",
    "Welt",
    "Region",
    "Länder",
    "Ländern",
    "Delegation",
    "Zusammenarbeit",
    "Präsident",
    "Machthaber",
    "Hauptstadt",
    "Nachrichtenagentur",
    "Kontext",
    "Ort",
    "Diese",
    "Nach",
    "Zusätzlich",
];

#[test]
fn sample_article_entities() {
    let Some(text) = sample_body() else { return };
    let mentions = run(&text, Lang::De);
    assert!(!mentions.is_empty());

    // Nothing capitalised-but-common, no article or pronoun.
    for m in &mentions {
        let surface = m.span.slice(&text);
        assert!(
            !NEVER.contains(&surface),
            "common word reported: {surface:?} {m:?}"
        );
    }

    // The full set of entities (canonical name → type).
    let mut found: BTreeMap<String, BTreeSet<EntityType>> = BTreeMap::new();
    for m in &mentions {
        found
            .entry(m.canonical.clone())
            .or_default()
            .insert(m.entity_type);
    }
    let expected: &[(&str, EntityType)] = &[
        ("Kim Jong Un", EntityType::Per),
        ("Alexander Kozlov", EntityType::Per),
        ("Wladimir Putin", EntityType::Per),
        ("Mark Rutte", EntityType::Per),
        ("Kim Yong-hyun", EntityType::Per),
        ("Nordkorea", EntityType::Loc),
        ("Russland", EntityType::Loc),
        ("Pjöngjang", EntityType::Loc),
        ("Moskau", EntityType::Loc),
        ("Kursk", EntityType::Loc),
        ("Südkorea", EntityType::Loc),
        ("NATO", EntityType::Org),
        ("KCNA", EntityType::Org),
        ("Duma", EntityType::Org),
    ];
    for &(name, ty) in expected {
        assert_eq!(
            found.get(name),
            Some(&BTreeSet::from([ty])),
            "{name}: found {found:?}"
        );
    }
    let acceptable_extra = ["Ukraine"];
    let extra: Vec<&String> = found
        .keys()
        .filter(|k| {
            !expected.iter().any(|(n, _)| n == k) && !acceptable_extra.contains(&k.as_str())
        })
        .collect();
    assert!(extra.is_empty(), "unexpected entities: {extra:?}");

    // Inflected and short forms, derivations and compounds resolve to their base.
    let resolved: &[(&str, &str, EntityType, Variant)] = &[
        ("Nordkoreas", "Nordkorea", EntityType::Loc, Variant::Name),
        ("Moskaus", "Moskau", EntityType::Loc, Variant::Name),
        ("Südkoreas", "Südkorea", EntityType::Loc, Variant::Name),
        ("Kozlov", "Alexander Kozlov", EntityType::Per, Variant::Name),
        ("Kim", "Kim Jong Un", EntityType::Per, Variant::Name),
        ("russischen", "Russland", EntityType::Loc, Variant::Deriv),
        (
            "nordkoreanische",
            "Nordkorea",
            EntityType::Loc,
            Variant::Deriv,
        ),
        ("NATO-Chef", "NATO", EntityType::Org, Variant::Part),
    ];
    for &(surface, canonical, ty, variant) in resolved {
        let m = mentions
            .iter()
            .find(|m| m.span.slice(&text) == surface)
            .unwrap_or_else(|| panic!("{surface} not found"));
        assert_eq!(
            (m.canonical.as_str(), m.entity_type, m.variant),
            (canonical, ty, variant),
            "{surface}"
        );
    }

    // Through the registry: one entity per name.
    let mut registry = Registry::new();
    for m in &mentions {
        registry.resolve(m, m.span.slice(&text));
    }
    let names: BTreeSet<&str> = registry
        .entities()
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    for &(name, _) in expected {
        assert!(names.contains(name), "{name} missing in registry {names:?}");
    }
    assert!(registry.entities().len() <= expected.len() + acceptable_extra.len());
}

type Expected<'a> = &'a [(&'a str, EntityType, &'a str)];

fn check_cases(cases: &[(&str, Expected<'_>)], lang: Lang) {
    for &(text, expected) in cases {
        let mentions = run(text, lang.clone());
        let got: Vec<(&str, EntityType, &str)> = mentions
            .iter()
            .map(|m| (m.span.slice(text), m.entity_type, m.canonical.as_str()))
            .collect();
        assert_eq!(got, expected, "{text}");
    }
}

#[test]
fn english_sentences() {
    let cases: &[(&str, Expected<'_>)] = &[
        (
            "Investigators examined the route of the cargo ship Arkona Star near Fehmarn.",
            &[
                ("Arkona Star", EntityType::Oth, "Arkona Star"),
                ("Fehmarn", EntityType::Loc, "Fehmarn"),
            ],
        ),
        (
            "Kim Jong Un met Russian minister Alexander Kozlov in Pyongyang on Tuesday.",
            &[
                ("Kim Jong Un", EntityType::Per, "Kim Jong Un"),
                ("Russian", EntityType::Loc, "Russia"),
                ("Alexander Kozlov", EntityType::Per, "Alexander Kozlov"),
                ("Pyongyang", EntityType::Loc, "Pyongyang"),
            ],
        ),
        (
            "The meeting was reported by the Korean Central News Agency (KCNA). Later, KCNA said \
             that Kozlov had left. Alexander Kozlov is a minister.",
            &[
                ("Korean Central News Agency", EntityType::Org, "KCNA"),
                ("KCNA", EntityType::Org, "KCNA"),
                ("KCNA", EntityType::Org, "KCNA"),
                ("Kozlov", EntityType::Per, "Alexander Kozlov"),
                ("Alexander Kozlov", EntityType::Per, "Alexander Kozlov"),
            ],
        ),
        (
            "NATO Secretary General Mark Rutte warned that North Korean troops were sent to \
             Russia's Kursk region.",
            &[
                ("NATO", EntityType::Org, "NATO"),
                ("Mark Rutte", EntityType::Per, "Mark Rutte"),
                ("North Korean", EntityType::Loc, "North Korea"),
                ("Russia", EntityType::Loc, "Russia"),
                ("Kursk", EntityType::Loc, "Kursk"),
            ],
        ),
    ];
    check_cases(cases, Lang::En);
}

#[test]
fn german_sentences() {
    let cases: &[(&str, Expected<'_>)] = &[
        (
            "Die Koreanische Zentrale Nachrichtenagentur (KCNA) meldete das Treffen. Dies \
             bestätigte die KCNA.",
            &[
                (
                    "Koreanische Zentrale Nachrichtenagentur",
                    EntityType::Org,
                    "KCNA",
                ),
                ("KCNA", EntityType::Org, "KCNA"),
                ("KCNA", EntityType::Org, "KCNA"),
            ],
        ),
        (
            "Er traf Präsident Wladimir Putin in Moskau. Putin lobte die Zusammenarbeit.",
            &[
                ("Wladimir Putin", EntityType::Per, "Wladimir Putin"),
                ("Moskau", EntityType::Loc, "Moskau"),
                ("Putin", EntityType::Per, "Wladimir Putin"),
            ],
        ),
        (
            "Der Vertrag wurde am Dienstag unterzeichnet. Die Welt schaut zu.",
            &[],
        ),
        (
            "Der Betreiber Nordwind Netz AG bestätigte den Schaden.",
            &[("Nordwind Netz AG", EntityType::Org, "Nordwind Netz AG")],
        ),
        (
            "Die Allianz SE meldete Gewinne.",
            &[("Allianz SE", EntityType::Org, "Allianz SE")],
        ),
    ];
    check_cases(cases, Lang::De);
}

#[test]
fn genitive_names_and_cross_document_registry() {
    let doc1 = "Präsident Wladimir Putin empfing Kim Jong Un in Moskau. Putins Berater lobten das Treffen.";
    let doc2 = "Kim Jong-un reiste nach Moscow. Dort sprach Präsident Putin mit der Nato über Russlands Pläne.";
    let m1 = run(doc1, Lang::De);
    let m2 = run(doc2, Lang::De);
    let putins = m1
        .iter()
        .find(|m| m.span.slice(doc1) == "Putins")
        .expect("Putins");
    assert_eq!(putins.canonical, "Wladimir Putin");
    let mut registry = Registry::new();
    let ids1: Vec<_> = m1
        .iter()
        .map(|m| (m.span.slice(doc1), registry.resolve(m, m.span.slice(doc1))))
        .collect();
    let ids2: Vec<_> = m2
        .iter()
        .map(|m| (m.span.slice(doc2), registry.resolve(m, m.span.slice(doc2))))
        .collect();
    let id = |ids: &[(&str, dossier::model::EntityId)], s: &str| {
        ids.iter()
            .find(|(t, _)| *t == s)
            .map(|(_, i)| *i)
            .unwrap_or_else(|| panic!("{s} not found in {ids:?}"))
    };
    assert_eq!(id(&ids1, "Kim Jong Un"), id(&ids2, "Kim Jong-un"));
    assert_eq!(id(&ids1, "Moskau"), id(&ids2, "Moscow"));
    assert_eq!(id(&ids1, "Wladimir Putin"), id(&ids2, "Putin"));
    assert_ne!(id(&ids1, "Wladimir Putin"), id(&ids1, "Kim Jong Un"));
}
