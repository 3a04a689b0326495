//! HTML articles, parsed with `scraper` (html5ever), with the main text found by content
//! scoring as a browser's reader view does it.
//!
//! **Main text.** Scripts, styles, forms, navigation, `aside`, page headers and footers outside
//! the article, hidden elements and elements whose class or id names page furniture (menus,
//! sidebars, comments, share buttons, related links, newsletters, cookie banners …) are left
//! out. Every paragraph-like element with some text scores for its parent and grandparents (one
//! point, one per comma, one per hundred characters, up to three); an element's score starts
//! from its tag and from class/id hints (`article`, `content`, `story` up; `comment`, `footer`,
//! `promo` down) and is weighed by its link density. The best candidate (or an ancestor that
//! several strong candidates share) is the article, together with the siblings that score
//! nearly as well or are plain paragraphs. Inside it, lists, tables, divs and sections full of
//! links, images or form fields are removed, as are blocks of share buttons.
//!
//! **Layout.** Block elements (`p`, `div`, `li`, `blockquote`, `tr`, …) are paragraphs; `h2`–`h4`
//! are headings of level 1–3 (`h1` too, unless it repeats the title); a "heading" of a full
//! sentence or more (a lede set in `<h2>`) is a paragraph. Figure captions (`figcaption`,
//! `caption`, and elements whose class names a caption) are paragraphs marked `captions`.
//!
//! **Metadata.** JSON-LD first: the first `NewsArticle`, `Article`, `ReportageNewsArticle`,
//! `BlogPosting` (or another article type) gives `headline`, `datePublished`, `dateModified`,
//! `author` and `publisher` (objects of other types, such as a `VideoObject`, are never used).
//! The title is `og:title`, else the JSON-LD headline, else `<title>`, else the first `<h1>`.
//! The date is the JSON-LD `datePublished`, else `article:published_time`, `published_at`,
//! `pubdate`, `date` and similar meta tags, `itemprop=datePublished` outside any video or other
//! media object, else the first `<time datetime>` in the article, else a publication-date line
//! in the article, with source [`DctSource::Metadata`](crate::model::DctSource::Metadata)
//! (`Text` for the date line).

use std::collections::{BTreeMap, HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};

use crate::model::{Dct, DctSource};

use super::body::{Body, Mark, clean_line};
use super::dates::{parse_date, parse_date_line};
use super::{Parsed, ReadError};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg", "button",
    "select", "textarea", "object", "embed", "canvas", "head", "title", "dialog", "input", "label",
    "link", "meta", "audio", "video", "source", "picture", "img", "map", "frame", "frameset",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "thead",
    "tbody",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "figcaption",
    "figure",
    "center",
    "caption",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// Elements that hold blocks: a `div` without any of them holds only inline content and is
/// scored like a paragraph.
const BLOCK_CHILDREN: &[&str] = &[
    "a",
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// Words in class or id that mark page furniture.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "newsletter",
    "cookie",
    "consent",
    "subscribe",
    "promo",
    "teaser-list",
    "most-popular",
    "mostpopular",
    "trending",
    "outbrain",
    "taboola",
    "toolbar",
    "navbar",
    "masthead",
    "signup",
    "login",
    "modal",
    "overlay",
    "skip-link",
    "skiplink",
    "byline-share",
    "recommend",
    "more-stories",
    "breaking-news-banner",
    "ticker",
    "playlist",
    "video-player",
    "captions-settings",
    "caption-settings",
    "vjs-",
    "jw-",
    "ytp-",
];

/// Words in class or id that keep an element despite an [`UNLIKELY`] word.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

/// Class/id words that raise an element's score.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "story-body",
    "articlebody",
    "article-body",
    "paywall",
];

/// Class/id words that lower an element's score.
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "hid",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "newsletter",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "caption",
    "credit",
    "subscribe",
];

/// ARIA roles of page furniture.
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];

/// JSON-LD types of an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
];

/// The encoding label of a `<meta charset>` or `http-equiv` content type among the first bytes.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| {
            matches!(
                b,
                b'"' | b'\'' | b' ' | b';' | b'>' | b'/' | b'\n' | b'\r' | b'\t'
            )
        })
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

fn select_first<'a>(html: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(selector).ok()?;
    html.select(&selector).next()
}

fn meta_content(html: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        let selector = Selector::parse(s).ok()?;
        html.select(&selector)
            .filter(|e| !inside_media_object(**e))
            .find_map(|e| {
                e.attr("content")
                    .or_else(|| e.attr("datetime"))
                    .map(clean_line)
                    .filter(|c| !c.is_empty())
            })
    })
}

fn element_text(e: ElementRef<'_>) -> String {
    clean_line(&e.text().collect::<String>())
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// True when the element sits inside a microdata item that is a video or other media object
/// (whose `datePublished` is not the article's).
fn inside_media_object(node: NodeRef<'_, Node>) -> bool {
    node.ancestors().chain(std::iter::once(node)).any(|n| {
        n.value().as_element().is_some_and(|e| {
            e.attr("itemtype").is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("videoobject")
                    || t.contains("mediaobject")
                    || t.contains("audioobject")
                    || t.contains("imageobject")
                    || t.contains("clip")
                    || t.contains("event")
            })
        })
    })
}

/// The class and id of an element, lower case, joined.
fn class_id(e: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(c) = e.attr("class") {
        s.push_str(c);
    }
    s.push(' ');
    if let Some(i) = e.attr("id") {
        s.push_str(i);
    }
    s.to_ascii_lowercase()
}

fn has_any(haystack: &str, words: &[&str]) -> bool {
    words.iter().any(|w| haystack.contains(w))
}

/// Class/id weight: +25 for content hints, −25 for furniture hints.
fn class_weight(e: &scraper::node::Element) -> f64 {
    let mut w = 0.0;
    for part in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        let p = part.to_ascii_lowercase();
        if has_any(&p, NEGATIVE) {
            w -= 25.0;
        }
        if has_any(&p, POSITIVE) {
            w += 25.0;
        }
    }
    w
}

/// Furniture by class, id or role (not for `body`, `article`, `main`, links).
fn is_unlikely(e: &scraper::node::Element) -> bool {
    let name = e.name();
    if matches!(
        name,
        "body"
            | "html"
            | "article"
            | "main"
            | "a"
            | "p"
            | "table"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "code"
    ) {
        return false;
    }
    if e.attr("role")
        .is_some_and(|r| UNLIKELY_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let ci = class_id(e);
    if ci.trim().is_empty() {
        return false;
    }
    has_any(&ci, UNLIKELY) && !has_any(&ci, MAYBE)
}

/// Per-node text statistics.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    /// Characters of text (whitespace runs counted once).
    text: usize,
    /// Characters of text inside links.
    link: usize,
    /// Commas in the text.
    commas: usize,
    /// Paragraphs, images, list items, inputs, embeds below.
    p: usize,
    img: usize,
    li: usize,
    input: usize,
    embed: usize,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.text += o.text;
        self.link += o.link;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
    }

    fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f64 / self.text as f64
        }
    }
}

fn text_len(t: &str) -> usize {
    let mut n = 0;
    let mut space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if !space {
                n += 1;
            }
            space = true;
        } else {
            n += 1;
            space = false;
        }
    }
    n
}

/// The document with its furniture set aside and every remaining node's text statistics.
struct Analysis<'a> {
    html: &'a Html,
    /// Nodes left out (their whole subtree).
    removed: HashSet<NodeId>,
    stats: HashMap<NodeId, Stats>,
}

/// How strictly furniture is removed (the reader view retries with less when too little is
/// left).
#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weigh_classes: bool,
    clean_conditionally: bool,
}

impl<'a> Analysis<'a> {
    fn new(html: &'a Html, flags: Flags) -> Analysis<'a> {
        let mut removed = HashSet::new();
        let mut order: Vec<NodeRef<'a, Node>> = Vec::new();
        // (node, inside an article or main element)
        let mut stack: Vec<(NodeRef<'a, Node>, bool)> = vec![(html.tree.root(), false)];
        while let Some((node, in_article)) = stack.pop() {
            let mut in_article = in_article;
            if let Node::Element(e) = node.value() {
                let name = e.name();
                let remove = SKIP.contains(&name)
                    || is_hidden(e)
                    || (name == "header" && !in_article)
                    || name == "footer"
                    || (flags.strip_unlikely && is_unlikely(e))
                    || (flags.strip_unlikely && is_short_share(node, e));
                if remove && name != "body" && name != "html" {
                    removed.insert(node.id());
                    continue;
                }
                if matches!(name, "article" | "main") || e.attr("role") == Some("main") {
                    in_article = true;
                }
            }
            order.push(node);
            for child in node.children().rev() {
                stack.push((child, in_article));
            }
        }
        // Bottom-up statistics.
        let mut stats: HashMap<NodeId, Stats> = HashMap::with_capacity(order.len());
        for node in order.iter().rev() {
            let mut s = Stats::default();
            match node.value() {
                Node::Text(t) => {
                    s.text = text_len(t);
                    s.commas = t.matches([',', '，', '、', '،']).count();
                }
                Node::Element(e) => {
                    for child in node.children() {
                        if let Some(cs) = stats.get(&child.id()) {
                            s.add(cs);
                        }
                    }
                    match e.name() {
                        "a" => s.link = s.text,
                        "p" => s.p += 1,
                        "li" => s.li += 1,
                        _ => {}
                    }
                    // Removed elements still count for conditional cleaning.
                    for child in node.children() {
                        if let Some(ce) = child.value().as_element()
                            && removed.contains(&child.id())
                        {
                            match ce.name() {
                                "img" | "picture" => s.img += 1,
                                "input" | "select" | "textarea" => s.input += 1,
                                "iframe" | "embed" | "object" | "video" => s.embed += 1,
                                _ => {}
                            }
                        }
                    }
                }
                _ => {}
            }
            stats.insert(node.id(), s);
        }
        Analysis {
            html,
            removed,
            stats,
        }
    }

    fn stats(&self, id: NodeId) -> Stats {
        self.stats.get(&id).copied().unwrap_or_default()
    }
}

/// Share and social blocks with little text.
fn is_short_share(node: NodeRef<'_, Node>, e: &scraper::node::Element) -> bool {
    let ci = class_id(e);
    if !(ci.contains("share") || ci.contains("sharing") || ci.contains("social")) {
        return false;
    }
    let text: usize = node
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| text_len(t)))
        .sum();
    text < 500
}

/// Tag-based start score of a candidate.
fn tag_score(name: &str) -> f64 {
    match name {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// True for a `div` (or `section`) whose children are all inline: it is a paragraph.
fn is_inline_container(node: NodeRef<'_, Node>) -> bool {
    !node.children().any(|c| {
        c.value()
            .as_element()
            .is_some_and(|e| BLOCK_CHILDREN.contains(&e.name()))
    })
}

/// Finds the article: the elements (siblings under one parent) whose text is the main text.
fn find_article(a: &Analysis<'_>, flags: Flags) -> Vec<NodeId> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    let Some(body) = select_first(a.html, "body") else {
        return Vec::new();
    };
    let mut stack = vec![*body];
    let init = |id: NodeId, scores: &mut HashMap<NodeId, f64>, order: &mut Vec<NodeId>| {
        if let std::collections::hash_map::Entry::Vacant(v) = scores.entry(id) {
            let node = a.html.tree.get(id);
            let e = node.and_then(|n| n.value().as_element());
            let base = e.map_or(0.0, |e| {
                tag_score(e.name())
                    + if flags.weigh_classes {
                        class_weight(e)
                    } else {
                        0.0
                    }
            });
            v.insert(base);
            order.push(id);
        }
    };
    while let Some(node) = stack.pop() {
        if a.removed.contains(&node.id()) {
            continue;
        }
        let Some(e) = node.value().as_element() else {
            continue;
        };
        let name = e.name();
        let scorable = matches!(
            name,
            "p" | "pre" | "td" | "section" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) || (matches!(name, "div" | "blockquote" | "li" | "dd")
            && is_inline_container(node));
        if scorable {
            let s = a.stats(node.id());
            if s.text >= 25 {
                let score = 1.0 + s.commas as f64 + (s.text / 100).min(3) as f64;
                for (level, anc) in node.ancestors().take(5).enumerate() {
                    if anc.value().as_element().is_none() {
                        break;
                    }
                    init(anc.id(), &mut scores, &mut order);
                    let divider = match level {
                        0 => 1.0,
                        1 => 2.0,
                        l => l as f64 * 3.0,
                    };
                    if let Some(v) = scores.get_mut(&anc.id()) {
                        *v += score / divider;
                    }
                }
            }
            if name != "section" && name != "div" {
                continue;
            }
        }
        for child in node.children().rev() {
            stack.push(child);
        }
    }
    // Scale by link density.
    let mut candidates: Vec<(NodeId, f64)> = order
        .iter()
        .map(|id| {
            let s = a.stats(*id);
            (*id, scores[id] * (1.0 - s.link_density()))
        })
        .collect();
    candidates.sort_by(|x, y| y.1.total_cmp(&x.1));
    let Some(&(mut top, top_score)) = candidates.first() else {
        return Vec::new();
    };
    let final_score = |id: NodeId| -> Option<f64> {
        scores
            .get(&id)
            .map(|s| s * (1.0 - a.stats(id).link_density()))
    };
    // Several strong candidates under one ancestor: the ancestor is the article.
    let alternatives: Vec<HashSet<NodeId>> = candidates
        .iter()
        .skip(1)
        .take(5)
        .filter(|(_, s)| *s / top_score >= 0.75)
        .filter_map(|(id, _)| a.html.tree.get(*id))
        .map(|n| n.ancestors().map(|x| x.id()).collect())
        .collect();
    if alternatives.len() >= 3
        && let Some(top_node) = a.html.tree.get(top)
    {
        for anc in top_node.ancestors() {
            if anc.value().as_element().is_none_or(|e| e.name() == "body") {
                break;
            }
            let sharing = alternatives
                .iter()
                .filter(|set| set.contains(&anc.id()))
                .count();
            if sharing >= 3 {
                top = anc.id();
                break;
            }
        }
    }
    // A parent that scores better than the candidate takes its place.
    if let Some(top_node) = a.html.tree.get(top) {
        let mut last = final_score(top).unwrap_or(top_score);
        let threshold = last / 3.0;
        for anc in top_node.ancestors() {
            if anc.value().as_element().is_none_or(|e| e.name() == "body") {
                break;
            }
            let Some(s) = final_score(anc.id()) else {
                continue;
            };
            if s < threshold {
                break;
            }
            if s > last {
                top = anc.id();
                break;
            }
            last = s;
        }
    }
    // An only child stands for its parent.
    while let Some(node) = a.html.tree.get(top)
        && let Some(parent) = node.parent()
        && parent
            .value()
            .as_element()
            .is_some_and(|e| e.name() != "body")
        && parent
            .children()
            .filter(|c| c.value().is_element() && !a.removed.contains(&c.id()))
            .count()
            == 1
    {
        top = parent.id();
    }
    // Siblings that belong to the article.
    let top_score = final_score(top).unwrap_or(top_score);
    let Some(top_node) = a.html.tree.get(top) else {
        return vec![top];
    };
    let Some(parent) = top_node.parent() else {
        return vec![top];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = top_node
        .value()
        .as_element()
        .and_then(|e| e.attr("class"))
        .unwrap_or("");
    let mut out = Vec::new();
    for sib in parent.children() {
        if a.removed.contains(&sib.id()) {
            continue;
        }
        if sib.id() == top {
            out.push(sib.id());
            continue;
        }
        let Some(e) = sib.value().as_element() else {
            continue;
        };
        let bonus = if !top_class.is_empty() && e.attr("class") == Some(top_class) {
            top_score * 0.2
        } else {
            0.0
        };
        if let Some(s) = final_score(sib.id())
            && s + bonus >= threshold
        {
            out.push(sib.id());
            continue;
        }
        if e.name() == "p" {
            let st = a.stats(sib.id());
            let text = ElementRef::wrap(sib).map(element_text).unwrap_or_default();
            if st.text > 80 && st.link_density() < 0.25
                || (st.text > 0 && st.text <= 80 && st.link == 0 && text.ends_with('.'))
            {
                out.push(sib.id());
            }
        }
    }
    out
}

/// Removes, inside the article, lists, tables and blocks that are mostly links, images or
/// form fields rather than text (the reader view's conditional cleaning).
fn clean_conditionally(a: &mut Analysis<'_>, roots: &[NodeId], flags: Flags) {
    let mut nodes: Vec<NodeId> = Vec::new();
    for root in roots {
        if let Some(r) = a.html.tree.get(*root) {
            let mut stack = vec![r];
            while let Some(n) = stack.pop() {
                if a.removed.contains(&n.id()) {
                    continue;
                }
                nodes.push(n.id());
                stack.extend(n.children());
            }
        }
    }
    for id in nodes.into_iter().rev() {
        let Some(node) = a.html.tree.get(id) else {
            continue;
        };
        if node.ancestors().any(|anc| a.removed.contains(&anc.id())) {
            continue;
        }
        let Some(e) = node.value().as_element() else {
            continue;
        };
        let name = e.name();
        if !matches!(
            name,
            "table" | "ul" | "ol" | "div" | "section" | "header" | "dl" | "fieldset"
        ) {
            continue;
        }
        // Data tables stay.
        if name == "table" && (e.attr("role") != Some("presentation")) {
            let s = a.stats(id);
            if s.link_density() < 0.5 {
                continue;
            }
        }
        let in_figure = node
            .ancestors()
            .any(|x| x.value().as_element().is_some_and(|e| e.name() == "figure"));
        let weight = if flags.weigh_classes {
            class_weight(e)
        } else {
            0.0
        };
        let s = a.stats(id);
        let is_list = matches!(name, "ul" | "ol" | "dl")
            || (s.li > 0 && s.text > 0 && {
                // Text mostly in list items.
                let li_text: usize = node
                    .descendants()
                    .filter(|d| d.value().as_element().is_some_and(|x| x.name() == "li"))
                    .map(|d| a.stats(d.id()).text)
                    .sum();
                li_text as f64 / s.text as f64 > 0.9
            });
        if weight < 0.0 {
            a.removed.insert(id);
            continue;
        }
        if s.commas >= 10 {
            continue;
        }
        let p = s.p as f64;
        let img = s.img as f64;
        let li = s.li as f64 - 100.0;
        let ld = s.link_density();
        let content = s.text;
        let remove = (img > 1.0 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (s.input as f64 > (p / 3.0).floor())
            || (!is_list
                && content < 25
                && (s.img == 0 || s.img > 2)
                && !in_figure
                && s.text > 0
                && has_no_heading(node))
            || (!is_list && weight < 25.0 && ld > 0.2)
            || (weight >= 25.0 && ld > 0.5)
            || ((s.embed == 1 && content < 75) || s.embed > 1);
        if remove {
            a.removed.insert(id);
        }
    }
}

fn has_no_heading(node: NodeRef<'_, Node>) -> bool {
    !node.descendants().any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| heading_level(e.name()).is_some())
    })
}

/// Collects paragraphs and headings below `roots`, leaving out removed nodes.
fn collect(
    html: &Html,
    roots: &[NodeId],
    removed: &HashSet<NodeId>,
    title: &mut String,
) -> (Body, Option<chrono::NaiveDate>) {
    let mut body = Body::default();
    let mut date = None;
    let mut buf = String::new();
    let mut heading: Option<u8> = None;
    let mut caption = 0usize;
    for root in roots {
        let Some(root) = html.tree.get(*root) else {
            continue;
        };
        let mut stack = vec![(root, true)];
        while let Some((node, open)) = stack.pop() {
            match node.value() {
                Node::Text(t) if open => buf.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    let level = heading_level(name);
                    let is_caption = matches!(name, "figcaption" | "caption")
                        || (name != "figure"
                            && class_id(e).contains("caption")
                            && !class_id(e).contains("settings"));
                    if open {
                        if removed.contains(&node.id()) {
                            continue;
                        }
                        if BLOCKS.contains(&name) || level.is_some() || is_caption {
                            flush(&mut buf, heading, caption > 0, &mut body, title, &mut date);
                            if level.is_some() {
                                heading = level;
                            }
                        }
                        if is_caption {
                            caption += 1;
                        }
                        match name {
                            "br" | "td" | "th" => buf.push(' '),
                            _ => {}
                        }
                        stack.push((node, false));
                        for child in node.children().rev() {
                            stack.push((child, true));
                        }
                    } else if BLOCKS.contains(&name) || level.is_some() || is_caption {
                        flush(&mut buf, heading, caption > 0, &mut body, title, &mut date);
                        if level.is_some() {
                            heading = None;
                        }
                        if is_caption {
                            caption = caption.saturating_sub(1);
                        }
                    }
                }
                _ => {}
            }
        }
        flush(&mut buf, heading, caption > 0, &mut body, title, &mut date);
    }
    (body, date)
}

/// True for heading text that is really a sentence (a lede set as a heading).
fn is_sentence(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words >= 16 || (words >= 8 && text.ends_with(['.', '!']))
}

fn flush(
    buf: &mut String,
    heading: Option<u8>,
    caption: bool,
    body: &mut Body,
    title: &mut String,
    date: &mut Option<chrono::NaiveDate>,
) {
    let text = clean_line(buf);
    buf.clear();
    if text.is_empty() {
        return;
    }
    match heading {
        Some(1) if title.is_empty() => *title = text,
        Some(1) | Some(2)
            if !title.is_empty()
                && body.paragraphs.is_empty()
                && (title.contains(&text) || text.contains(title.as_str())) => {}
        Some(_) if is_sentence(&text) => body.paragraph(&text),
        // A date on its own (a date line in the article header) is not prose.
        None if parse_date_line(&text).is_some() => {
            if date.is_none() {
                *date = parse_date_line(&text);
            }
        }
        Some(level) => body.heading(&text, level.saturating_sub(1).clamp(1, 3)),
        None if caption => body.marked(&text, Mark::Caption),
        None => body.paragraph(&text),
    }
}

/// Article metadata from JSON-LD.
#[derive(Default, Debug)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    created: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

fn is_article_type(v: &serde_json::Value) -> bool {
    let ty = |s: &str| {
        let s = s.rsplit('/').next().unwrap_or(s);
        ARTICLE_TYPES.contains(&s)
    };
    match v.get("@type") {
        Some(serde_json::Value::String(s)) => ty(s),
        Some(serde_json::Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(ty)),
        _ => false,
    }
}

fn names(v: &serde_json::Value) -> Option<String> {
    let list: Vec<String> = match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        serde_json::Value::Array(a) => a.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let list: Vec<String> = list
        .into_iter()
        .map(|s| clean_line(&s))
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The first article object in the page's JSON-LD blocks (searching `@graph` and arrays).
fn json_ld(html: &Html) -> JsonLd {
    let Ok(selector) = Selector::parse("script[type=\"application/ld+json\"]") else {
        return JsonLd::default();
    };
    for script in html.select(&selector) {
        let raw: String = script.text().collect();
        let mut raw = raw.trim();
        // `<![CDATA[ … ]]>`, also behind `//` or inside `/* */`.
        for prefix in ["//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            if let Some(rest) = raw.strip_prefix(prefix) {
                raw = rest.trim();
            }
        }
        for suffix in ["//]]>", "/*]]>*/", "]]>"] {
            if let Some(rest) = raw.strip_suffix(suffix) {
                raw = rest.trim();
            }
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        let mut stack = vec![&value];
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > 10_000 {
                break;
            }
            match v {
                serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                serde_json::Value::Object(o) => {
                    if is_article_type(v) {
                        let s = |k: &str| {
                            o.get(k)
                                .and_then(|x| x.as_str())
                                .map(clean_line)
                                .filter(|x| !x.is_empty())
                        };
                        return JsonLd {
                            headline: s("headline").or_else(|| s("name")),
                            published: s("datePublished"),
                            created: s("dateCreated"),
                            modified: s("dateModified"),
                            author: o.get("author").and_then(names),
                            publisher: o.get("publisher").and_then(names),
                        };
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                    // An article may also be the page's main entity.
                    if let Some(m) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage")) {
                        stack.push(m);
                    }
                }
                _ => {}
            }
        }
    }
    JsonLd::default()
}

/// A date written in metadata: `parse_date`, or an ISO date-time with fractions.
fn meta_date(s: &str) -> Option<chrono::NaiveDate> {
    parse_date(s).or_else(|| super::agency::norm_date(s))
}

/// One extraction attempt: the body, a date line found in it, the article's roots and the nodes
/// left out.
type Extracted = (
    Body,
    Option<chrono::NaiveDate>,
    Vec<NodeId>,
    HashSet<NodeId>,
);

/// Reads an HTML article.
pub(crate) fn parse(text: &str) -> Result<Parsed, ReadError> {
    if let Some(pos) = too_deep(text) {
        return Err(ReadError::Html(format!(
            "elements nested more than {MAX_DEPTH} levels deep (at byte {pos})"
        )));
    }
    let html = Html::parse_document(text);
    let ld = json_ld(&html);
    let mut title = meta_content(
        &html,
        &[
            "meta[property=\"og:title\"]",
            "meta[name=\"og:title\"]",
            "meta[name=\"twitter:title\"]",
        ],
    )
    .or_else(|| ld.headline.clone())
    .or_else(|| {
        select_first(&html, "title")
            .map(element_text)
            .filter(|t| !t.is_empty())
    })
    .unwrap_or_default();

    let date_meta = [
        "meta[property=\"article:published_time\"]",
        "meta[name=\"article:published_time\"]",
        "meta[name=\"published_at\"]",
        "meta[property=\"published_at\"]",
        "meta[name=\"pubdate\"]",
        "meta[name=\"publishdate\"]",
        "meta[name=\"publish-date\"]",
        "meta[name=\"publish_date\"]",
        "meta[name=\"date\"]",
        "meta[name=\"dc.date.issued\"]",
        "meta[name=\"DC.date.issued\"]",
        "meta[name=\"dcterms.created\"]",
        "meta[name=\"DC.date\"]",
        "meta[name=\"dc.date\"]",
        "meta[name=\"sailthru.date\"]",
        "meta[name=\"parsely-pub-date\"]",
        "meta[property=\"og:published_time\"]",
        "meta[itemprop=\"datePublished\"]",
        "[itemprop=\"datePublished\"]",
    ];
    let mut dct = ld
        .published
        .as_deref()
        .and_then(meta_date)
        .map(|d| (d, DctSource::Metadata));
    if dct.is_none() {
        dct = date_meta.iter().find_map(|s| {
            meta_content(&html, &[s])
                .as_deref()
                .and_then(meta_date)
                .map(|d| (d, DctSource::Metadata))
        });
    }
    if dct.is_none() {
        dct = ld
            .created
            .as_deref()
            .and_then(meta_date)
            .map(|d| (d, DctSource::Metadata));
    }

    let mut metadata = BTreeMap::new();
    if let Some(author) = ld.author.clone().or_else(|| {
        meta_content(
            &html,
            &["meta[name=\"author\"]", "meta[property=\"article:author\"]"],
        )
        .filter(|a| !a.starts_with("http"))
    }) {
        metadata.insert("author".to_string(), author);
    }
    if let Some(p) = ld
        .publisher
        .clone()
        .or_else(|| meta_content(&html, &["meta[property=\"og:site_name\"]"]))
    {
        metadata.insert("publisher".to_string(), p);
    }
    if let Some(m) = &ld.modified {
        metadata.insert("modified".to_string(), m.clone());
    }
    if let Some(p) = &ld.published {
        metadata.insert("published".to_string(), p.clone());
    }
    let url = meta_content(&html, &["meta[property=\"og:url\"]"]).or_else(|| {
        select_first(&html, "link[rel=\"canonical\"]")
            .and_then(|e| e.attr("href"))
            .map(str::to_string)
    });
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        metadata.insert("url".to_string(), url);
    }

    // The article by content scoring, retried with less removal when too little is left.
    let attempts = [
        Flags {
            strip_unlikely: true,
            weigh_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weigh_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weigh_classes: false,
            clean_conditionally: false,
        },
    ];
    let mut best: Option<Extracted> = None;
    for flags in attempts {
        let mut analysis = Analysis::new(&html, flags);
        let roots = find_article(&analysis, flags);
        if roots.is_empty() {
            continue;
        }
        if flags.clean_conditionally {
            clean_conditionally(&mut analysis, &roots, flags);
        }
        let mut t = title.clone();
        let (body, date) = collect(&html, &roots, &analysis.removed, &mut t);
        let len = body.text.len();
        let better = best.as_ref().is_none_or(|(b, _, _, _)| len > b.text.len());
        if better {
            best = Some((body, date, roots, analysis.removed));
        }
        if len >= 500 {
            break;
        }
    }
    let (mut body, mut text_date, roots, removed) = match best {
        Some((b, d, r, rm)) if !b.is_empty() => (b, d, r, rm),
        _ => {
            // No scored paragraph: the whole page, furniture left out.
            let analysis = Analysis::new(
                &html,
                Flags {
                    strip_unlikely: false,
                    weigh_classes: false,
                    clean_conditionally: false,
                },
            );
            let root = select_first(&html, "body")
                .map(|b| b.id())
                .unwrap_or_else(|| html.root_element().id());
            let (b, d) = collect(&html, &[root], &analysis.removed, &mut title.clone());
            (b, d, vec![root], analysis.removed)
        }
    };
    // Re-collect with the real title so that an <h1> can become the title.
    if title.is_empty() {
        (body, text_date) = collect(&html, &roots, &removed, &mut title);
    }
    if body.is_empty() && title.is_empty() {
        let first_error = html
            .errors
            .first()
            .map(|e| format!(" (first parse error: {e})"))
            .unwrap_or_default();
        return Err(ReadError::Html(format!("no text content{first_error}")));
    }
    if title.is_empty()
        && let Some(h1) = select_first(&html, "h1")
    {
        title = element_text(h1);
    }
    // A <time datetime> in the article, else a date line in its text.
    if dct.is_none() {
        let time = Selector::parse("time").ok();
        dct = roots.iter().find_map(|r| {
            let node = html.tree.get(*r)?;
            let el = ElementRef::wrap(node)?;
            el.select(time.as_ref()?).find_map(|t| {
                t.attr("datetime")
                    .and_then(meta_date)
                    .or_else(|| parse_date(&element_text(t)))
                    .map(|d| (d, DctSource::Metadata))
            })
        });
    }
    if dct.is_none()
        && let Ok(time) = Selector::parse("time[datetime]")
    {
        dct = html
            .select(&time)
            .filter(|t| !inside_media_object(**t))
            .find_map(|t| t.attr("datetime").and_then(meta_date))
            .map(|d| (d, DctSource::Metadata));
    }
    if dct.is_none() {
        dct = text_date.map(|d| (d, DctSource::Text));
    }
    Ok(Parsed {
        title,
        body,
        metadata,
        dct: dct.map(|(date, source)| Dct { date, source }),
        lang: None,
    })
}

/// Deepest element nesting accepted: the HTML parser needs time quadratic in the depth, and
/// real pages stay far below this.
const MAX_DEPTH: usize = 4_096;

/// Elements that have no end tag or whose end tag may be left out.
fn no_required_end_tag(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"rt",
        b"rp",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"caption",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"keygen",
        b"command",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// A rough count of the deepest element nesting, from start and end tags alone, with its byte
/// position; `None` while it stays below [`MAX_DEPTH`].
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &b[name_start..name_start + name_len];
        if no_required_end_tag(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let end = b[name_start..].iter().position(|&c| c == b'>');
            let self_closing = end.is_some_and(|e| e > 0 && b[name_start + e - 1] == b'/');
            if !self_closing {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(lt);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn article_page() {
        let html = r#"<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Nordkorea | Beispiel-Nachrichten</title>
<meta property="og:title" content="Nordkorea und Russland rücken zusammen">
<meta property="article:published_time" content="2024-11-19T10:15:00+01:00">
<meta name="author" content="Max Muster">
<style>p { color: red }</style><script>var x = "Nicht lesen";</script></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<header><h1>Seitenkopf</h1></header>
<article><h1>Nordkorea und Russland rücken zusammen</h1>
<p>Kim Jong Un hat sich mit <b>Alexander Kozlov</b> getroffen.</p>
<h2>Ein neuer Pakt</h2>
<p>Der Vertrag wurde am 19. Juni<br>unterzeichnet.</p>
<ul><li>Erster Punkt</li><li>Zweiter Punkt</li></ul>
<aside>Lesen Sie auch: Anderes</aside>
<form><input name="q"><button>Suchen</button></form>
<div hidden>Versteckt</div>
</article><footer>Impressum</footer></body></html>"#;
        let p = parse(html).unwrap();
        assert_eq!(p.title, "Nordkorea und Russland rücken zusammen");
        assert_eq!(
            p.dct,
            Some(Dct {
                date: NaiveDate::from_ymd_opt(2024, 11, 19).unwrap(),
                source: DctSource::Metadata
            })
        );
        assert_eq!(
            p.metadata.get("author").map(String::as_str),
            Some("Max Muster")
        );
        assert_eq!(
            p.body.text,
            "Kim Jong Un hat sich mit Alexander Kozlov getroffen.\n\nDer Vertrag wurde am 19. Juni unterzeichnet.\n\nErster Punkt\n\nZweiter Punkt"
        );
        assert_eq!(p.body.headings.len(), 1);
        assert_eq!(p.body.headings[0].text, "Ein neuer Pakt");
        assert_eq!(p.body.headings[0].offset, p.body.paragraphs[1].start);
    }

    #[test]
    fn biggest_article_and_its_header() {
        let html = r#"<html><head><title>Kim trifft Kozlov – Beispiel</title></head><body>
<article><h2>Teaser</h2><p>Kurz.</p></article>
<article><header><h1>Kim trifft Kozlov</h1><p>Der Vorspann mit den wichtigsten Fakten.</p>
<time datetime="2024-11-19">19.11.2024, 10:15 Uhr</time></header>
<p>Der lange Haupttext des Artikels steht hier und ist deutlich länger als der Teaser.</p>
<footer>Teilen: Facebook</footer></article></body></html>"#;
        let p = parse(html).unwrap();
        assert_eq!(p.title, "Kim trifft Kozlov – Beispiel");
        assert!(p.body.headings.is_empty(), "{:?}", p.body.headings);
        assert_eq!(
            p.body.text,
            "Der Vorspann mit den wichtigsten Fakten.\n\nDer lange Haupttext des Artikels steht hier und ist deutlich länger als der Teaser."
        );
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 11, 19));
    }

    #[test]
    fn fallbacks() {
        let p = parse("<html><body><h1>Nur ein Titel</h1><p>Text mit <time datetime=\"2024-10-28\">Montag</time>.</p></body></html>").unwrap();
        assert_eq!(p.title, "Nur ein Titel");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 10, 28));
        assert_eq!(p.body.text, "Text mit Montag.");
        assert!(matches!(
            parse("<html><head><script>x()</script></head><body> </body></html>"),
            Err(ReadError::Html(_))
        ));
        assert!(parse("<<<>>>").is_ok());
    }

    #[test]
    fn absurd_nesting_is_refused_quickly() {
        let deep = format!("{}Text{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        match parse(&deep) {
            Err(e @ ReadError::Html(_)) => assert!(e.to_string().contains("nested"), "{e}"),
            other => panic!("{:?}", other.map(|p| p.body.text)),
        }
        // Many unclosed paragraphs and list items are normal.
        let flat = format!("<ul>{}</ul>", "<li><p>Punkt".repeat(20_000));
        assert_eq!(
            parse(&flat).map(|p| p.body.paragraphs.len()).ok(),
            Some(20_000)
        );
    }

    /// Filler paragraphs for test pages.
    fn prose(n: usize, topic: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Der {i}. Absatz über {topic} enthält genug Text, mit Kommas, Namen und Zahlen, damit er als Fließtext zählt.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn sidebar_article_does_not_win_over_main() {
        // The first <article> is a promotion; the story sits in a role=main block.
        let html = format!(
            "<html><head><title>Bericht</title></head><body>             <article class=\"promo\"><h3>Send a message now</h3><p>Tell us your story.</p></article>             <div role=\"main\"><div class=\"story-body\"><h1>Bericht</h1>{}</div></div>             <ul class=\"related-links\"><li><a href=\"/a\">Anderer Artikel</a></li><li><a href=\"/b\">Noch einer</a></li></ul>             </body></html>",
            prose(6, "die Delegation")
        );
        let p = parse(&html).unwrap();
        assert!(
            p.body.text.starts_with("Der 0. Absatz über die Delegation"),
            "{}",
            p.body.text
        );
        assert!(!p.body.text.contains("Send a message"));
        assert!(!p.body.text.contains("Anderer Artikel"));
        assert_eq!(p.body.paragraphs.len(), 6);
    }

    #[test]
    fn page_without_article_loses_its_furniture() {
        let html = format!(
            "<html><body>             <div id=\"menu\"><a href=\"/\">Start</a> <a href=\"/politik\">Politik</a></div>             <div class=\"newsletter-box\"><p>Abonnieren Sie unseren Newsletter, jeden Morgen kostenlos.</p></div>             <div class=\"content\"><h2>Der Vorspann dieses Artikels steht in einer Überschrift und ist doch ein ganzer Satz mit vielen Wörtern.</h2>{}             <figure><img src=\"a.jpg\"><figcaption>Kim Jong Un in Pjöngjang.</figcaption></figure>{}</div>             <div class=\"share-buttons\"><a href=\"#\">Teilen</a></div>             <div class=\"vjs-caption-settings\"><p>Font size, 50%, 75%, 100%, 125%, 150%, 175%, 200%</p></div>             <div id=\"footer\"><p>Impressum, Datenschutz, Kontakt und alles Weitere.</p></div>             </body></html>",
            prose(4, "Russland"),
            prose(3, "Nordkorea")
        );
        let p = parse(&html).unwrap();
        let paras: Vec<&str> = p
            .body
            .paragraphs
            .iter()
            .map(|s| s.slice(&p.body.text))
            .collect();
        assert_eq!(paras.len(), 9, "{paras:?}");
        assert!(
            paras[0].starts_with("Der Vorspann"),
            "the lede in <h2> is text"
        );
        assert_eq!(paras[5], "Kim Jong Un in Pjöngjang.");
        assert_eq!(p.body.marks, [(5, Mark::Caption)]);
        for junk in ["Start", "Newsletter", "Teilen", "Font size", "Impressum"] {
            assert!(!p.body.text.contains(junk), "{junk}");
        }
    }

    #[test]
    fn dates_from_json_ld_and_meta_never_from_a_video() {
        let body = format!("<body><article>{}</article></body>", prose(4, "Kim"));
        // An embedded video's JSON-LD comes first; the article's date is the NewsArticle's.
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"VideoObject\",\"name\":\"Clip\",\"datePublished\":\"2020-01-01T00:00:00Z\"}}</script>             <script type=\"application/ld+json\">//<![CDATA[\n{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebPage\"}},{{\"@type\":[\"NewsArticle\"],\"headline\":\"Kim trifft Kozlov\",\"datePublished\":\"2024-11-19T08:00:00+01:00\",\"dateModified\":\"2024-11-20T09:00:00+01:00\",\"author\":[{{\"@type\":\"Person\",\"name\":\"Erika Beispiel\"}},{{\"name\":\"Max Muster\"}}],\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Beispiel-Zeitung\"}}}}]}}\n//]]></script></head>{body}</html>"
        );
        let p = parse(&html).unwrap();
        assert_eq!(p.title, "Kim trifft Kozlov");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 11, 19));
        assert_eq!(
            p.metadata.get("author").map(String::as_str),
            Some("Erika Beispiel, Max Muster")
        );
        assert_eq!(
            p.metadata.get("publisher").map(String::as_str),
            Some("Beispiel-Zeitung")
        );
        assert!(
            p.metadata
                .get("modified")
                .is_some_and(|m| m.starts_with("2024-11-20"))
        );
        // Only a video's microdata date: not the article's.
        let html = format!(
            "<html><head><meta name=\"published_at\" content=\"2024-10-28T12:00:00Z\"></head><body>             <div itemscope itemtype=\"http://schema.org/VideoObject\"><meta itemprop=\"datePublished\" content=\"2019-05-05\"></div>{}</body></html>",
            prose(4, "Putin")
        );
        assert_eq!(
            parse(&html).unwrap().dct.map(|d| d.date),
            NaiveDate::from_ymd_opt(2024, 10, 28)
        );
        let html = format!(
            "<html><body><div itemscope itemtype=\"http://schema.org/VideoObject\"><meta itemprop=\"datePublished\" content=\"2019-05-05\"></div>{}</body></html>",
            prose(4, "Putin")
        );
        assert_eq!(parse(&html).unwrap().dct, None);
        let html = format!(
            "<html><head><meta name=\"pubdate\" content=\"20241119\"></head><body>{}</body></html>",
            prose(3, "x")
        );
        assert_eq!(
            parse(&html).unwrap().dct.map(|d| d.date),
            NaiveDate::from_ymd_opt(2024, 11, 19)
        );
    }

    #[test]
    fn charset() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            )
            .as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_charset(b"<p>nothing</p>"), None);
    }
}
