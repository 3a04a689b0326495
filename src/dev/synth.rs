//! Synthetic articles for the store's benchmark and reliability tests: the project's own sample
//! articles (`assets/samples/`, read at run time) with a new title and generated paragraphs of
//! varied sentences (people, organisations, places and dates from small lists), deterministic
//! for a given index.

use std::path::Path;

const PEOPLE: &[&str] = &[
    "Helena Vogt",
    "Tomas Petrauskas",
    "Rasa Kairienė",
    "Mark Rutte",
    "Wladimir Putin",
    "Kim Jong Un",
    "Alexander Kozlov",
    "Ingrid Halvorsen",
    "Jonas Berg",
    "Marta Nowak",
    "Piotr Zieliński",
    "Laura Kask",
];
const ORGS_DE: &[&str] = &[
    "NATO",
    "EU-Kommission",
    "Nordwind Netz AG",
    "Deutschen Marine",
    "Staatsanwaltschaft Kiel",
    "Vereinten Nationen",
    "Bundesnetzagentur",
];
const ORGS_EN: &[&str] = &[
    "NATO",
    "the European Commission",
    "Nordwind Netz AG",
    "the German Navy",
    "the United Nations",
    "the Baltic Sea Council",
];
const PLACES_DE: &[&str] = &[
    "Kiel",
    "Klaipėda",
    "Brüssel",
    "Berlin",
    "Moskau",
    "Fehmarn",
    "Riga",
    "Danzig",
    "Helsinki",
    "Stockholm",
    "Vilnius",
    "Rostock",
];
const PLACES_EN: &[&str] = &[
    "Kiel",
    "Brussels",
    "Berlin",
    "Moscow",
    "Riga",
    "Gdansk",
    "Helsinki",
    "Stockholm",
    "Vilnius",
    "Copenhagen",
];
const MONATE: &[&str] = &[
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// First names and surnames of the people a story names only for a while (the long tail of a
/// real dossier: most names stand in a few articles).
const FIRST: &[&str] = &[
    "Anna", "Jonas", "Lena", "Erik", "Sofia", "Mikael", "Ieva", "Paul", "Greta", "Lukas", "Mira",
    "Olaf", "Nora", "Tadas", "Ewa",
];
const SURNAME: &[&str] = &[
    "Lindqvist",
    "Kowalczyk",
    "Brandt",
    "Jankauskas",
    "Ozola",
    "Henriksen",
    "Vaher",
    "Krause",
    "Sorensen",
    "Wisniewski",
    "Petersen",
    "Ramanauskas",
    "Tamm",
    "Novak",
    "Ekberg",
    "Hoffmann",
    "Kalnins",
    "Virtanen",
    "Falk",
    "Dudek",
];

/// The person article `i` names besides the regulars: one of 300 names, each in about 20
/// consecutive articles (those of every 40th block of 20 share one).
fn local_person(i: usize) -> String {
    let k = (i / 20) % (FIRST.len() * SURNAME.len());
    let first = FIRST.get(k % FIRST.len()).copied().unwrap_or("Anna");
    let last = SURNAME
        .get((k / FIRST.len() + k) % SURNAME.len())
        .copied()
        .unwrap_or("Berg");
    format!("{first} {last}")
}

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.next() % list.len().max(1))
            .copied()
            .unwrap_or("")
    }
}

fn sentence_de(r: &mut Rng) -> String {
    let (p, p2, o, c) = (
        r.pick(PEOPLE),
        r.pick(PEOPLE),
        r.pick(ORGS_DE),
        r.pick(PLACES_DE),
    );
    let (d, m) = (1 + r.next() % 28, r.pick(MONATE));
    match r.next() % 6 {
        0 => format!("Am {d}. {m} 2024 traf {p} in {c} Vertreter der {o}."),
        1 => format!("{p} sagte in {c}, die Lage werde genau beobachtet."),
        2 => format!("Nach Angaben der {o} soll die Untersuchung bis Ende {m} abgeschlossen sein."),
        3 => format!("Bei einem Besuch in {c} sprach {p} mit {p2} über den Schutz der Leitungen."),
        4 => format!("Die {o} kündigte an, im {m} weitere Schiffe nach {c} zu schicken."),
        _ => format!("Seit dem {d}. {m} gilt in {c} eine erhöhte Warnstufe, teilte {p} mit."),
    }
}

fn sentence_en(r: &mut Rng) -> String {
    let (p, p2, o, c) = (
        r.pick(PEOPLE),
        r.pick(PEOPLE),
        r.pick(ORGS_EN),
        r.pick(PLACES_EN),
    );
    let (d, m) = (1 + r.next() % 28, r.pick(MONTHS));
    match r.next() % 5 {
        0 => format!("On {m} {d}, 2024, {p} met officials of {o} in {c}."),
        1 => format!("{p} said in {c} that the situation was being watched closely."),
        2 => format!("According to {o}, the investigation should be finished by the end of {m}."),
        3 => format!("During a visit to {c}, {p} spoke with {p2} about protecting the cables."),
        _ => format!("Since {m} {d}, {c} has been on a higher alert level, {p} said."),
    }
}

/// The sample articles of `dir` (file name, text), sorted by name.
pub fn samples(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            out.push((name, std::fs::read_to_string(&path)?));
        }
    }
    out.sort();
    Ok(out)
}

/// Article number `i` of about `bytes` bytes: sample `i % samples.len()` with a numbered title
/// and generated paragraphs in the sample's language.
pub fn article(samples: &[(String, String)], i: usize, bytes: usize) -> String {
    let Some((_, sample)) = samples.get(i % samples.len().max(1)) else {
        return String::new();
    };
    let mut lines = sample.lines();
    let title = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    let english = rest.first().is_some_and(|l| l.starts_with("Published"));
    let mut r = Rng(i as u64 + 1);
    let mut text = format!("{title} ({i})\n{}\n", rest.join("\n"));
    let local = local_person(i);
    text.push('\n');
    text.push_str(&if english {
        format!("{local} was not available for comment; {local} had been asked twice.\n")
    } else {
        format!("{local} war nicht zu erreichen; {local} hatte eine Anfrage offen gelassen.\n")
    });
    while text.len() < bytes {
        text.push('\n');
        for _ in 0..3 {
            let s = if english {
                sentence_en(&mut r)
            } else {
                sentence_de(&mut r)
            };
            text.push_str(&s);
            text.push(' ');
        }
        text.pop();
        text.push('\n');
    }
    text
}

/// Writes `n` articles of about `bytes` bytes each into `dir` (`0000.txt`, …) and returns their
/// paths.
pub fn write_articles(
    samples_dir: &Path,
    dir: &Path,
    n: usize,
    bytes: usize,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    let samples = samples(samples_dir)?;
    let mut paths = Vec::with_capacity(n);
    for i in 0..n {
        let path = dir.join(format!("{i:04}.txt"));
        std::fs::write(&path, article(&samples, i, bytes))?;
        paths.push(path);
    }
    Ok(paths)
}
