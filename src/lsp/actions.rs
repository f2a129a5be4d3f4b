//! Code actions on a finding: its fix as a quick fix (safe fixes preferred, unsafe ones labelled),
//! a suppression comment in the format's own comment syntax, and for a word the dictionary does
//! not know, adding it to the project's word list in `galley.toml`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

use super::convert::{Encoding, LineMap, Parts};
use super::workspace::Checked;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::VerbatimRanges;
use crate::source::Format;

/// The rule whose findings are words a project may add to its list.
pub const WORD_LIST_RULE: &str = "dictionary-spelling";

/// What the actions need besides the checked document.
pub struct Context<'a> {
    pub checked: &'a Checked,
    pub parts: &'a Parts,
    /// The part the request is about.
    pub index: usize,
    /// The request's range as bytes of the document's text.
    pub span: Range<usize>,
    pub encoding: Encoding,
    /// The configuration file in force, if any, and its text (buffer or disk).
    pub config: Option<(PathBuf, String)>,
    /// Where a new `galley.toml` goes when there is none: the workspace folder, or the file's.
    pub new_config_dir: Option<PathBuf>,
    /// The diagnostic as the client holds it, by rule and LSP range, to attach to actions.
    pub client_diagnostics: &'a [lsp_types::Diagnostic],
}

/// The code actions for the findings of part `index` that touch the request's range.
pub fn actions(context: &Context<'_>) -> Vec<CodeActionOrCommand> {
    let checked = context.checked;
    let text = &checked.document.text;
    let view = &context.parts.views[context.index];
    let verbatim = VerbatimRanges::of(&checked.document);
    let mut out = Vec::new();
    let touching = checked.diagnostics.iter().filter(|d| {
        view.range.start <= d.span.start
            && d.span.start <= view.range.end
            && d.span.start <= context.span.end
            && context.span.start <= d.span.end
    });
    for d in touching {
        let Some((_, range)) = context.parts.locate(text, &d.span, context.encoding) else {
            continue;
        };
        let related: Vec<lsp_types::Diagnostic> = context
            .client_diagnostics
            .iter()
            .filter(|c| {
                c.range == range
                    && c.code == Some(lsp_types::NumberOrString::String(d.rule.clone()))
            })
            .cloned()
            .collect();
        let related = (!related.is_empty()).then_some(related);
        if let Some(action) = fix_action(context, d, &verbatim, related.clone()) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        if d.rule == WORD_LIST_RULE
            && let Some(action) = word_list_action(context, d, related.clone())
        {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        if let Some(action) = suppress_action(context, d, related) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

/// The finding's fix, where galley could apply it: inside this part, on text the reader copied
/// verbatim.
fn fix_action(
    context: &Context<'_>,
    d: &Diagnostic,
    verbatim: &VerbatimRanges,
    diagnostics: Option<Vec<lsp_types::Diagnostic>>,
) -> Option<CodeAction> {
    let fix = d.fix.as_ref()?;
    let text = &context.checked.document.text;
    let view = &context.parts.views[context.index];
    if fix.span.start < view.range.start
        || fix.span.end > view.range.end
        || !verbatim.cover(&fix.span)
        || text.get(fix.span.clone())? == fix.replacement
    {
        return None;
    }
    let (_, range) = context.parts.locate(text, &fix.span, context.encoding)?;
    let what = if fix.replacement.is_empty() {
        format!("Remove “{}”", short(&text[fix.span.clone()]))
    } else if fix.span.is_empty() {
        format!("Insert “{}”", short(&fix.replacement))
    } else {
        format!("Replace with “{}”", short(&fix.replacement))
    };
    let title = match fix.applicability {
        Applicability::Safe => what,
        Applicability::Unsafe => format!("{what} (unsafe fix: read it first)"),
        Applicability::Manual => format!("{what} (suggestion: check it)"),
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics,
        edit: Some(edit(
            &view.uri,
            vec![TextEdit::new(range, fix.replacement.clone())],
        )),
        command: None,
        is_preferred: Some(fix.applicability == Applicability::Safe),
        disabled: None,
        data: None,
    })
}

/// A `galley-disable-next-line` comment for the finding's rule above its line, in the comment
/// syntax of the file's format. In Markdown, a comment line inside a paragraph would split it,
/// so there the comment goes at the end of the line before.
fn suppress_action(
    context: &Context<'_>,
    d: &Diagnostic,
    diagnostics: Option<Vec<lsp_types::Diagnostic>>,
) -> Option<CodeAction> {
    if d.rule == crate::suppress::UNUSED {
        return None;
    }
    let text = &context.checked.document.text;
    let view = &context.parts.views[context.index];
    let local_text = text.get(view.range.clone())?;
    let (_, range) = context.parts.locate(text, &d.span, context.encoding)?;
    let line = range.start.line;
    let lines = LineMap::new(local_text);
    let line_start = lines.offset(local_text, Position::new(line, 0), Encoding::Utf8);
    let line_text = local_text[line_start..].lines().next().unwrap_or("");
    let indent: String = line_text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    // The line before, when it has text: the finding's line is inside a paragraph.
    let before_end = local_text[..line_start]
        .trim_end_matches(['\n', '\r'])
        .len();
    let previous_has_text = line > 0 && {
        let start = lines.offset(local_text, Position::new(line - 1, 0), Encoding::Utf8);
        start < before_end && !local_text[start..before_end].trim().is_empty()
    };
    let format = format_of_part(context);
    let directive = format!("galley-disable-next-line {}", d.rule);
    let inserted = match format {
        Format::Markdown if previous_has_text => {
            let at = lines.position(local_text, before_end, context.encoding);
            TextEdit::new(
                lsp_types::Range::new(at, at),
                format!(" <!-- {directive} -->"),
            )
        }
        Format::Markdown | Format::Jats => {
            own_line(line, &indent, &format!("<!-- {directive} -->"))
        }
        Format::Latex => own_line(line, &indent, &format!("% {directive}")),
        Format::Text | Format::Docx => own_line(line, &indent, &format!("[{directive}]")),
    };
    Some(CodeAction {
        title: format!("Ignore {} on this line (suppression comment)", d.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics,
        edit: Some(edit(&view.uri, vec![inserted])),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    })
}

/// A comment on a line of its own, before `line`.
fn own_line(line: u32, indent: &str, comment: &str) -> TextEdit {
    let at = Position::new(line, 0);
    TextEdit::new(
        lsp_types::Range::new(at, at),
        format!("{indent}{comment}\n"),
    )
}

/// The format of the file the request is about: the document's, or LaTeX's for an included
/// .tex, or none that takes comments (a .bib) when it is neither.
fn format_of_part(context: &Context<'_>) -> Format {
    let view = &context.parts.views[context.index];
    let by_name = view
        .uri
        .path_segments()
        .and_then(|mut s| s.next_back())
        .and_then(|n| Format::from_path(Path::new(n)));
    by_name.unwrap_or(context.checked.document.format)
}

/// Adds the word to `words` under `[rules.dictionary-spelling]` of the configuration file in
/// force, or of a new `galley.toml` beside the workspace.
fn word_list_action(
    context: &Context<'_>,
    d: &Diagnostic,
    diagnostics: Option<Vec<lsp_types::Diagnostic>>,
) -> Option<CodeAction> {
    let word = context
        .checked
        .document
        .text
        .get(d.span.clone())?
        .to_string();
    if word.trim().is_empty() {
        return None;
    }
    let (path, before) = match &context.config {
        Some((path, text)) => (path.clone(), Some(text.as_str())),
        None => (context.new_config_dir.as_ref()?.join("galley.toml"), None),
    };
    let after = add_word(before.unwrap_or(""), &word)?;
    let uri = Url::from_file_path(&path).ok()?;
    let workspace_edit = match before {
        Some(text) => {
            let lines = LineMap::new(text);
            let end = lines.position(text, text.len(), context.encoding);
            edit(
                &uri,
                vec![TextEdit::new(
                    lsp_types::Range::new(Position::new(0, 0), end),
                    after,
                )],
            )
        }
        None => WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                    edits: vec![OneOf::Left(TextEdit::new(
                        lsp_types::Range::new(Position::new(0, 0), Position::new(0, 0)),
                        after,
                    ))],
                }),
            ])),
            change_annotations: None,
        },
    };
    Some(CodeAction {
        title: format!("Add “{word}” to the project's word list (galley.toml)"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics,
        edit: Some(workspace_edit),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    })
}

/// `config` with `word` added to `[rules.dictionary-spelling] words`, keeping the rest of the
/// file as written; `None` if the file is not TOML or the key holds something else.
pub fn add_word(config: &str, word: &str) -> Option<String> {
    let mut document: toml_edit::DocumentMut = config.parse().ok()?;
    let rules = document
        .entry("rules")
        .or_insert_with(|| {
            let mut table = toml_edit::Table::new();
            table.set_implicit(true);
            toml_edit::Item::Table(table)
        })
        .as_table_like_mut()?;
    let rule = rules
        .entry(WORD_LIST_RULE)
        .or_insert(toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()?;
    let words = rule
        .entry("words")
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()?;
    if !words.iter().any(|w| w.as_str() == Some(word)) {
        words.push(word);
    }
    Some(document.to_string())
}

fn edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        document_changes: None,
        change_annotations: None,
    }
}

fn short(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() > 40 {
        format!("{}…", one_line.chars().take(39).collect::<String>())
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_added_to_an_existing_configuration_keeping_it() {
        let before = "# house settings\nprofile = \"default\"\n\n[rules.dictionary-spelling]\nenabled = true\nwords = [\"Akismet\"]\n";
        let after = add_word(before, "geolocated").unwrap();
        assert!(after.starts_with("# house settings\nprofile = \"default\"\n"));
        assert!(
            after.contains(r#"words = ["Akismet", "geolocated"]"#),
            "{after}"
        );
        // Adding it twice changes nothing.
        assert_eq!(add_word(&after, "geolocated").unwrap(), after);
        let settings = crate::config::parse("galley.toml", Path::new("."), &after);
        assert!(settings.is_ok());
    }

    #[test]
    fn a_new_configuration_gets_the_table() {
        let after = add_word("", "Akismet").unwrap();
        assert!(after.contains("[rules.dictionary-spelling]"), "{after}");
        assert!(after.contains(r#"words = ["Akismet"]"#), "{after}");
        assert!(add_word("not = [valid", "x").is_none());
    }
}
