//! Pretty-printed JSON written piece by piece: the items of a long array one at a time, each
//! placed exactly as `serde_json::to_string_pretty` would place it inside the whole document, so
//! a report never has to hold all its items as JSON values.
//!
//! serde_json's pretty printer indents each level by two spaces and escapes line breaks inside
//! strings, so every line break of its output is structural: a value nested `depth` levels deep
//! is its own pretty form with each line break followed by that level's indentation.

use std::io::{self, Write};

use serde_json::Value;

/// `value` as serde_json pretty-prints it at `depth` levels of nesting.
pub fn nested(value: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.replace('\n', &format!("\n{}", indent(depth)))
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

/// The items of a JSON array that stands `depth` levels deep (the array itself, not its items),
/// written one at a time: `[`, the items, then `]` from [`Array::end`].
pub struct Array {
    depth: usize,
    items: usize,
}

impl Array {
    /// Writes the opening bracket.
    pub fn start(depth: usize, out: &mut dyn Write) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Self { depth, items: 0 })
    }

    /// Writes one item.
    pub fn item(&mut self, value: &Value, out: &mut dyn Write) -> io::Result<()> {
        let separator = if self.items == 0 { "\n" } else { ",\n" };
        self.items += 1;
        let depth = self.depth + 1;
        write!(out, "{separator}{}{}", indent(depth), nested(value, depth))
    }

    /// Writes the closing bracket: on its own line after items, right after `[` when empty.
    pub fn end(self, out: &mut dyn Write) -> io::Result<()> {
        if self.items > 0 {
            write!(out, "\n{}", indent(self.depth))?;
        }
        out.write_all(b"]")
    }
}

/// A document pretty-printed around one array written apart: `document` with a placeholder where
/// the array stands, split into the text before the array and the text after it, and the depth
/// the array stands at.
pub struct Around {
    pub before: String,
    pub after: String,
    pub depth: usize,
}

/// What stands in a document for an array written apart.
pub const PLACEHOLDER: &str = "\u{0}array written apart\u{0}";

impl Around {
    /// Splits `document`, which holds [`PLACEHOLDER`] (once) where the array goes.
    pub fn split(document: &Value) -> Self {
        let text = serde_json::to_string_pretty(document).expect("JSON values serialize");
        let mark = serde_json::to_string(PLACEHOLDER).expect("strings serialize");
        let at = text
            .find(&mark)
            .expect("the document holds the placeholder");
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        // The line reads `<indent>"key": <placeholder>`: the array is one level below the key.
        let key_indent = text[line_start..]
            .bytes()
            .take_while(|&b| b == b' ')
            .count();
        Self {
            before: text[..at].to_string(),
            after: text[at + mark.len()..].to_string(),
            depth: key_indent / 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Writes `items` apart into `document` at the placeholder.
    fn assemble(document: &Value, items: &[Value]) -> String {
        let around = Around::split(document);
        let mut out = around.before.into_bytes();
        let mut array = Array::start(around.depth, &mut out).unwrap();
        for item in items {
            array.item(item, &mut out).unwrap();
        }
        array.end(&mut out).unwrap();
        out.extend_from_slice(around.after.as_bytes());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_array_written_apart_reads_as_the_whole_document_would() {
        let items = vec![
            json!({ "a": 1, "text": "two\nlines", "list": [1, 2], "empty": [] }),
            json!({ "nested": { "deeper": [{ "x": null }] } }),
            json!("plain"),
        ];
        for list in [items.clone(), Vec::new()] {
            let whole = json!({ "runs": [{ "results": list, "z": 1 }], "a": { "b": 2 } });
            let apart = json!({ "runs": [{ "results": PLACEHOLDER, "z": 1 }], "a": { "b": 2 } });
            let expected = serde_json::to_string_pretty(&whole).unwrap();
            assert_eq!(assemble(&apart, &list), expected);
        }
    }
}
