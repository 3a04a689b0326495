//! The shape of the code base, checked: no import cycle among the files of `src/`, no runtime
//! module that uses clap or the developer tooling, and the core free of egui.
//!
//! A file *depends on* another when it names an item of it by path (`crate::a::b`,
//! `super::x`, `use super::{x, y}`). A module's declaration of its own children (`mod x;`,
//! `pub use x::Y`) is not a dependency: the parent is the child's table of contents. Test
//! modules (`#[cfg(test)] mod tests { … }` and `tests.rs` files) are left out.
//!
//! Run alone: `cargo test --test architecture -- --nocapture` prints every cycle found.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path of a source file: `src/store/mod.rs` → `["store"]`, `src/ner/tagger.rs` →
/// `["ner", "tagger"]`. `main.rs` and its modules live under the binary (`["bin", …]`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("file under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    if parts.first().map(String::as_str) == Some("main") {
        parts[0] = "bin".into();
    } else if parts.first().map(String::as_str) == Some("cli") {
        parts.insert(0, "bin".into());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments, string contents and `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        if in_str {
            if c == '\\' {
                chars.next();
            } else if c == '"' {
                in_str = false;
                out.push('"');
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                in_str = true;
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    // Cut `#[cfg(test)] mod name { … }` blocks.
    while let Some(at) = out.find("#[cfg(test)]") {
        let rest = &out[at..];
        let Some(open) = rest.find('{') else { break };
        let is_mod = rest[..open].contains("mod ");
        if !is_mod {
            out.replace_range(at..at + "#[cfg(test)]".len(), "");
            continue;
        }
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(open) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.replace_range(at..at + end, "");
    }
    out
}

struct Graph {
    files: BTreeMap<PathBuf, Vec<String>>,
    by_module: BTreeMap<Vec<String>, PathBuf>,
    edges: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    code: BTreeMap<PathBuf, String>,
}

impl Graph {
    fn build() -> Graph {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut paths = Vec::new();
        rust_files(&src, &mut paths);
        let mut files = BTreeMap::new();
        let mut by_module = BTreeMap::new();
        let mut code = BTreeMap::new();
        for p in paths {
            if p.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let m = module_path(&src, &p);
            by_module.insert(m.clone(), p.clone());
            code.insert(
                p.clone(),
                code_of(&std::fs::read_to_string(&p).expect("read")),
            );
            files.insert(p, m);
        }
        let mut graph = Graph {
            files,
            by_module,
            edges: BTreeMap::new(),
            code,
        };
        graph.find_edges();
        graph
    }

    /// The file of the longest module prefix of `parts`.
    fn resolve(&self, parts: &[String]) -> Option<&PathBuf> {
        (1..=parts.len())
            .rev()
            .find_map(|k| self.by_module.get(&parts[..k]))
    }

    fn find_edges(&mut self) {
        let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for (file, module) in &self.files {
            let code = &self.code[file];
            // `super` of `a/b.rs` is `a`; of `a/b/mod.rs` it is `a` too.
            let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
            let crate_root: Vec<String> = if module.first().map(String::as_str) == Some("bin") {
                vec!["bin".to_string()]
            } else {
                Vec::new()
            };
            let mut targets = BTreeSet::new();
            let bytes = code.as_bytes();
            for head in ["crate::", "super::", "dossier::"] {
                let mut from = 0;
                while let Some(found) = code[from..].find(head) {
                    let at = from + found;
                    from = at + head.len();
                    if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                        continue;
                    }
                    let base: Vec<String> = match head {
                        "crate::" => crate_root.clone(),
                        "super::" => parent.clone(),
                        _ => Vec::new(),
                    };
                    let rest = &code[at + head.len()..];
                    if let Some(group) = rest.strip_prefix('{') {
                        // `use super::{a, b::c};`
                        let inner = &group[..group.find('}').unwrap_or(group.len())];
                        for item in inner.split(',') {
                            let first = item.trim().split("::").next().unwrap_or("").trim();
                            if first.is_empty() || first == "self" {
                                continue;
                            }
                            let mut parts = base.clone();
                            parts.push(first.to_string());
                            if let Some(t) = self.resolve(&parts) {
                                targets.insert(t.clone());
                            }
                        }
                        continue;
                    }
                    let mut parts = base.clone();
                    for seg in rest.split("::") {
                        let name: String = seg
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if name.is_empty() {
                            break;
                        }
                        let complete = name.len() == seg.len();
                        parts.push(name);
                        if !complete {
                            break;
                        }
                    }
                    if let Some(t) = self.resolve(&parts) {
                        targets.insert(t.clone());
                    }
                }
            }
            targets.remove(file);
            // A parent naming its own children is their table of contents, not a dependency.
            targets.retain(|t| {
                let child = &self.files[t];
                !(child.len() == module.len() + 1 && child.starts_with(module))
            });
            edges.insert(file.clone(), targets);
        }
        self.edges = edges;
    }

    /// Strongly connected components with more than one file (Tarjan).
    fn cycles(&self) -> Vec<Vec<PathBuf>> {
        struct State<'a> {
            graph: &'a Graph,
            index: BTreeMap<&'a PathBuf, usize>,
            low: BTreeMap<&'a PathBuf, usize>,
            stack: Vec<&'a PathBuf>,
            on_stack: BTreeSet<&'a PathBuf>,
            next: usize,
            out: Vec<Vec<PathBuf>>,
        }
        fn visit<'a>(s: &mut State<'a>, v: &'a PathBuf) {
            s.index.insert(v, s.next);
            s.low.insert(v, s.next);
            s.next += 1;
            s.stack.push(v);
            s.on_stack.insert(v);
            for w in &s.graph.edges[v] {
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(lw));
                } else if s.on_stack.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(iw));
                }
            }
            if s.low[v] == s.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack.remove(w);
                    comp.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    s.out.push(comp);
                }
            }
        }
        let mut s = State {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            next: 0,
            out: Vec::new(),
        };
        for v in self.files.keys() {
            if !s.index.contains_key(v) {
                visit(&mut s, v);
            }
        }
        s.out
    }

    fn module_of(&self, file: &Path) -> &[String] {
        &self.files[file]
    }
}

fn show(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| name(f))
        .collect::<Vec<_>>()
        .join(" ↔ ")
}

fn name(file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}

#[test]
fn no_import_cycles_among_the_files_of_src() {
    let graph = Graph::build();
    let cycles = graph.cycles();
    for c in &cycles {
        println!("cycle: {}", show(c));
    }
    assert!(cycles.is_empty(), "{} import cycles", cycles.len());
}

#[test]
fn the_checker_finds_a_cycle_it_is_shown() {
    // The checker itself: two sibling files naming each other form a cycle; a parent naming
    // its child does not.
    let mut graph = Graph::build();
    let a = graph.by_module[&vec!["ner".to_string(), "tagger".to_string()]].clone();
    let b = graph.by_module[&vec!["ner".to_string(), "lexicon".to_string()]].clone();
    graph.edges.get_mut(&a).expect("a").insert(b.clone());
    graph.edges.get_mut(&b).expect("b").insert(a.clone());
    assert!(
        graph
            .cycles()
            .iter()
            .any(|c| c.contains(&a) && c.contains(&b))
    );
    let ner = graph.by_module[&vec!["ner".to_string()]].clone();
    assert!(
        !graph.edges[&ner].contains(&a),
        "a parent's declaration of its child is no dependency"
    );
}

#[test]
fn runtime_modules_use_neither_clap_nor_the_developer_tooling() {
    let graph = Graph::build();
    let mut wrong = Vec::new();
    for (file, targets) in &graph.edges {
        let module = graph.module_of(file);
        let first = module.first().map(String::as_str);
        if matches!(first, Some("bin" | "dev")) || module.is_empty() {
            continue;
        }
        for t in targets {
            if graph.module_of(t).first().map(String::as_str) == Some("dev") {
                wrong.push(format!("{} uses {}", name(file), name(t)));
            }
        }
        if graph.code[file].contains("clap::") {
            wrong.push(format!("{} uses clap", name(file)));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_core_does_not_name_the_viewer() {
    let graph = Graph::build();
    let mut wrong = Vec::new();
    for (file, targets) in &graph.edges {
        let module = graph.module_of(file);
        if matches!(
            module.first().map(String::as_str),
            Some("gui" | "bin" | "dev")
        ) || module.is_empty()
        {
            continue;
        }
        if graph.code[file].contains("egui::") || graph.code[file].contains("eframe::") {
            wrong.push(format!("{} uses egui", name(file)));
        }
        for t in targets {
            if graph.module_of(t).first().map(String::as_str) == Some("gui") {
                wrong.push(format!("{} uses {}", name(file), name(t)));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
