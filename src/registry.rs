//! The dossier-wide entity registry: mentions from all articles that name the same person,
//! organisation, place or other name become one [`Entity`] with a stable id.
//!
//! Joining rules (the recogniser's document-level rules, applied across documents):
//! - spelling variants share a normalised key: case, hyphens, spaces, diacritics and common
//!   transliteration differences are ignored ("Kim Jong Un" = "Kim Jong-un" = "Kim Jong-Un",
//!   "NATO" = "Nato", "Kozlov" = "Koslow", "Wladimir Putin" = "Vladimir Putin");
//! - places join by their lexicon identity across languages ("Russland" = "Russia",
//!   "Moskau" = "Moscow"); inflected forms join their base ("Nordkoreas" → "Nordkorea");
//! - well-known organisations by their canonical name ("UNO" = "UN");
//! - a single-word person mention joins the one person whose first or last name it is
//!   ("Kozlov" → "Alexander Kozlov"), when that is unambiguous in the dossier;
//! - `deriv`/`part` mentions join their base entity ("russischen" → Russland, "NATO-Chef" → NATO).
//!
//! An [`EntityId`] names an entity within its dossier and never changes while the dossier lives:
//! [`Registry::resolve`] numbers new entities in the order they appear; a registry built from
//! stored entities ([`Registry::from_entities`]) keeps their (stable) ids, which need not be
//! dense. [`Registry::entities`] is sorted by id.
//! The entity's name is its longest (then most frequent) canonical form; every other form is an
//! alias (sorted).

use std::collections::HashMap;

use crate::model::{Entity, EntityId, EntityType, Lang, Mention, Source, Span, Variant};
use crate::ner::RawMention;
use crate::ner::english::EnglishLexicon;
use crate::ner::lexicon::{LexFlags, Lexicon, genitive_base};

/// Dossier-wide entities.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    /// Sorted by id.
    entities: Vec<Entity>,
    /// What joins new mentions to the entities; built on first need for a registry made from
    /// stored entities, dropped when entities are changed from outside.
    links: Option<Box<Links>>,
    /// The id [`Registry::resolve`] gives the next new entity.
    next_id: u32,
}

/// The look-up tables that join a new mention to an existing entity.
#[derive(Debug, Default, Clone)]
struct Links {
    keys: HashMap<(EntityType, String), EntityId>,
    /// Per entity: canonical forms seen, with counts, in first-seen order.
    forms: HashMap<EntityId, Vec<(String, usize)>>,
    /// Last words of persons' full names as written ("Selenskyj" of "Wolodymyr Selenskyj") →
    /// the person; `None` when several persons share the word.
    surnames: HashMap<String, Option<EntityId>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the linking tables when they are missing (a registry made from stored entities,
    /// or changed from outside). [`Registry::resolve`] does this itself; call it before the
    /// `&self` look-ups ([`Registry::known_person`]) of such a registry.
    pub fn prepare_links(&mut self) {
        if self.links.is_some() {
            return;
        }
        let mut links = Links::default();
        for entity in &self.entities {
            let (id, ty) = (entity.id, entity.entity_type);
            for form in std::iter::once(&entity.name).chain(&entity.aliases) {
                let form = strip_title(ty, form);
                for key in [identity_key(ty, form), match_key(form)] {
                    links.keys.entry((ty, key)).or_insert(id);
                }
            }
            links.forms.insert(id, vec![(entity.name.clone(), 1)]);
            if ty == EntityType::Per {
                for form in std::iter::once(&entity.name).chain(&entity.aliases) {
                    links.note_surname(strip_title(ty, form), id);
                }
            }
        }
        self.links = Some(Box::new(links));
    }

    fn links(&self) -> Option<&Links> {
        self.links.as_deref()
    }

    fn links_mut(&mut self) -> &mut Links {
        self.prepare_links();
        self.links.get_or_insert_with(Box::default)
    }

    /// Finds or creates the entity `raw` refers to and records `surface` (the mention's text)
    /// as an alias.
    pub fn resolve(&mut self, raw: &RawMention, surface: &str) -> EntityId {
        self.prepare_links();
        let ty = raw.entity_type;
        let canonical = if raw.canonical.trim().is_empty() {
            surface.trim()
        } else {
            raw.canonical.trim()
        };
        let canonical = strip_title(ty, canonical);
        let surface = surface.trim();
        let key = identity_key(ty, canonical);
        let loose = match_key(canonical);
        let named = raw.variant == Variant::Name && !surface.is_empty();
        let keys = self.links().map(|l| &l.keys);
        let found = keys
            .and_then(|keys| {
                keys.get(&(ty, key.clone()))
                    .or_else(|| keys.get(&(ty, loose.clone())))
                    .or_else(|| {
                        named
                            .then(|| keys.get(&(ty, match_key(strip_title(ty, surface)))))
                            .flatten()
                    })
                    .copied()
            })
            .or_else(|| self.find_genitive(ty, canonical))
            .or_else(|| self.find_by_short_form(ty, canonical));
        let id = match found {
            Some(id) => id,
            None => {
                let id = self.fresh_id();
                self.entities.push(Entity {
                    id,
                    name: canonical.to_string(),
                    entity_type: ty,
                    aliases: Vec::new(),
                });
                id
            }
        };
        let links = self.links_mut();
        links.keys.entry((ty, key)).or_insert(id);
        links.keys.entry((ty, loose)).or_insert(id);
        if named {
            let bare = strip_title(ty, surface);
            links.keys.entry((ty, identity_key(ty, bare))).or_insert(id);
            links.keys.entry((ty, match_key(bare))).or_insert(id);
        }
        self.record(id, canonical, surface, raw.variant);
        if ty == EntityType::Per && raw.variant == Variant::Name {
            self.links_mut().note_surname(canonical, id);
        }
        id
    }

    /// A new id, above every id given so far.
    fn fresh_id(&mut self) -> EntityId {
        let above = self.entities.last().map_or(0, |e| e.id.0 + 1);
        let id = self.next_id.max(above);
        self.next_id = id + 1;
        EntityId(id)
    }

    /// `raw` as a mention of a person when it is one word typed as a place, organisation or
    /// other name by the article's analysis (not by the lexicon), that word is the surname of
    /// exactly one person named in full in the dossier (whose name starts with a known first
    /// name), and the lexicon knows no place or organisation of that name ("Netanyahu" typed
    /// LOC after "Benjamin Netanyahu").
    pub fn known_person(&self, raw: &RawMention, surface: &str) -> Option<RawMention> {
        if raw.entity_type == EntityType::Per
            || raw.variant != Variant::Name
            || raw.source == Source::Lexicon
            || surface.contains(char::is_whitespace)
        {
            return None;
        }
        let id = (*self.links()?.surnames.get(surface)?)?;
        let lex = Lexicon::embedded().ok()?;
        let place_or_org = LexFlags::COUNTRY
            | LexFlags::CITY
            | LexFlags::REGION
            | LexFlags::TOPONYM
            | LexFlags::ORG
            | LexFlags::DEMONYM;
        if lex.place(surface).is_some()
            || lex.org(surface).is_some()
            || lex.flags(surface).intersects(place_or_org)
        {
            return None;
        }
        // The person must look like one: a known first name first ("Benjamin Netanyahu", not
        // "Financiere de Paribas" typed PER somewhere).
        let entity = self.get(id)?;
        let words: Vec<&str> = entity.name.split_whitespace().collect();
        let en = EnglishLexicon::embedded().ok();
        let first_name = words.first().is_some_and(|first| {
            lex.flags(first).contains(LexFlags::FIRST_NAME)
                || en.is_some_and(|en| en.word(first) & crate::ner::english::EN_FIRST != 0)
        });
        // "Miller Brewing", "Kellogg Pours Water": a company typed as a person.
        let common_word = words.iter().any(|w| {
            en.is_some_and(|en| crate::ner::english::common_only(en.word(w)))
                || (lex.flags(w).contains(LexFlags::COMMON_NOUN)
                    && !lex
                        .flags(w)
                        .intersects(LexFlags::FIRST_NAME | LexFlags::SURNAME))
        });
        if !first_name || common_word || words.len() > 3 {
            return None;
        }
        Some(RawMention {
            entity_type: EntityType::Per,
            canonical: entity.name.clone(),
            ..raw.clone()
        })
    }

    /// Mentions for the words of `text` that no mention in `mentions` covers and that are the
    /// surname of exactly one person of the dossier named in full before ("Selenskyj" in an
    /// article that never gives the first name, "Selenskyjs" in German, "Zelenskyy's" in
    /// English), resolved to that person (source [`Source::Rule`]). Words that are common
    /// nouns or function words (German), or common words at the start of a sentence (English),
    /// are left alone. `sentence_starts` are the byte offsets where sentences begin.
    pub fn link_known_surnames(
        &mut self,
        text: &str,
        lang: &Lang,
        sentence_starts: &[usize],
        mentions: &[Mention],
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        self.prepare_links();
        if self.links().is_none_or(|l| l.surnames.is_empty()) {
            return out;
        }
        let lex = Lexicon::embedded().ok();
        let english = match lang {
            Lang::En => EnglishLexicon::embedded().ok(),
            _ => None,
        };
        let mut covered = mentions.iter().map(|m| m.span).peekable();
        for (start, end) in capitalised_words(text) {
            while covered.next_if(|s| s.end <= start).is_some() {}
            if covered.peek().is_some_and(|s| s.start < end) {
                continue;
            }
            let word = &text[start..end];
            let surnames = match self.links() {
                Some(l) => &l.surnames,
                None => break,
            };
            let (name, span_end) = match surnames.get(word) {
                Some(_) => (word, end),
                // German genitive ("Selenskyjs"); an English possessive ends the word before
                // the apostrophe.
                None if *lang != Lang::En => {
                    match genitive_base(word).filter(|b| !b.ends_with('s')) {
                        Some(base) => (base, end),
                        None => continue,
                    }
                }
                None => continue,
            };
            let Some(Some(id)) = surnames.get(name).copied() else {
                continue;
            };
            if word.chars().all(|c| !c.is_lowercase()) {
                continue;
            }
            if let Some(lex) = lex {
                let f = lex.flags(word);
                let common = f.intersects(LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD)
                    || (f.contains(LexFlags::COMMON_NOUN)
                        && !f.intersects(
                            LexFlags::SURNAME | LexFlags::FIRST_NAME | LexFlags::INFLECTED,
                        ));
                if common {
                    continue;
                }
            }
            if let Some(en) = english {
                let flags = en.word(word);
                let at_start = sentence_starts.binary_search(&start).is_ok();
                if english_common(flags) || (at_start && crate::ner::english::common_only(flags)) {
                    continue;
                }
            }
            // Part of a longer name nobody found ("Dow Jones"): a capitalised neighbour that is
            // neither a title nor (German) a common noun.
            let neighbour_name = |w: &str| {
                let title = crate::ner::english::PERSON_TITLES.contains(&w);
                let lexical = lex.is_some_and(|lex| {
                    let f = lex.flags(w);
                    f.intersects(
                        LexFlags::PER_CUE | LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD,
                    ) || (english.is_none() && f.contains(LexFlags::COMMON_NOUN))
                });
                let common = english.is_some_and(|en| crate::ner::english::common_only(en.word(w)));
                !title && !lexical && !common
            };
            let prev = adjacent_word(text, start, true);
            let next = adjacent_word(text, span_end, false);
            let covered_at =
                |s: usize| mentions.iter().any(|m| m.span.start <= s && s < m.span.end);
            if [prev, next]
                .into_iter()
                .flatten()
                .any(|(s, e)| !covered_at(s) && neighbour_name(&text[s..e]))
            {
                continue;
            }
            let Some(entity) = self.get(id) else { continue };
            let raw = RawMention {
                span: Span::new(start, span_end),
                entity_type: EntityType::Per,
                variant: Variant::Name,
                source: Source::Rule,
                confidence: 0.6,
                canonical: entity.name.clone(),
            };
            let id = self.resolve(&raw, word);
            out.push(Mention {
                span: raw.span,
                entity: id,
                entity_type: EntityType::Per,
                variant: Variant::Name,
                source: Source::Rule,
                confidence: raw.confidence,
            });
        }
        out
    }

    /// A registry holding `entities` as they were stored or built elsewhere, with their ids
    /// (sorted by id; an id given twice keeps the first entity). Their names and aliases join
    /// later mentions once the linking tables are built ([`Registry::prepare_links`]).
    pub fn from_entities(mut entities: Vec<Entity>) -> Self {
        entities.sort_by_key(|e| e.id);
        entities.dedup_by_key(|e| e.id);
        let next_id = entities.last().map_or(0, |e| e.id.0 + 1);
        Self {
            entities,
            links: None,
            next_id,
        }
    }

    /// All entities, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when there is no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    fn position(&self, id: EntityId) -> Option<usize> {
        // Ids given by `resolve` are positions: try that first.
        match self.entities.get(id.0 as usize) {
            Some(e) if e.id == id => Some(id.0 as usize),
            _ => self.entities.binary_search_by_key(&id, |e| e.id).ok(),
        }
    }

    /// The entity with `id`.
    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(self.position(id)?)
    }

    /// The entity with `id`, to change it. The linking tables are dropped (built again when
    /// needed).
    pub fn get_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        let i = self.position(id)?;
        self.links = None;
        self.entities.get_mut(i)
    }

    /// Puts `entity` in (replacing the entity with its id, if any).
    pub fn insert(&mut self, entity: Entity) {
        self.links = None;
        self.next_id = self.next_id.max(entity.id.0 + 1);
        match self.entities.binary_search_by_key(&entity.id, |e| e.id) {
            Ok(i) => self.entities[i] = entity,
            Err(i) => self.entities.insert(i, entity),
        }
    }

    /// Takes the entity with `id` out.
    pub fn remove(&mut self, id: EntityId) -> Option<Entity> {
        let i = self.position(id)?;
        self.links = None;
        Some(self.entities.remove(i))
    }

    /// The id the next entity created by [`Registry::resolve`] gets (above every id so far).
    pub fn next_id(&self) -> EntityId {
        EntityId(
            self.next_id
                .max(self.entities.last().map_or(0, |e| e.id.0 + 1)),
        )
    }

    /// A German genitive ("Selenskyjs", "Kyjiws") joins the entity of its base form when that
    /// is known and the genitive itself is not.
    fn find_genitive(&self, ty: EntityType, canonical: &str) -> Option<EntityId> {
        let last = canonical.rsplit(' ').next()?;
        let base = genitive_base(last)?;
        if base.chars().count() < 3 || last.ends_with("ss") {
            return None;
        }
        if ty == EntityType::Per {
            // Only the surname of one person named in full ("Selenskyjs"); an English plural or
            // surname ("Williams") does not join a first name ("William").
            if last.len() != canonical.len() {
                return None;
            }
            return self.links()?.surnames.get(base).copied().flatten();
        }
        let whole = format!("{}{}", &canonical[..canonical.len() - last.len()], base);
        let keys = &self.links()?.keys;
        keys.get(&(ty, identity_key(ty, &whole)))
            .or_else(|| keys.get(&(ty, match_key(&whole))))
            .copied()
    }

    /// Person forms of entity `e` with at least two words, as lists of word keys.
    fn full_forms(&self, e: &Entity) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        let forms = self.links().and_then(|l| l.forms.get(&e.id));
        let all = std::iter::once(e.name.as_str())
            .chain(e.aliases.iter().map(String::as_str))
            .chain(forms.into_iter().flatten().map(|(f, _)| f.as_str()));
        for form in all {
            let words: Vec<String> = name_words(form).iter().map(|w| match_key(w)).collect();
            if words.len() >= 2 && !out.contains(&words) {
                out.push(words);
            }
        }
        out
    }

    /// A person given by one word ("Kozlov", "Lawrow") joins the one person whose first or last
    /// word it is (spelling-insensitively); a full name ("Alexander Kozlov") takes over a person
    /// so far known only by its last (or first) word; a full name joins a person with the same
    /// last name and a first name spelled nearly alike ("Aleksandr"/"Alexander").
    fn find_by_short_form(&self, ty: EntityType, canonical: &str) -> Option<EntityId> {
        if ty != EntityType::Per {
            return None;
        }
        let words: Vec<String> = name_words(canonical).iter().map(|w| match_key(w)).collect();
        let mut found: Vec<EntityId> = Vec::new();
        let people = self.entities.iter().filter(|e| e.entity_type == ty);
        if words.len() == 1 {
            let k = &words[0];
            for e in people {
                let hit = self
                    .full_forms(e)
                    .iter()
                    .any(|f| f.first() == Some(k) || f.last() == Some(k));
                if hit && !found.contains(&e.id) {
                    found.push(e.id);
                }
            }
        } else if let (Some(kf), Some(kl)) = (words.first(), words.last()) {
            for e in people {
                let single = name_words(&e.name).len() == 1;
                let hit = if single {
                    let k = match_key(&e.name);
                    k == *kl || k == *kf
                } else {
                    self.full_forms(e).iter().any(|f| {
                        f.len() == words.len()
                            && f.last() == Some(kl)
                            && f[..f.len() - 1]
                                .iter()
                                .zip(&words[..words.len() - 1])
                                .all(|(a, b)| near(a, b))
                    })
                };
                if hit && !found.contains(&e.id) {
                    found.push(e.id);
                }
            }
        }
        if found.len() == 1 { found.pop() } else { None }
    }

    fn record(&mut self, id: EntityId, canonical: &str, surface: &str, variant: Variant) {
        let Some(i) = self.position(id) else { return };
        self.prepare_links();
        let (Some(entity), Some(links)) = (self.entities.get_mut(i), self.links.as_deref_mut())
        else {
            return;
        };
        let forms = links.forms.entry(id).or_default();
        match forms.iter_mut().find(|(f, _)| f == canonical) {
            Some((_, n)) => *n += 1,
            None => forms.push((canonical.to_string(), 1)),
        }
        // Name: most words, then most frequent, then first seen.
        let mut best: Option<&(String, usize)> = None;
        for f in forms.iter() {
            let better = match best {
                None => true,
                Some(b) => {
                    let (wf, wb) = (
                        f.0.split_whitespace().count(),
                        b.0.split_whitespace().count(),
                    );
                    wf > wb || (wf == wb && f.1 > b.1)
                }
            };
            if better {
                best = Some(f);
            }
        }
        let name = best
            .map(|b| b.0.clone())
            .unwrap_or_else(|| canonical.to_string());
        let mut aliases = std::mem::take(&mut entity.aliases);
        if name != entity.name {
            aliases.push(std::mem::replace(&mut entity.name, name));
        }
        aliases.push(canonical.to_string());
        if variant == Variant::Name && !surface.is_empty() {
            aliases.push(surface.to_string());
        }
        aliases.retain(|a| *a != entity.name && !a.is_empty());
        aliases.sort();
        aliases.dedup();
        entity.aliases = aliases;
    }
}

impl Links {
    /// Remembers the last word of a person's full name for [`Registry::link_known_surnames`].
    fn note_surname(&mut self, full_name: &str, id: EntityId) {
        let words: Vec<&str> = full_name.split_whitespace().collect();
        let [.., _, last] = words.as_slice() else {
            return;
        };
        // Capitalised, with lower-case letters (not an acronym such as "ABC" or "NASA").
        if last.chars().count() < 3
            || !last.chars().next().is_some_and(char::is_uppercase)
            || !last.chars().any(char::is_lowercase)
            || last.chars().any(|c| c.is_ascii_digit())
        {
            return;
        }
        // "Crown Prince", "Midwest Financial": not a surname.
        let not_surname = LexFlags::PER_CUE
            | LexFlags::ORG_CUE
            | LexFlags::FUNCTION_WORD
            | LexFlags::COMMON_WORD
            | LexFlags::ORG;
        if Lexicon::embedded().is_ok_and(|lex| lex.flags(last).intersects(not_surname))
            || crate::ner::english::PERSON_TITLES.contains(last)
        {
            return;
        }
        let entry = self.surnames.entry((*last).to_string()).or_insert(Some(id));
        if *entry != Some(id) {
            *entry = None;
        }
    }
}

/// The key under which two names of type `ty` are the same entity: the place's identity for
/// places the lexicon knows ("Moskau" = "Moscow"), the canonical name of well-known
/// organisations ("IAEO" = "International Atomic Energy Agency"), otherwise [`match_key`].
pub fn identity_key(ty: EntityType, name: &str) -> String {
    if let Ok(lex) = Lexicon::embedded() {
        match ty {
            EntityType::Loc => {
                if let Some(p) = lex.place(name) {
                    return p.identity();
                }
                if let Some(l) = lex.lemma(name)
                    && let Some(p) = lex.place(l)
                {
                    return p.identity();
                }
            }
            EntityType::Org => {
                if let Some(org) = lex.org(name) {
                    return match_key(org);
                }
            }
            _ => {}
        }
    }
    match_key(name)
}

/// The capitalised word right before `at` (`before`) or right after it, separated by one
/// space only (no punctuation between: "Inspekteure. Grossi" has no word before "Grossi").
fn adjacent_word(text: &str, at: usize, before: bool) -> Option<(usize, usize)> {
    if before {
        let head = text.get(..at)?.strip_suffix(' ')?;
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
            .last()
            .map(|(i, _)| i)?;
        let word = &head[start..];
        if start + word.len() != head.len() || word.is_empty() {
            return None;
        }
        word.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some((start, head.len()))
    } else {
        let tail = text.get(at..)?.strip_prefix(' ')?;
        let len: usize = tail
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '-')
            .map(char::len_utf8)
            .sum();
        let word = &tail[..len];
        let start = at + 1;
        word.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some((start, start + len))
    }
}

/// An English common word that is not also a census surname ("Services", "Treasury"; not
/// "Bush", "Gates").
fn english_common(flags: u8) -> bool {
    use crate::ner::english::{EN_COMMON, EN_SURNAME};
    flags & EN_COMMON != 0 && flags & EN_SURNAME == 0
}

/// Byte ranges of the capitalised words of `text` (letters and digits, with inner hyphens),
/// at least three characters long.
fn capitalised_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_hyphen =
            c == '-' && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_hyphen {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            push_word(text, s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), &mut out);
    }
    out
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let word = &text[start..end];
    if word.chars().next().is_some_and(char::is_uppercase) && word.chars().nth(2).is_some() {
        out.push((start, end));
    }
}

/// The words of a name: split at spaces and hyphens ("Kim Jong-un" → Kim, Jong, un).
fn name_words(name: &str) -> Vec<&str> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect()
}

/// A person's canonical name without a leading title or role ("Präsident Putin" → "Putin").
fn strip_title(ty: EntityType, name: &str) -> &str {
    if ty != EntityType::Per {
        return name;
    }
    let Ok(lex) = Lexicon::embedded() else {
        return name;
    };
    let mut rest = name;
    while let Some((first, tail)) = rest.split_once(' ') {
        if lex.flags(first).contains(LexFlags::PER_CUE) && !tail.trim().is_empty() {
            rest = tail.trim_start();
        } else {
            break;
        }
    }
    rest
}

/// Two first-name keys that are the same name in another transliteration: equal, or (both at
/// least five letters) one edit apart ("aleksandr"/"aleksander").
fn near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 1 || a[0] != b[0] {
        return false;
    }
    // Levenshtein distance ≤ 1.
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if short.len() == long.len() {
        short[i + 1..] == long[i + 1..]
    } else {
        short[i..] == long[i + 1..]
    }
}

/// A transliteration-insensitive key for matching names across languages: [`name_key`]'s
/// folding of case, diacritics and punctuation, plus German/English transliteration of
/// Cyrillic and other scripts — "sch"/"zh" → "sh", "tsch"/"tch" → "ch", "dsch" → "j",
/// "x" → "ks", "ia"/"ija" → "ya", "je"/"ye" → "e", and a word-final run of i/y/j → "y" — so that "Selenskyj", "Zelensky",
/// "Zelenskyy" and "Zelenskiy", "Schoigu" and "Shoigu", "Sergej", "Sergei" and "Sergey",
/// "Saporischschja" and "Zaporizhzhia" share a key. Not persisted (the store keys entities by
/// [`name_key`]), so it may be refined without invalidating dossier files.
pub fn match_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name_words(name) {
        let mut w = String::with_capacity(word.len());
        for c in word.chars().flat_map(char::to_lowercase) {
            match fold_char(c) {
                Some(s) => w.push_str(s),
                None if c.is_alphanumeric() => w.push(c),
                None => {}
            }
        }
        let w = w
            .replace("dsch", "j")
            .replace("tsch", "ch")
            .replace("tch", "ch")
            .replace("sch", "sh")
            .replace("zh", "sh")
            .replace('x', "ks")
            .replace('w', "v")
            .replace('z', "s")
            .replace('j', "y")
            .replace("ph", "f")
            .replace("ck", "k")
            .replace('c', "k");
        let w = w
            .replace("iya", "ya")
            .replace("ia", "ya")
            .replace("ye", "e");
        // Word-final i/y run ("-ij", "-iy", "-yy", "-ei" / "-ey" after the vowel) → "y".
        let trimmed = w.trim_end_matches(['i', 'y']);
        let w = if trimmed.len() < w.len() && !trimmed.is_empty() {
            format!("{trimmed}y")
        } else {
            w
        };
        // Russian "-ёв"/"-ев" is "-ow" in German and "-ev" in English (Gorbatschow /
        // Gorbachev, Chruschtschow / Khrushchev): a final "-ev"/"-ov" (and the feminine
        // "-eva"/"-ova") of a word of five letters or more folds to "-ov".
        let w = match w.len() {
            n if n >= 5 && w.ends_with("ev") => format!("{}ov", &w[..n - 2]),
            n if n >= 6 && w.ends_with("eva") => format!("{}ova", &w[..n - 3]),
            _ => w,
        };
        out.push_str(&w);
    }
    let mut dedup = String::with_capacity(out.len());
    let mut prev = None;
    for c in out.chars() {
        if Some(c) != prev {
            dedup.push(c);
        }
        prev = Some(c);
    }
    dedup
}

/// Latin letters with diacritics (Latin-1 and Latin Extended-A) → their base letters.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ü' | 'ú' | 'ù' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ß' => "ss",
        'ç' | 'č' | 'ć' | 'ĉ' | 'ċ' => "c",
        'š' | 'ś' | 'ş' | 'ș' | 'ŝ' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ý' | 'ÿ' => "y",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => "g",
        'ř' | 'ŕ' => "r",
        'ť' | 'ţ' | 'ț' => "t",
        'ď' | 'đ' | 'ð' => "d",
        'þ' => "th",
        'ķ' => "k",
        'ĥ' | 'ħ' => "h",
        'ĵ' => "j",
        _ => return None,
    })
}

/// A spelling-insensitive key: lower case, no diacritics, no spaces or punctuation, common
/// transliteration differences folded (w→v, z→s, j→y, c/ck→k, ph→f), doubled letters collapsed.
pub fn name_key(name: &str) -> String {
    let mut base = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' => "a",
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' => "o",
            'ü' | 'ú' | 'ù' | 'û' | 'ū' => "u",
            'é' | 'è' | 'ê' | 'ë' | 'ē' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ß' => "ss",
            'ç' | 'č' | 'ć' => "c",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ñ' | 'ń' => "n",
            'ł' => "l",
            'ý' | 'ÿ' => "y",
            'w' => "v",
            'z' => "s",
            'j' => "y",
            c if c.is_alphanumeric() => {
                base.push(c);
                continue;
            }
            _ => continue,
        };
        base.push_str(mapped);
    }
    let base = base.replace("ph", "f").replace("ck", "k").replace('c', "k");
    let mut out = String::with_capacity(base.len());
    let mut prev = None;
    for c in base.chars() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(ty: EntityType, variant: Variant, canonical: &str) -> RawMention {
        RawMention {
            span: Span::new(0, 1),
            entity_type: ty,
            variant,
            source: Source::Rule,
            confidence: 0.8,
            canonical: canonical.to_string(),
        }
    }

    #[test]
    fn continents_and_seas_join_across_languages() {
        let same = [
            ("Europa", "Europe"),
            ("Ostsee", "Baltic Sea"),
            ("Schwarzen Meer", "Black Sea"),
            ("Nahen Osten", "Middle East"),
            ("Moskau", "Moscow"),
        ];
        for (a, b) in same {
            assert_eq!(
                identity_key(EntityType::Loc, a),
                identity_key(EntityType::Loc, b),
                "{a} / {b}"
            );
        }
        let different = [
            ("Europa", "Asien"),
            ("Ostsee", "Nordsee"),
            ("Europa", "Estland"),
        ];
        for (a, b) in different {
            assert_ne!(
                identity_key(EntityType::Loc, a),
                identity_key(EntityType::Loc, b),
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn name_keys_join_spelling_variants() {
        let same = [
            ("Kim Jong Un", "Kim Jong-un"),
            ("Kim Jong Un", "Kim Jong-Un"),
            ("NATO", "Nato"),
            ("Kozlov", "Koslow"),
            ("Wladimir Putin", "Vladimir Putin"),
            ("Selenskyj", "Zelensky"),
        ];
        for (a, b) in same {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        let different = [("Kim Jong Un", "Kim Yong-hyun"), ("Putin", "Rutte")];
        for (a, b) in different {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn match_keys_join_transliterations_across_languages() {
        let same = [
            ("Selenskyj", "Zelensky"),
            ("Selenskyj", "Zelenskyy"),
            ("Selenskyj", "Zelenskiy"),
            ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
            ("Schoigu", "Shoigu"),
            ("Sergej Lawrow", "Sergei Lavrov"),
            ("Sergej", "Sergey"),
            ("Dmitri Peskow", "Dmitry Peskov"),
            ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
            ("Saporischschja", "Zaporizhzhia"),
            ("Tschernyschow", "Chernyshov"),
            ("Kyjiw", "Kyiv"),
            ("Ihor Terechow", "Ihor Terekhov"),
            ("Kim Jong Un", "Kim Jong-un"),
            ("Aserbaidschan", "Azerbaijan"),
            ("Lukaschenko", "Lukashenko"),
            ("Nawalny", "Navalny"),
            ("Gerassimow", "Gerasimov"),
            ("Jermak", "Yermak"),
            ("Tokajew", "Tokayev"),
            ("Paschinjan", "Pashinyan"),
            ("Alijew", "Aliyev"),
            ("Tichanowskaja", "Tikhanovskaya"),
            ("Mirsijojew", "Mirziyoyev"),
            ("Prigoschin", "Prigozhin"),
            ("Chodorkowski", "Khodorkovsky"),
            ("Dostojewski", "Dostoevsky"),
            ("Jewgeni", "Yevgeny"),
            ("Tschaikowski", "Tchaikovsky"),
            ("Netanjahu", "Netanyahu"),
            ("Chamenei", "Khamenei"),
            ("Jahia Sinwar", "Yahya Sinwar"),
            ("Baschar al-Assad", "Bashar al-Assad"),
            ("Michail Gorbatschow", "Mikhail Gorbachev"),
            ("Chruschtschow", "Khrushchev"),
            ("Medwedew", "Medvedev"),
            ("Gorbatschowa", "Gorbacheva"),
        ];
        for (a, b) in same {
            assert_eq!(match_key(a), match_key(b), "{a} / {b}");
        }
        let different = [
            ("Kim Jong Un", "Kim Yong-hyun"),
            ("Kim Jong Un", "Kim Jong Il"),
            ("Kim Jong Un", "Kim Tae-hoon"),
            ("Putin", "Rutte"),
            ("Mario", "Maria"),
            ("Paul Keating", "Charles Keating"),
            ("Iwanow", "Iwanowa"),
            ("Lev", "Lov"),
        ];
        for (a, b) in different {
            assert_ne!(match_key(a), match_key(b), "{a} / {b}");
        }
        assert!(near("aleksandr", "aleksander"));
        assert!(!near("yoe", "yill"));
        assert!(!near("martin", "marty"));
    }

    #[test]
    fn people_join_across_languages_and_stay_apart_otherwise() {
        use EntityType::Per;
        let mut r = Registry::new();
        let mut id = |canonical: &str| r.resolve(&raw(Per, Variant::Name, canonical), canonical);
        let lavrov = id("Sergej Lawrow");
        assert_eq!(id("Sergei Lavrov"), lavrov);
        assert_eq!(id("Lavrov"), lavrov);
        assert_eq!(id("Präsident Lawrow"), lavrov);
        let kozlov = id("Alexander Kozlov");
        assert_eq!(id("Aleksandr Kozlov"), kozlov);
        let joe = id("Joe Biden");
        assert_ne!(id("Jill Biden"), joe);
        let selenskyj = id("Wolodymyr Selenskyj");
        assert_eq!(id("Selenskyjs"), selenskyj);
        assert_eq!(id("Zelenskiy"), selenskyj);
    }

    #[test]
    fn a_mistyped_surname_of_a_known_person_is_that_person() {
        let mut r = Registry::new();
        let id = r.resolve(
            &raw(EntityType::Per, Variant::Name, "Benjamin Netanyahu"),
            "Benjamin Netanyahu",
        );
        let mut loc = raw(EntityType::Loc, Variant::Name, "Netanyahu");
        loc.source = Source::Model;
        let person = r.known_person(&loc, "Netanyahu").expect("retyped");
        assert_eq!(person.entity_type, EntityType::Per);
        assert_eq!(r.resolve(&person, "Netanyahu"), id);
        // A place the lexicon knows stays a place; so does a lexicon mention.
        r.resolve(
            &raw(EntityType::Per, Variant::Name, "George Washington"),
            "George Washington",
        );
        let mut city = raw(EntityType::Loc, Variant::Name, "Washington");
        city.source = Source::Model;
        assert!(r.known_person(&city, "Washington").is_none());
        loc.source = Source::Lexicon;
        assert!(r.known_person(&loc, "Netanyahu").is_none());
    }

    #[test]
    fn surnames_of_people_named_elsewhere_are_linked() {
        let mut r = Registry::new();
        let id = r.resolve(
            &raw(EntityType::Per, Variant::Name, "Wolodymyr Selenskyj"),
            "Wolodymyr Selenskyj",
        );
        let text = "Der Präsident Selenskyj sprach. Selenskyjs Plan. Bei Dow Selenskyj nicht.";
        let found = r.link_known_surnames(text, &Lang::De, &[0, 32, 50], &[]);
        let spans: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
        assert_eq!(spans, vec!["Selenskyj", "Selenskyjs"]);
        assert!(found.iter().all(|m| m.entity == id));
        // Already covered by a mention: nothing new.
        let covered = found.clone();
        assert!(
            r.link_known_surnames(text, &Lang::De, &[0, 32, 50], &covered)
                .is_empty()
        );
        // Two people with one surname: ambiguous, nothing linked.
        r.resolve(
            &raw(EntityType::Per, Variant::Name, "Olena Selenskyj"),
            "Olena Selenskyj",
        );
        assert!(r.link_known_surnames(text, &Lang::De, &[0], &[]).is_empty());
    }

    #[test]
    fn registry_joins_variants_short_forms_and_derivations() {
        use EntityType::*;
        use Variant::*;
        let mut r = Registry::new();
        let cases: &[(EntityType, Variant, &str, &str, u32)] = &[
            (Per, Name, "Kim Jong Un", "Kim Jong Un", 0),
            (Per, Name, "Kim Jong-un", "Kim Jong-un", 0),
            (Org, Name, "NATO", "NATO", 1),
            (Org, Name, "Nato", "Nato", 1),
            (Org, Part, "NATO", "NATO-Chef", 1),
            (Loc, Name, "Nordkorea", "Nordkoreas", 2),
            (Loc, Name, "Nordkorea", "Nordkorea", 2),
            (Loc, Name, "North Korea", "North Korea", 2),
            (Per, Name, "Alexander Kozlov", "Alexander Kozlov", 3),
            (Per, Name, "Kozlov", "Kozlov", 3),
            (Loc, Deriv, "Russland", "russischen", 4),
            (Loc, Name, "Russia", "Russia", 4),
            (Loc, Name, "Moskau", "Moskaus", 5),
            (Loc, Name, "Moscow", "Moscow", 5),
            (Org, Name, "UNO", "UNO", 6),
            (Org, Name, "UN", "UN", 6),
            (Per, Name, "Rutte", "Rutte", 7),
            (Per, Name, "Mark Rutte", "Mark Rutte", 7),
        ];
        for &(ty, variant, canonical, surface, want) in cases {
            let id = r.resolve(&raw(ty, variant, canonical), surface);
            assert_eq!(id, EntityId(want), "{surface} → {canonical}");
        }
        assert_eq!(r.entities().len(), 8);
        for (i, e) in r.entities().iter().enumerate() {
            assert_eq!(e.id, EntityId(i as u32));
            let mut sorted = e.aliases.clone();
            sorted.sort();
            assert_eq!(sorted, e.aliases);
            assert!(!e.aliases.contains(&e.name));
        }
        let kozlov = r.get(EntityId(3)).expect("Kozlov");
        assert_eq!(kozlov.name, "Alexander Kozlov");
        assert!(kozlov.aliases.contains(&"Kozlov".to_string()));
        assert_eq!(
            r.get(EntityId(7)).map(|e| e.name.as_str()),
            Some("Mark Rutte")
        );
        let russia = r.get(EntityId(4)).expect("Russland");
        assert!(!russia.aliases.contains(&"russischen".to_string()));
        assert!(r.get(EntityId(99)).is_none());
    }

    #[test]
    fn ambiguous_short_form_creates_no_false_join() {
        let mut r = Registry::new();
        let a = r.resolve(
            &raw(EntityType::Per, Variant::Name, "Kim Jong Un"),
            "Kim Jong Un",
        );
        let b = r.resolve(
            &raw(EntityType::Per, Variant::Name, "Kim Yong-hyun"),
            "Kim Yong-hyun",
        );
        assert_ne!(a, b);
        let c = r.resolve(&raw(EntityType::Per, Variant::Name, "Kim"), "Kim");
        assert_ne!(c, a);
        assert_ne!(c, b);
        // The recogniser's resolved canonical name is what joins: "Kim" → "Kim Jong Un".
        let d = r.resolve(&raw(EntityType::Per, Variant::Name, "Kim Jong Un"), "Kim");
        assert_eq!(d, a);
    }
}
