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
//! `EntityId(i)` is the index of the entity in [`Registry::entities`]; ids never change.
//! The entity's name is its longest (then most frequent) canonical form; every other form is an
//! alias (sorted).

use std::collections::HashMap;

use crate::model::{Entity, EntityId, EntityType, Variant};
use crate::ner::lexicon::Lexicon;
use crate::ner::recognize::RawMention;

/// Dossier-wide entities.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    entities: Vec<Entity>,
    keys: HashMap<(EntityType, String), EntityId>,
    /// Per entity: canonical forms seen, with counts, in first-seen order.
    forms: Vec<Vec<(String, usize)>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Finds or creates the entity `raw` refers to and records `surface` (the mention's text)
    /// as an alias.
    pub fn resolve(&mut self, raw: &RawMention, surface: &str) -> EntityId {
        let ty = raw.entity_type;
        let canonical = if raw.canonical.trim().is_empty() {
            surface.trim()
        } else {
            raw.canonical.trim()
        };
        let key = identity_key(ty, canonical);
        let id = match self.keys.get(&(ty, key.clone())) {
            Some(&id) => id,
            None => self.find_by_short_form(ty, canonical).unwrap_or_else(|| {
                let id = EntityId(self.entities.len() as u32);
                self.entities.push(Entity {
                    id,
                    name: canonical.to_string(),
                    entity_type: ty,
                    aliases: Vec::new(),
                });
                self.forms.push(Vec::new());
                id
            }),
        };
        self.keys.entry((ty, key)).or_insert(id);
        if raw.variant == Variant::Name && !surface.trim().is_empty() {
            let skey = identity_key(ty, surface.trim());
            self.keys.entry((ty, skey)).or_insert(id);
        }
        self.record(id, canonical, surface.trim(), raw.variant);
        id
    }

    /// All entities; `entities()[i].id == EntityId(i)`.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with `id`.
    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0 as usize)
    }

    /// A person given by one word ("Kozlov") joins the one person whose first or last word it
    /// is; a full name ("Alexander Kozlov") takes over a person so far known only by its last
    /// (or first) word.
    fn find_by_short_form(&self, ty: EntityType, canonical: &str) -> Option<EntityId> {
        if ty != EntityType::Per {
            return None;
        }
        let words: Vec<&str> = canonical.split_whitespace().collect();
        let mut found: Vec<EntityId> = Vec::new();
        if words.len() == 1 {
            let k = name_key(words[0]);
            for e in self.entities.iter().filter(|e| e.entity_type == ty) {
                let ew: Vec<&str> = e.name.split_whitespace().collect();
                if ew.len() >= 2
                    && (ew.first().map(|w| name_key(w)) == Some(k.clone())
                        || ew.last().map(|w| name_key(w)) == Some(k.clone()))
                {
                    found.push(e.id);
                }
            }
        } else if let (Some(first), Some(last)) = (words.first(), words.last()) {
            let (kf, kl) = (name_key(first), name_key(last));
            for e in self.entities.iter().filter(|e| e.entity_type == ty) {
                if !e.name.contains(char::is_whitespace) {
                    let k = name_key(&e.name);
                    if k == kl || k == kf {
                        found.push(e.id);
                    }
                }
            }
        }
        if found.len() == 1 { found.pop() } else { None }
    }

    fn record(&mut self, id: EntityId, canonical: &str, surface: &str, variant: Variant) {
        let i = id.0 as usize;
        let (Some(entity), Some(forms)) = (self.entities.get_mut(i), self.forms.get_mut(i)) else {
            return;
        };
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

/// The key under which two names of type `ty` are the same entity.
fn identity_key(ty: EntityType, name: &str) -> String {
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
                    return name_key(org);
                }
            }
            _ => {}
        }
    }
    name_key(name)
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
    use crate::model::{Source, Span};

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
