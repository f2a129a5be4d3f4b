//! Applying fixes to files, safely.
//!
//! A fix is applied only where the reader copied the source verbatim into the prose it checked
//! (so markup, citation keys, math and code are never touched), only when its applicability is
//! allowed (`--fix`: safe; `--unsafe-fixes`: safe and unsafe), and never two overlapping fixes in
//! one pass: the rest wait for the next pass, up to [`MAX_PASSES`]. The result is checked again
//! after every pass.
//!
//! Writing keeps the file's encoding (UTF-8 with or without a byte-order mark, UTF-16, or the
//! legacy single-byte encoding it was read in, refusing when the new text does not fit it), its
//! line endings and its permissions; it goes through a temporary file in the same folder and a
//! rename, and it is refused when the file changed on disk since it was read or is read-only.
//! This module does not decide what is wrong with a manuscript: it gets diagnostics from a lint
//! function it is handed.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::source::{Document, Format, MappedText};

/// Passes over one file before the fixes still left wait for a re-run.
pub const MAX_PASSES: usize = 4;

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// `--fix`: safe fixes only.
    Safe,
    /// `--unsafe-fixes`: safe and unsafe fixes.
    Unsafe,
}

impl FixMode {
    fn allows(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self == FixMode::Unsafe,
            Applicability::Manual => false,
        }
    }
}

/// How a file's text is stored, to write it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8 {
        bom: bool,
    },
    Utf16 {
        big_endian: bool,
    },
    /// A legacy single-byte encoding (windows-1252, windows-1254).
    Legacy(&'static encoding_rs::Encoding),
}

impl TextEncoding {
    /// How `bytes` are stored, given the legacy encoding the decoder assumed, if any.
    pub fn of(bytes: &[u8], legacy: Option<&str>) -> TextEncoding {
        if let Some(encoding) = legacy.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        {
            return TextEncoding::Legacy(encoding);
        }
        if bytes.starts_with(&[0xFF, 0xFE]) {
            TextEncoding::Utf16 { big_endian: false }
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            TextEncoding::Utf16 { big_endian: true }
        } else {
            TextEncoding::Utf8 {
                bom: bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            }
        }
    }

    /// The bytes of `text` in this encoding, or why it cannot be written in it.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, String> {
        match self {
            TextEncoding::Utf8 { bom } => {
                let mut bytes = if bom {
                    vec![0xEF, 0xBB, 0xBF]
                } else {
                    Vec::new()
                };
                bytes.extend_from_slice(text.as_bytes());
                Ok(bytes)
            }
            TextEncoding::Utf16 { big_endian } => {
                let mut bytes = if big_endian {
                    vec![0xFE, 0xFF]
                } else {
                    vec![0xFF, 0xFE]
                };
                for unit in text.encode_utf16() {
                    bytes.extend(if big_endian {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    });
                }
                Ok(bytes)
            }
            TextEncoding::Legacy(encoding) => {
                let (bytes, _, unmappable) = encoding.encode(text);
                if unmappable {
                    return Err(format!(
                        "the fixed text has characters that {} cannot hold; save the file as UTF-8 and run again",
                        encoding.name()
                    ));
                }
                Ok(bytes.into_owned())
            }
        }
    }
}

/// What a lint function returns for a text: the document it read and the diagnostics that
/// remain after suppression.
pub type Linted = (Document, Vec<Diagnostic>);

/// The fixed text of one file, not yet written.
#[derive(Debug)]
pub struct Plan {
    pub path: PathBuf,
    /// The bytes as read; the file must still hold them when the plan is written.
    pub original: Vec<u8>,
    pub encoding: TextEncoding,
    pub before: String,
    pub after: String,
    /// Fixes applied, over all passes.
    pub applied: usize,
    /// Diagnostics left after fixing (what the report shows).
    pub remaining: Vec<Diagnostic>,
    /// The document of the fixed text (what `remaining` indexes into).
    pub document: Document,
}

impl Plan {
    /// Whether fixing changed anything.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// Whether `format` can be rewritten at all; `Err` says why not.
pub fn rewritable(format: Format) -> Result<(), String> {
    match format {
        Format::Docx => Err(
            "galley does not rewrite Word files: a .docx is a zip of XML whose runs, tracked changes and fields it cannot keep intact; apply the suggestions in Word"
                .into(),
        ),
        // Each new format decides here: a reader whose text is not the file's own text (several
        // files joined, say) is safe anyway, since no fix applies to text the reader changed.
        // LaTeX: a fix only ever touches the main file's own text (spans in an included file or
        // a .bib are not in it), and prose the reader copied verbatim.
        Format::Text | Format::Markdown | Format::Jats | Format::Latex => Ok(()),
    }
}

/// Every text the reader copied from the source: blocks and explicit metadata.
fn prose_texts(document: &Document) -> Vec<&MappedText> {
    let meta = &document.metadata;
    document
        .blocks
        .iter()
        .map(|b| &b.text)
        .chain(meta.title.iter())
        .chain(meta.abstracts.iter().map(|a| &a.text))
        .chain(meta.keywords.iter().flat_map(|k| k.items.iter()))
        .chain(meta.references.iter().map(|r| &r.text))
        .chain(meta.reference_heading.iter())
        .collect()
}

/// The source ranges copied verbatim into prose, to ask in O(log n) whether one covers a span:
/// only there can a fix be applied (the language server offers no other).
pub struct VerbatimRanges {
    /// Ranges sorted by start.
    ranges: Vec<Range<usize>>,
    /// `reach[i]`: the largest end among `ranges[..=i]`.
    reach: Vec<usize>,
}

impl VerbatimRanges {
    pub fn of(document: &Document) -> Self {
        let mut ranges: Vec<Range<usize>> = prose_texts(document)
            .into_iter()
            .flat_map(MappedText::verbatim_ranges)
            .collect();
        ranges.sort_unstable_by_key(|r| r.start);
        let reach = ranges
            .iter()
            .scan(0, |max, r| {
                *max = (*max).max(r.end);
                Some(*max)
            })
            .collect();
        Self { ranges, reach }
    }

    /// Whether one verbatim range holds all of `span`: among the ranges that start at or before
    /// it, the one reaching furthest does.
    pub fn cover(&self, span: &Range<usize>) -> bool {
        let upto = self.ranges.partition_point(|r| r.start <= span.start);
        upto > 0 && self.reach[upto - 1] >= span.end
    }
}

/// The fixes of one pass: allowed, on verbatim prose, not overlapping, in order.
fn select(
    document: &Document,
    diagnostics: &[Diagnostic],
    mode: FixMode,
) -> Vec<(Range<usize>, String)> {
    let verbatim = VerbatimRanges::of(document);
    let mut candidates: Vec<(Range<usize>, String)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| mode.allows(f.applicability))
        .filter(|f| {
            f.span.end <= document.text.len()
                && document.text.is_char_boundary(f.span.start)
                && document.text.is_char_boundary(f.span.end)
                && f.span.start <= f.span.end
        })
        .filter(|f| verbatim.cover(&f.span))
        .filter(|f| document.text[f.span.clone()] != f.replacement)
        .map(|f| (f.span.clone(), f.replacement.clone()))
        .collect();
    candidates.sort_by_key(|(span, _)| (span.start, span.end));
    let mut chosen: Vec<(Range<usize>, String)> = Vec::new();
    for (span, replacement) in candidates {
        match chosen.last() {
            Some((last, _)) if span.start < last.end || span.start == last.start => continue,
            _ => chosen.push((span, replacement)),
        }
    }
    chosen
}

/// Applies fixes to `text` pass by pass; returns the fixed text, the number of fixes applied,
/// and the last lint of the result.
pub fn fix_text(
    text: String,
    mode: FixMode,
    lint: &dyn Fn(String) -> Result<Linted, String>,
) -> Result<(String, usize, Linted), String> {
    let crlf = text.contains("\r\n");
    let mut linted = lint(text.clone())?;
    let mut current = text;
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        // Spans index into the text the reader was given; a reader that changed it would make
        // them point elsewhere, so nothing is applied then.
        // A LaTeX document holds its included files after the main file's own text: only fixes
        // inside the main file's part are applied to it.
        let main_len = linted
            .0
            .parts
            .first()
            .map_or(linted.0.text.len(), |p| p.range.end);
        if linted.0.text.get(..main_len) != Some(current.as_str()) {
            break;
        }
        let fixes: Vec<_> = select(&linted.0, &linted.1, mode)
            .into_iter()
            .filter(|(span, _)| span.end <= main_len)
            .collect();
        if fixes.is_empty() {
            break;
        }
        let next = apply(&current, &fixes, crlf);
        if next == current {
            break;
        }
        applied += fixes.len();
        current = next;
        linted = lint(current.clone())?;
    }
    Ok((current, applied, linted))
}

/// `text` with `fixes` (sorted, not overlapping) applied, in one pass over the text; a
/// replacement's line breaks follow the file's (`crlf`).
fn apply(text: &str, fixes: &[(Range<usize>, String)], crlf: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (span, replacement) in fixes {
        out.push_str(&text[copied..span.start]);
        if crlf {
            out.push_str(&replacement.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(replacement);
        }
        copied = span.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Reads `path`, decodes it and fixes it in memory.
pub fn plan(
    path: &Path,
    format: Format,
    mode: FixMode,
    lint: &dyn Fn(String) -> Result<Linted, String>,
) -> Result<Plan, String> {
    rewritable(format)?;
    let original = std::fs::read(path).map_err(|e| e.to_string())?;
    let decoded = crate::source::decode(&original)?;
    let encoding = TextEncoding::of(&original, decoded.legacy);
    let before = decoded.text;
    let (after, applied, (document, remaining)) = fix_text(before.clone(), mode, lint)?;
    if after != before {
        // Refuse now rather than after a partial write.
        encoding.encode(&after)?;
    }
    Ok(Plan {
        path: path.to_path_buf(),
        original,
        encoding,
        before,
        after,
        applied,
        remaining,
        document,
    })
}

/// Writes a plan's text back: refused if the file changed since it was read or cannot be
/// written; otherwise atomically, keeping encoding and permissions.
pub fn write(plan: &Plan) -> Result<(), String> {
    if !plan.changed() {
        return Ok(());
    }
    let metadata = std::fs::metadata(&plan.path).map_err(|e| e.to_string())?;
    if metadata.permissions().readonly() {
        return Err("the file is read-only; it was not changed".into());
    }
    let now = std::fs::read(&plan.path).map_err(|e| e.to_string())?;
    if now != plan.original {
        return Err(
            "the file changed since galley read it; it was not changed (run galley again)".into(),
        );
    }
    let bytes = plan.encoding.encode(&plan.after)?;
    // Through a symbolic link, the file it points at is replaced, not the link.
    let target = std::fs::canonicalize(&plan.path).unwrap_or_else(|_| plan.path.clone());
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.galley-{}.tmp", std::process::id()));
    let failed =
        |e: std::io::Error| format!("cannot write the fixed file: {e}; it was not changed");
    // A file already at the temporary's name is someone else's: fail without touching it.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .map_err(failed)?;
    let result = (|| -> std::io::Result<()> {
        use std::io::Write;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::set_permissions(&temporary, metadata.permissions())?;
        std::fs::rename(&temporary, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(failed(e));
    }
    Ok(())
}

/// A unified diff of a plan, with `a/` and `b/` headers.
pub fn diff(plan: &Plan, name: &str) -> String {
    similar::TextDiff::from_lines(&plan.before, &plan.after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip() {
        for (bytes, text) in [
            (b"\xEF\xBB\xBFcaf\xC3\xA9".to_vec(), "café"),
            (b"caf\xC3\xA9".to_vec(), "café"),
            (b"caf\xE9".to_vec(), "café"),
        ] {
            let decoded = crate::source::decode(&bytes).unwrap();
            assert_eq!(decoded.text, text);
            let encoding = TextEncoding::of(&bytes, decoded.legacy);
            assert_eq!(encoding.encode(&decoded.text).unwrap(), bytes);
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Öz".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let encoding = TextEncoding::of(&utf16, None);
        assert_eq!(encoding.encode("Öz").unwrap(), utf16);
        let legacy = TextEncoding::of(b"caf\xE9", Some("windows-1252"));
        assert!(legacy.encode("摘要").unwrap_err().contains("windows-1252"));
    }

    #[test]
    fn docx_is_refused() {
        assert!(rewritable(Format::Docx).unwrap_err().contains("Word"));
        assert!(rewritable(Format::Markdown).is_ok());
    }
}
