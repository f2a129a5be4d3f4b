//! Suppression: comments in a manuscript that switch rules off for a line or a region, and the
//! per-file ignores of `galley.toml`.
//!
//! The comment forms, by format:
//!
//! | format | form |
//! |---|---|
//! | Markdown, JATS XML (and HTML) | `<!-- galley-disable ids -- reason -->` |
//! | LaTeX | `% galley-disable ids -- reason` |
//! | plain text, Word | a line `[galley-disable ids -- reason]` |
//!
//! each with `galley-disable`, `galley-enable` and `galley-disable-next-line`. The ids are
//! separated by commas or spaces; none means every rule. What follows ` -- ` is the reason,
//! kept for people and ignored by galley. A disable runs to the matching enable (an enable with
//! no ids ends every region; with ids, the regions that name one of them) or to the end of the
//! file. A next-line comment covers the next non-blank line. A comment that suppresses nothing
//! is itself reported, under `unused-suppression`. This module does not run rules.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::position::LineIndex;
use crate::source::Format;

/// The id a suppression that suppresses nothing is reported under.
pub const UNUSED: &str = "unused-suppression";

/// How comments are written in a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `<!-- … -->`, on one line.
    Html,
    /// `% …` to the end of the line (an unescaped `%`).
    Percent,
    /// A line that is `[ … ]` and nothing else.
    Bracket,
}

/// The comment forms galley looks for in a format.
pub fn styles(format: Format) -> &'static [CommentStyle] {
    match format {
        Format::Markdown | Format::Jats => &[CommentStyle::Html],
        Format::Latex => &[CommentStyle::Percent],
        // Word has comments, but galley does not read them; a paragraph in brackets is the form.
        Format::Text | Format::Docx => &[CommentStyle::Bracket],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    DisableNextLine,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// Rule ids; empty means all.
    pub ids: Vec<String>,
    pub reason: Option<String>,
    /// Where the comment stands in the text.
    pub span: Range<usize>,
}

impl Directive {
    fn names(&self, rule: &str) -> bool {
        self.ids.is_empty() || self.ids.iter().any(|id| id == rule)
    }

    fn keyword(&self) -> &'static str {
        match self.kind {
            Kind::Disable => "galley-disable",
            Kind::Enable => "galley-enable",
            Kind::DisableNextLine => "galley-disable-next-line",
        }
    }
}

/// Parses the inside of a comment: `galley-disable a, b -- reason`.
pub fn parse(content: &str, span: Range<usize>) -> Option<Directive> {
    let content = content.trim();
    let (head, rest) = content
        .split_once(char::is_whitespace)
        .unwrap_or((content, ""));
    let kind = match head {
        "galley-disable" => Kind::Disable,
        "galley-enable" => Kind::Enable,
        "galley-disable-next-line" => Kind::DisableNextLine,
        _ => return None,
    };
    let rest = rest.trim();
    let (ids, reason) = match rest.split_once("--") {
        Some((ids, reason)) => (
            ids,
            Some(reason.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (rest, None),
    };
    let ids = ids
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive {
        kind,
        ids,
        reason,
        span,
    })
}

/// Every suppression comment in `text`, in order.
pub fn directives(text: &str, styles: &[CommentStyle]) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut offset = 0;
    // A Markdown code fence shows comments rather than being one (documentation about galley).
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if styles.contains(&CommentStyle::Html) {
            let trimmed = body.trim_start();
            let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
            match (fence, marker) {
                (None, Some(m)) => {
                    fence = Some(m);
                    offset += line.len();
                    continue;
                }
                (Some(open), Some(m)) if open == m => {
                    fence = None;
                    offset += line.len();
                    continue;
                }
                (Some(_), _) => {
                    offset += line.len();
                    continue;
                }
                _ => {}
            }
        }
        for style in styles {
            match style {
                CommentStyle::Html => {
                    let mut from = 0;
                    while let Some(open) = body[from..].find("<!--") {
                        let start = from + open;
                        // Inside an inline code span (odd number of backticks before it).
                        if body[..start].matches('`').count() % 2 == 1 {
                            from = start + 4;
                            continue;
                        }
                        let Some(close) = body[start + 4..].find("-->") else {
                            break;
                        };
                        let end = start + 4 + close + 3;
                        if let Some(d) =
                            parse(&body[start + 4..end - 3], offset + start..offset + end)
                        {
                            found.push(d);
                        }
                        from = end;
                    }
                }
                CommentStyle::Percent => {
                    let bytes = body.as_bytes();
                    if let Some(at) = (0..bytes.len())
                        .find(|&i| bytes[i] == b'%' && (i == 0 || bytes[i - 1] != b'\\'))
                        && let Some(d) = parse(&body[at + 1..], offset + at..offset + body.len())
                    {
                        found.push(d);
                    }
                }
                CommentStyle::Bracket => {
                    let trimmed = body.trim();
                    if let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']'))
                    {
                        let start = offset + (body.len() - body.trim_start().len());
                        if let Some(d) = parse(inner, start..start + trimmed.len()) {
                            found.push(d);
                        }
                    }
                }
            }
        }
        offset += line.len();
    }
    found
}

/// What a directive covers: a byte range of the text, or one line.
enum Cover {
    Region(Range<usize>),
    Line(usize),
}

/// Removes the diagnostics that comments in `text` suppress and adds an `unused-suppression`
/// warning for each comment that suppressed nothing. `enabled` says whether a rule runs: a
/// comment naming only rules that do not run is not reported as unused, since configuration,
/// not the comment, is what silenced them.
pub fn apply(
    text: &str,
    styles: &[CommentStyle],
    diagnostics: Vec<Diagnostic>,
    enabled: &dyn Fn(&str) -> bool,
    report_unused: bool,
) -> Vec<Diagnostic> {
    let found = directives(text, styles);
    if found.is_empty() {
        return diagnostics;
    }
    let index = LineIndex::new(text);
    // What each disabling directive covers.
    let mut covers: Vec<(usize, Cover)> = Vec::new();
    for (at, d) in found.iter().enumerate() {
        match d.kind {
            Kind::Enable => {}
            Kind::DisableNextLine => {
                let own = index.line_of(d.span.start);
                let mut target = own + 1;
                let blank = |line: usize| {
                    text[index.line_start(line)..index.line_end(text.len(), line)]
                        .trim()
                        .is_empty()
                };
                while target <= index.line_count() && blank(target) {
                    target += 1;
                }
                covers.push((at, Cover::Line(target)));
            }
            Kind::Disable => {
                let end = found[at + 1..]
                    .iter()
                    .find(|e| {
                        e.kind == Kind::Enable
                            && (e.ids.is_empty() || e.ids.iter().any(|id| d.ids.contains(id)))
                    })
                    .map_or(text.len(), |e| e.span.start);
                covers.push((at, Cover::Region(d.span.end..end)));
            }
        }
    }
    let mut used = vec![false; found.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let line = index.line_of(diagnostic.span.start);
        let suppressor = covers.iter().find(|(at, cover)| {
            found[*at].names(&diagnostic.rule)
                && match cover {
                    Cover::Region(range) => {
                        range.start <= diagnostic.span.start && diagnostic.span.start <= range.end
                    }
                    Cover::Line(target) => line == *target,
                }
        });
        match suppressor {
            Some((at, _)) => used[*at] = true,
            None => kept.push(diagnostic),
        }
    }
    if report_unused {
        for (at, d) in found.iter().enumerate() {
            let relevant = d.ids.is_empty() || d.ids.iter().any(|id| enabled(id));
            if d.kind == Kind::Enable || used[at] || !relevant {
                continue;
            }
            let what = if d.ids.is_empty() {
                "any rule".to_string()
            } else {
                d.ids.join(", ")
            };
            kept.push(Diagnostic {
                rule: UNUSED.to_string(),
                severity: Severity::Warning,
                message: format!("`{}` for {what} suppresses nothing", d.keyword()),
                span: d.span.clone(),
                label: Some("nothing to suppress here".into()),
                secondary: Vec::new(),
                notes: d
                    .reason
                    .iter()
                    .map(|r| format!("the reason given: {r}"))
                    .collect(),
                help: Some("remove the comment, or check the rule ids in it".into()),
                fix: None,
            });
        }
        kept.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse_ids_and_reasons() {
        let d = parse(
            " galley-disable-next-line a, b c -- quoted from a source ",
            0..1,
        )
        .unwrap();
        assert_eq!(d.kind, Kind::DisableNextLine);
        assert_eq!(d.ids, ["a", "b", "c"]);
        assert_eq!(d.reason.as_deref(), Some("quoted from a source"));
        let all = parse("galley-disable", 0..1).unwrap();
        assert!(all.ids.is_empty() && all.reason.is_none());
        assert!(parse("galley-disabled x", 0..1).is_none());
        assert!(parse("something else", 0..1).is_none());
    }

    #[test]
    fn every_comment_style_is_found() {
        let html = "a <!-- galley-disable x --> b\n<!-- galley-enable -->\n```\n<!-- galley-disable y -->\n```\nsee `<!-- galley-disable z -->`\n";
        let found = directives(html, &[CommentStyle::Html]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&html[found[0].span.clone()], "<!-- galley-disable x -->");
        let tex = "Text. % galley-disable-next-line x -- why\n50\\% galley-disable y\n";
        let found = directives(tex, &[CommentStyle::Percent]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].ids, ["x"]);
        let text = "  [galley-disable-next-line x]\nprose [galley-disable y] prose\n";
        let found = directives(text, &[CommentStyle::Bracket]);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "[galley-disable-next-line x]");
    }

    fn diagnostic(rule: &str, span: Range<usize>) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Warning,
            message: "m".into(),
            span,
            label: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    #[test]
    fn a_latex_next_line_comment_suppresses_the_next_line() {
        let text = "% galley-disable-next-line x\n\nflagged here\nand here\n";
        let at = text.find("flagged").unwrap();
        let again = text.find("and here").unwrap();
        let kept = apply(
            text,
            &[CommentStyle::Percent],
            vec![
                diagnostic("x", at..at + 7),
                diagnostic("x", again..again + 3),
            ],
            &|_| true,
            true,
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.start, again);
    }
}
