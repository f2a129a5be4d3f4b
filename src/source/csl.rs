//! CSL bibliographies, the data citeproc and pandoc read: CSL JSON files (an array of items),
//! CSL YAML files (`references:` followed by a list of items, or the bare list) and the items of
//! a Markdown front matter's own `references:` field, read into keyed reference entries.
//!
//! JSON and YAML items are first turned into one neutral [`Item`] (id, names, year, plain
//! fields), then written out through [`bibliography::render`]. Neither parser reports where a
//! value stands, so each value is looked for verbatim in the text near its item (found by its
//! id, items in file order); a value that cannot be found (escaped, folded) is kept as synthetic
//! text. A malformed item costs that item only.

use std::ops::Range;

use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

use super::bibliography::{self, BibRead, EntryFields, Person};
use super::{KeyedEntry, MappedText};

/// How deeply JSON or YAML values may nest before a file is refused (a hostile file must not
/// exhaust the stack while it is walked).
const MAX_DEPTH: usize = 64;

/// One author or editor of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    /// Surname with its particle ("van Dijk"), or the literal name of a group.
    family: String,
    given: String,
}

/// A CSL item, whatever it was written in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Item {
    id: Option<String>,
    kind: Option<String>,
    authors: Vec<Name>,
    editors: Vec<Name>,
    year: Option<String>,
    /// Plain text fields by CSL name (`title`, `container-title`, `volume`, `DOI`…).
    fields: Vec<(String, String)>,
}

impl Item {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }
}

/// A file nested deeper than [`MAX_DEPTH`], refused before it is parsed, with one warning.
fn too_deep(src: &str, base: usize, kind: &str) -> Option<BibRead> {
    (nesting_depth(src) > MAX_DEPTH).then(|| {
        let mut out = BibRead::empty();
        out.warnings.push((
            base..base,
            format!("this CSL {kind} file nests more than {MAX_DEPTH} levels deep: its items are not read"),
        ));
        out
    })
}

/// Reads a CSL JSON file standing at byte `base` of the document's text.
pub(super) fn read_json(src: &str, base: usize) -> BibRead {
    let mut out = BibRead::empty();
    if let Some(refused) = too_deep(src, base, "JSON") {
        return refused;
    }
    let value: Value = match serde_json::from_str(src) {
        Ok(value) => value,
        Err(error) => {
            let at = offset_of_line(src, error.line(), error.column());
            out.warnings.push((
                base + at..base + at,
                format!("cannot read this CSL JSON file: {error}"),
            ));
            return out;
        }
    };
    let values = match value {
        Value::Array(items) => items,
        Value::Object(ref map) if map.contains_key("items") => match map.get("items") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        },
        item @ Value::Object(_) => vec![item],
        _ => {
            out.warnings.push((
                base..base,
                "this CSL JSON file holds no list of items".to_string(),
            ));
            return out;
        }
    };
    let items: Vec<Option<Item>> = values.iter().map(item_from_json).collect();
    render_items(&items, src, base, 0..src.len(), &mut out);
    out
}

/// Reads a CSL YAML file standing at byte `base` of the document's text.
pub(super) fn read_yaml(src: &str, base: usize) -> BibRead {
    let mut out = BibRead::empty();
    if let Some(refused) = too_deep(src, base, "YAML") {
        return refused;
    }
    let docs = match YamlLoader::load_from_str(src) {
        Ok(docs) => docs,
        Err(error) => {
            let at = error.marker().index().min(src.len());
            let at = src.char_indices().nth(at).map_or(src.len(), |(i, _)| i);
            out.warnings.push((
                base + at..base + at,
                format!("cannot read this CSL YAML file: {error}"),
            ));
            return out;
        }
    };
    let list = match docs.into_iter().next() {
        Some(Yaml::Array(items)) => items,
        Some(Yaml::Hash(map)) => match map.get(&Yaml::String("references".into())) {
            Some(Yaml::Array(items)) => items.clone(),
            _ => {
                out.warnings.push((
                    base..base,
                    "this CSL YAML file has no `references:` list".to_string(),
                ));
                return out;
            }
        },
        _ => Vec::new(),
    };
    read_yaml_items(&list, src, base, 0..src.len(), &mut out);
    out
}

/// Reads CSL items already parsed from YAML (a front matter's `references:`), whose text is
/// `source[region]`; `source` stands at byte `base` of the document's text.
pub(super) fn read_yaml_items(
    list: &[Yaml],
    source: &str,
    base: usize,
    region: Range<usize>,
    out: &mut BibRead,
) {
    let items: Vec<Option<Item>> = list.iter().map(|y| item_from_yaml(y, 0)).collect();
    render_items(&items, source, base, region, out);
}

/// Writes out each item, its values mapped into `source[region]`; a `None` item (not a map,
/// no id) is skipped with a warning at the place its neighbours leave for it.
fn render_items(
    items: &[Option<Item>],
    source: &str,
    base: usize,
    region: Range<usize>,
    out: &mut BibRead,
) {
    // Each item's id, found in file order.
    let mut anchors: Vec<Option<Range<usize>>> = Vec::with_capacity(items.len());
    let mut cursor = region.start;
    for item in items {
        let found = item
            .as_ref()
            .and_then(|i| i.id.as_deref())
            .and_then(|id| find_token(source, cursor..region.end, id));
        if let Some(range) = &found {
            cursor = range.end;
        }
        anchors.push(found);
    }
    // The end of the nearest found id before each item and the start of the nearest after it.
    let mut previous_ends = Vec::with_capacity(items.len());
    let mut last_end = region.start;
    for anchor in &anchors {
        previous_ends.push(last_end);
        if let Some(range) = anchor {
            last_end = range.end;
        }
    }
    let mut next_starts = vec![region.end; items.len()];
    let mut next = region.end;
    for (index, anchor) in anchors.iter().enumerate().rev() {
        next_starts[index] = next;
        if let Some(range) = anchor {
            next = range.start;
        }
    }
    for (index, item) in items.iter().enumerate() {
        let previous_end = previous_ends[index];
        let next_start = next_starts[index];
        let Some(item) = item.as_ref().filter(|i| i.id.is_some()) else {
            out.warnings.push((
                base + previous_end..base + previous_end,
                format!("reference item {} has no `id`: it is skipped", index + 1),
            ));
            continue;
        };
        let anchor = anchors[index].clone();
        let finder = Finder {
            source,
            base,
            own: anchor.as_ref().map_or(previous_end, |a| a.start)..next_start,
            before: previous_end..anchor.as_ref().map_or(previous_end, |a| a.start),
        };
        let key = item.id.clone().unwrap_or_default();
        let mut text = render(item, &finder);
        if text.source_span() == (0..0) {
            text = MappedText::new();
            match &anchor {
                Some(range) => text.push_at(&key, base + range.start),
                None => text.push_synthetic(&key),
            }
        }
        out.entries.push(KeyedEntry {
            key: Some(key),
            text,
        });
    }
}

/// Finds values of one item in the text around it: first after its id, then before it.
struct Finder<'a> {
    source: &'a str,
    base: usize,
    own: Range<usize>,
    before: Range<usize>,
}

impl Finder<'_> {
    fn text(&self, value: &str) -> MappedText {
        let mut text = MappedText::new();
        let value = value.trim();
        let found = [&self.own, &self.before].into_iter().find_map(|range| {
            let hay = self.source.get(range.clone())?;
            hay.find(value).map(|at| range.start + at)
        });
        match found {
            Some(at) if !value.is_empty() => text.push_at(value, self.base + at),
            _ => text.push_synthetic(value),
        }
        text
    }
}

fn render(item: &Item, finder: &Finder) -> MappedText {
    let (names, editors) = if item.authors.is_empty() {
        (&item.editors, !item.editors.is_empty())
    } else {
        (&item.authors, false)
    };
    let people = names
        .iter()
        .map(|name| Person {
            surname: finder.text(&name.family),
            given: name.given.clone(),
        })
        .collect();
    let text = |name: &str| item.field(name).map(|v| finder.text(v));
    let kind = item.kind.as_deref().unwrap_or("");
    let journal_like = matches!(
        kind,
        "article-journal" | "article-magazine" | "article-newspaper" | "article" | ""
    );
    let container = text("container-title");
    let fields = EntryFields {
        people,
        editors,
        year: item.year.as_deref().map(|y| finder.text(y)),
        title: text("title"),
        container_is_book: container.is_some() && !journal_like,
        container,
        volume: text("volume"),
        number: text("issue").or_else(|| text("number")),
        pages: text("page"),
        publisher: text("publisher"),
        doi: text("DOI"),
        url: text("URL"),
    };
    bibliography::render(&fields)
}

/// Where `token` stands in `source[range]` as a whole token (not inside a longer key).
fn find_token(source: &str, range: Range<usize>, token: &str) -> Option<Range<usize>> {
    let hay = source.get(range.clone())?;
    let is_key_char = |c: char| c.is_alphanumeric() || "_-:.".contains(c);
    let mut from = 0;
    while let Some(at) = hay[from..].find(token) {
        let start = from + at;
        let end = start + token.len();
        let before_ok = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_key_char(c));
        let after_ok = hay[end..].chars().next().is_none_or(|c| {
            !is_key_char(c) || c == ':' && hay[end + 1..].starts_with([' ', '\n', '\r', '\t'])
        });
        if before_ok && after_ok {
            return Some(range.start + start..range.start + end);
        }
        from = start + token.len().max(1);
        if from > hay.len() {
            break;
        }
    }
    None
}

/// The deepest nesting of brackets and braces in `src` (strings not excepted: an upper bound).
fn nesting_depth(src: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for b in src.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Byte offset of a 1-based line and column.
fn offset_of_line(src: &str, line: usize, column: usize) -> usize {
    let mut at = 0;
    for (index, text) in src.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            return (at + column.saturating_sub(1)).min(at + text.len());
        }
        at += text.len();
    }
    src.len()
}

fn json_scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn item_from_json(value: &Value) -> Option<Item> {
    let map = value.as_object()?;
    let mut item = Item::default();
    for (key, value) in map {
        match key.as_str() {
            "id" => item.id = json_scalar(value),
            "type" => item.kind = json_scalar(value),
            "author" => item.authors = json_names(value),
            "editor" => item.editors = json_names(value),
            "issued" => item.year = json_year(value),
            _ => {
                if let Some(text) = json_scalar(value) {
                    item.fields.push((key.clone(), text));
                }
            }
        }
    }
    Some(item)
}

fn json_names(value: &Value) -> Vec<Name> {
    let Some(list) = value.as_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|name| {
            let map = name.as_object()?;
            let get = |k: &str| map.get(k).and_then(json_scalar).unwrap_or_default();
            Some(make_name(
                &get("family"),
                &get("given"),
                &get("non-dropping-particle"),
                &get("literal"),
            ))
        })
        .filter(|n| !n.family.is_empty())
        .collect()
}

/// The year of a CSL date: `{"date-parts": [[2020, 5]]}`, `{"literal": "2020"}`,
/// `{"raw": "2020-05"}`, or a bare string or number.
fn json_year(value: &Value) -> Option<String> {
    match value {
        Value::Number(_) | Value::String(_) => {
            let text = json_scalar(value)?;
            bibliography::year_in(&text).map(|r| text[r].to_string())
        }
        Value::Array(list) => list.iter().find_map(json_year),
        Value::Object(map) => ["date-parts", "literal", "raw", "year"]
            .iter()
            .find_map(|k| map.get(*k).and_then(json_year)),
        _ => None,
    }
}

fn yaml_scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

fn item_from_yaml(value: &Yaml, depth: usize) -> Option<Item> {
    let Yaml::Hash(map) = value else {
        return None;
    };
    let mut item = Item::default();
    for (key, value) in map {
        let Some(key) = key.as_str() else { continue };
        match key {
            "id" => item.id = yaml_scalar(value),
            "type" => item.kind = yaml_scalar(value),
            "author" => item.authors = yaml_names(value),
            "editor" => item.editors = yaml_names(value),
            "issued" => item.year = yaml_year(value, depth + 1),
            _ => {
                if let Some(text) = yaml_scalar(value) {
                    item.fields.push((key.to_string(), text));
                }
            }
        }
    }
    Some(item)
}

fn yaml_names(value: &Yaml) -> Vec<Name> {
    let list = match value {
        Yaml::Array(list) => list.as_slice(),
        single @ Yaml::Hash(_) => std::slice::from_ref(single),
        _ => return Vec::new(),
    };
    list.iter()
        .filter_map(|name| {
            let Yaml::Hash(map) = name else {
                // A bare string is a literal name.
                return yaml_scalar(name).map(|s| make_name("", "", "", &s));
            };
            let get = |k: &str| {
                map.get(&Yaml::String(k.into()))
                    .and_then(yaml_scalar)
                    .unwrap_or_default()
            };
            Some(make_name(
                &get("family"),
                &get("given"),
                &get("non-dropping-particle"),
                &get("literal"),
            ))
        })
        .filter(|n| !n.family.is_empty())
        .collect()
}

/// The year of a CSL date in YAML: `2020`, `2020-05-01`, `{date-parts: [[2020]]}`,
/// `[{year: 2020, month: 5}]`, `{literal: …}`.
fn yaml_year(value: &Yaml, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Yaml::Array(list) => list.iter().find_map(|v| yaml_year(v, depth + 1)),
        Yaml::Hash(map) => ["date-parts", "year", "literal", "raw"]
            .iter()
            .find_map(|k| map.get(&Yaml::String((*k).into())))
            .and_then(|v| yaml_year(v, depth + 1)),
        other => {
            let text = yaml_scalar(other)?;
            bibliography::year_in(&text).map(|r| text[r].to_string())
        }
    }
}

fn make_name(family: &str, given: &str, particle: &str, literal: &str) -> Name {
    if family.trim().is_empty() {
        return Name {
            family: literal.trim().to_string(),
            given: String::new(),
        };
    }
    let family = if particle.trim().is_empty() {
        family.trim().to_string()
    } else {
        format!("{} {}", particle.trim(), family.trim())
    };
    Name {
        family,
        given: given.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"[
  {"id": "adams2019", "type": "article-journal",
   "author": [{"family": "Adams", "given": "Paula"}, {"family": "Baker", "given": "Lee"}],
   "issued": {"date-parts": [[2019, 5]]},
   "title": "Light in shallow ponds", "container-title": "Water Journal",
   "volume": 4, "issue": "2", "page": "10-19", "DOI": "10.1000/wj.4"},
  {"id": "cole2020", "type": "book", "author": [{"literal": "Pond Trust"}],
   "issued": {"raw": "2020"}, "title": "Plants", "publisher": "Field Press"},
  "not an item",
  {"title": "no id"}
]"#;

    #[test]
    fn json_items_are_rendered_and_mapped() {
        let base = 500;
        let read = read_json(JSON, base);
        let texts: Vec<(&str, &str)> = read
            .entries
            .iter()
            .map(|e| (e.key.as_deref().unwrap(), e.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "adams2019",
                    "Adams, P., & Baker, L. (2019). Light in shallow ponds. Water Journal, 4(2), 10-19. https://doi.org/10.1000/wj.4"
                ),
                ("cole2020", "Pond Trust (2020). Plants. Field Press.")
            ]
        );
        let title = &read.entries[0].text;
        let at = title.as_str().find("Light").unwrap();
        let span = title.to_source(at..at + 5);
        assert_eq!(&JSON[span.start - base..span.end - base], "Light");
        let baker = title.as_str().find("Baker").unwrap();
        let span = title.to_source(baker..baker + 5);
        assert_eq!(&JSON[span.start - base..span.end - base], "Baker");
        // Two malformed items, two warnings; the good ones are kept.
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
    }

    #[test]
    fn yaml_files_and_dates_in_every_form() {
        let yaml = "---\nreferences:\n- id: dunn2018\n  author:\n    - family: Dunn\n      given: Ann Marie\n      non-dropping-particle: van\n  issued:\n    - year: 2018\n      month: 3\n  title: Ditches\n  container-title: Field Notes\n- id: eve2001\n  author: [{family: Eve}]\n  issued: 2001-04-02\n  title: Hedges\n...\n";
        let read = read_yaml(yaml, 0);
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert_eq!(
            read.entries[0].text.as_str(),
            "van Dunn, A. M. (2018). Ditches. Field Notes."
        );
        assert_eq!(read.entries[1].key.as_deref(), Some("eve2001"));
        assert_eq!(read.entries[1].text.as_str(), "Eve (2001). Hedges.");
        let text = &read.entries[1].text;
        let at = text.as_str().find("Hedges").unwrap();
        assert_eq!(&yaml[text.to_source(at..at + 6)], "Hedges");
    }

    #[test]
    fn broken_and_hostile_files_warn_without_panicking() {
        for bad in ["[", "{\"id\": 3", "", "[[[[]]]]", "null", "\"text\""] {
            let _ = read_json(bad, 0);
        }
        for bad in ["- [", "references: 3", "", "- - - -", ":"] {
            let _ = read_yaml(bad, 0);
        }
        let deep = "[".repeat(100_000);
        assert_eq!(read_json(&deep, 0).warnings.len(), 1);
        assert_eq!(read_yaml(&deep, 0).warnings.len(), 1);
        let broken = read_json("[{\"id\": \"a\",}]", 7);
        assert_eq!(broken.warnings.len(), 1);
        assert!(broken.warnings[0].1.contains("CSL JSON"));
    }
}
