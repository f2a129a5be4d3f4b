//! The HTML triage report: one self-contained page (inline CSS and script, a Content Security
//! Policy that lets it fetch nothing) with an index of every manuscript (title, languages,
//! abstract and main-text words against the profile, keywords, references, missing statements,
//! blind-review findings, findings by severity) that sorts by any column and filters, and a
//! section per manuscript with its findings in context and its outline.
//!
//! The page is written once every file has passed: the index comes first and is only known at
//! the end. What is kept is the rendered rows and sections, not the files' texts.

use std::io::{self, Write};

use super::{FileReport, Reporter, Run, Sources};
use crate::diagnostic::Severity;

/// The HTML reporter.
#[derive(Default)]
pub struct Html {
    rows: Vec<String>,
    sections: Vec<String>,
    profiles: Vec<String>,
    totals: [usize; 3],
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --err: #b3261e; --warn: #8a5a00; --info: #2f5d8a; --line: #d9d9d9; --bg: #fafafa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1d; background: white; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--bg); }
h1 { font-size: 20px; margin: 0 0 4px; }
main { padding: 16px 24px; }
.controls { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; margin: 8px 0 12px; }
.controls input[type=search] { padding: 4px 8px; min-width: 260px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { cursor: pointer; user-select: none; background: var(--bg); position: sticky; top: 0; }
th[aria-sort=ascending]::after { content: " ▲"; }
th[aria-sort=descending]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.over { color: var(--err); font-weight: 600; }
.missing { color: var(--err); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; }
.error { color: var(--err); } .warning { color: var(--warn); } .info { color: var(--info); }
section.ms { border-top: 2px solid var(--line); margin-top: 24px; padding-top: 8px; }
section.ms h2 { font-size: 16px; margin: 4px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.facts dt { color: #555; }
ol.findings { padding-left: 20px; }
ol.findings li { margin: 6px 0; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 6px 8px; overflow-x: auto; white-space: pre-wrap; margin: 4px 0; }
mark { background: #ffe08a; }
.help { color: #333; font-style: italic; }
"#;

const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('index');
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var numeric = th.dataset.type === 'number';
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort || a.cells[column].textContent;
        var y = b.cells[column].dataset.sort || b.cells[column].textContent;
        var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var search = document.getElementById('filter');
  var onlyErrors = document.getElementById('only-errors');
  var onlyMissing = document.getElementById('only-missing');
  var onlyBlind = document.getElementById('only-blind');
  function apply() {
    var needle = search.value.toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var show = row.textContent.toLowerCase().indexOf(needle) !== -1
        && (!onlyErrors.checked || row.dataset.errors !== '0')
        && (!onlyMissing.checked || row.dataset.missing !== '0')
        && (!onlyBlind.checked || row.dataset.blind !== '0');
      row.hidden = !show;
      if (show) { shown += 1; }
    });
    document.getElementById('shown').textContent = shown + ' of ' + body.rows.length + ' shown';
  }
  [search, onlyErrors, onlyMissing, onlyBlind].forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  apply();
})();
"#;

/// The finding's line with its span marked, and its position.
fn in_context(
    report: &FileReport,
    sources: &Sources<'_>,
    span: &std::ops::Range<usize>,
) -> (String, String) {
    let (_, part, local) = sources.locate(span);
    let (start, _) = part.index.range(part.text, &local);
    let line_start = part.index.line_start(start.line);
    let line_end = part.index.line_end(part.text.len(), start.line);
    let line = &part.text[line_start..line_end.max(line_start)];
    let from = local.start.clamp(line_start, line_end) - line_start;
    let to = local.end.clamp(line_start, line_end) - line_start;
    let (from, to) = (
        crate::position::floor_char_boundary(line, from),
        crate::position::floor_char_boundary(line, to.max(from)),
    );
    let context = if report.text.is_empty() || line.trim().is_empty() {
        String::new()
    } else {
        format!(
            "<pre>{}<mark>{}</mark>{}</pre>",
            escape(&line[..from]),
            escape(&line[from..to]),
            escape(&line[to..])
        )
    };
    (
        format!("{}:{}:{}", part.name, start.line, start.column),
        context,
    )
}

fn cell_num(value: usize, shown: &str, class: &str) -> String {
    format!("<td class=\"num {class}\" data-sort=\"{value}\">{shown}</td>")
}

impl Html {
    fn add(&mut self, report: &FileReport) {
        let index = self.rows.len();
        let id = format!("m-{index}");
        let count = |s: Severity| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == s)
                .count()
        };
        let (errors, warnings, infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        self.totals[0] += errors;
        self.totals[1] += warnings;
        self.totals[2] += infos;
        let name = escape(&report.name);
        if let Some(error) = &report.error {
            self.rows.push(format!(
                "<tr data-errors=\"1\" data-missing=\"0\" data-blind=\"0\"><td><a href=\"#{id}\">{name}</a></td><td colspan=\"8\" class=\"error\">could not be read: {}</td>{}{}{}</tr>",
                escape(error),
                cell_num(1, "1", "error"),
                cell_num(0, "0", ""),
                cell_num(0, "0", "")
            ));
            self.sections.push(format!(
                "<section class=\"ms\" id=\"{id}\"><h2>{name}</h2><p class=\"error\">could not be read: {}</p></section>",
                escape(error)
            ));
            return;
        }
        let default = Default::default();
        let s: &crate::desk::Summary = report.summary.as_deref().unwrap_or(&default);
        if !s.profile.is_empty() && !self.profiles.contains(&s.profile) {
            self.profiles.push(s.profile.clone());
        }
        let title = s.title.clone().unwrap_or_default();
        let abstracts: Vec<String> = s
            .abstracts
            .iter()
            .map(|a| format!("{} {}", a.language.as_deref().unwrap_or("?"), a.words))
            .collect();
        let abstract_words = s.abstracts.iter().map(|a| a.words).max().unwrap_or(0);
        let abstract_shown = match (&abstracts[..], &s.abstract_limit) {
            ([], _) => "—".to_string(),
            (list, Some(limit)) => format!(
                "{} <small>({})</small>",
                escape(&list.join(", ")),
                escape(limit)
            ),
            (list, None) => escape(&list.join(", ")),
        };
        let main_shown = match &s.main_text_limit {
            Some(limit) => format!(
                "<span class=\"{}\">{}</span> <small>({})</small>",
                if s.main_text_over { "over" } else { "" },
                s.main_text_words,
                escape(limit)
            ),
            None => s.main_text_words.to_string(),
        };
        let keywords: Vec<String> = s
            .keywords
            .iter()
            .map(|k| format!("{} {}", k.language.as_deref().unwrap_or("?"), k.count))
            .collect();
        let keyword_total: usize = s.keywords.iter().map(|k| k.count).sum();
        let missing = s.missing_statements.len();
        let missing_shown = if missing == 0 {
            "—".to_string()
        } else {
            format!(
                "<small class=\"missing\">{}</small>",
                escape(&s.missing_statements.join(", "))
            )
        };
        self.rows.push(format!(
            "<tr data-errors=\"{errors}\" data-missing=\"{missing}\" data-blind=\"{blind}\"><td><a href=\"#{id}\">{name}</a></td><td>{title}</td><td>{langs}</td><td class=\"num\" data-sort=\"{abstract_words}\">{abstract_shown}</td><td class=\"num\" data-sort=\"{main}\">{main_shown}</td><td class=\"num\" data-sort=\"{keyword_total}\">{kw}</td>{refs}{figures}{tables}<td data-sort=\"{missing}\">{missing_shown}</td>{blind_cell}{e}{w}{i}</tr>",
            blind = s.blind_flags,
            title = escape(&title),
            langs = escape(&s.languages.join(", ")),
            main = s.main_text_words,
            kw = escape(&keywords.join(", ")),
            refs = cell_num(s.references, &s.references.to_string(), ""),
            figures = cell_num(s.figures, &s.figures.to_string(), ""),
            tables = cell_num(s.tables, &s.tables.to_string(), ""),
            blind_cell = cell_num(s.blind_flags, &s.blind_flags.to_string(), if s.blind_flags > 0 { "error" } else { "" }),
            e = cell_num(errors, &errors.to_string(), if errors > 0 { "error" } else { "" }),
            w = cell_num(warnings, &warnings.to_string(), if warnings > 0 { "warning" } else { "" }),
            i = cell_num(infos, &infos.to_string(), ""),
        ));
        let sources = Sources::of(report);
        let mut findings = String::new();
        for d in &report.diagnostics {
            let (at, context) = in_context(report, &sources, &d.span);
            let help = d
                .help
                .as_ref()
                .map(|h| format!("<div class=\"help\">help: {}</div>", escape(h)))
                .unwrap_or_default();
            let notes: String = d
                .notes
                .iter()
                .map(|n| format!("<div class=\"help\">note: {}</div>", escape(n)))
                .collect();
            findings.push_str(&format!(
                "<li><span class=\"{sev}\">{sev}[{rule}]</span> {message} <small>{at}</small>{context}{help}{notes}</li>",
                sev = d.severity.as_str(),
                rule = escape(&d.rule),
                message = escape(&d.message),
                at = escape(&at),
            ));
        }
        let statements: Vec<String> = s
            .statements
            .iter()
            .map(|st| format!("{} ({}, {})", st.name, st.how, st.content))
            .collect();
        self.sections.push(format!(
            "<section class=\"ms\" id=\"{id}\"><h2>{name}</h2><dl class=\"facts\"><dt>title</dt><dd>{title}</dd><dt>profile</dt><dd>{profile}</dd><dt>main text</dt><dd>{main_shown} words, counting {counts}</dd><dt>statements found</dt><dd>{statements}</dd><dt>findings</dt><dd>{errors} errors, {warnings} warnings, {infos} infos</dd></dl>{list}<details><summary>outline</summary><pre>{outline}</pre></details></section>",
            title = escape(&title),
            profile = escape(&s.profile),
            counts = escape(&s.main_text_counts.join(", ")),
            statements = if statements.is_empty() { "none".to_string() } else { escape(&statements.join("; ")) },
            list = if findings.is_empty() { "<p>No findings.</p>".to_string() } else { format!("<ol class=\"findings\">{findings}</ol>") },
            outline = escape(&s.outline),
        ));
    }
}

impl Reporter for Html {
    fn file(
        &mut self,
        _run: &Run<'_>,
        report: &FileReport,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.add(report);
        Ok(())
    }

    fn finish(&mut self, _run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        let files = self.rows.len();
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>galley triage report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>galley triage report</h1><div>{files} manuscript{plural}; profile {profiles}; <span class=\"error\">{e} errors</span>, <span class=\"warning\">{w} warnings</span>, <span class=\"info\">{i} infos</span></div></header>\n<main>\n<div class=\"controls\"><input type=\"search\" id=\"filter\" placeholder=\"filter by name, title, statement…\" aria-label=\"filter\"><label><input type=\"checkbox\" id=\"only-errors\"> with errors</label><label><input type=\"checkbox\" id=\"only-missing\"> missing statements</label><label><input type=\"checkbox\" id=\"only-blind\"> blind-review findings</label><span id=\"shown\"></span></div>\n<table id=\"index\">\n<thead><tr><th>manuscript</th><th>title</th><th>languages</th><th data-type=\"number\">abstract words</th><th data-type=\"number\">main text words</th><th data-type=\"number\">keywords</th><th data-type=\"number\">references</th><th data-type=\"number\">figures</th><th data-type=\"number\">tables</th><th data-type=\"number\">missing statements</th><th data-type=\"number\">blind review</th><th data-type=\"number\">errors</th><th data-type=\"number\">warnings</th><th data-type=\"number\">infos</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n{sections}\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
            plural = if files == 1 { "" } else { "s" },
            profiles = escape(&if self.profiles.is_empty() {
                "default".to_string()
            } else {
                self.profiles.join(", ")
            }),
            e = self.totals[0],
            w = self.totals[1],
            i = self.totals[2],
            rows = self.rows.join("\n"),
            sections = self.sections.join("\n"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\">O'Neil & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn an_unreadable_file_gets_a_row_and_a_section_and_the_page_fetches_nothing() {
        let mut html = Html::default();
        let report = FileReport {
            name: "a<b>.docx".into(),
            text: String::new(),
            diagnostics: Vec::new(),
            error: Some("not a zip".into()),
            parts: Vec::new(),
            summary: None,
        };
        let run = Run {
            rules: &[],
            color: false,
        };
        let page = super::super::render(&mut html, &run, &[report]);
        assert!(page.contains("a&lt;b&gt;.docx"));
        assert!(page.contains("could not be read: not a zip"));
        assert!(page.contains("default-src 'none'"));
        for fetching in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
            assert!(!page.contains(fetching), "{fetching}");
        }
    }
}
