//! `--statistics`: how many findings each rule made, most first, instead of the findings.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use super::{FileReport, Reporter, Run};

/// The statistics reporter: counts findings as the files pass, prints the table (or its JSON) at
/// the end. Unreadable files go to standard error.
pub struct Statistics {
    counts: BTreeMap<String, usize>,
    json: bool,
}

impl Statistics {
    /// The table as text, or as JSON.
    pub fn new(json: bool) -> Self {
        Self {
            counts: BTreeMap::new(),
            json,
        }
    }

    /// Counts per rule, most frequent first, ties by id.
    fn list(&self) -> Vec<(&str, usize)> {
        let mut list: Vec<(&str, usize)> = self
            .counts
            .iter()
            .map(|(id, n)| (id.as_str(), *n))
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        list
    }
}

impl Reporter for Statistics {
    fn file(
        &mut self,
        _run: &Run<'_>,
        report: &FileReport,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        for d in &report.diagnostics {
            match self.counts.get_mut(&d.rule) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(d.rule.clone(), 1);
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        let list = self.list();
        let text = if self.json {
            render_json(&list)
        } else {
            render_text(run, &list)
        };
        out.write_all(text.as_bytes())
    }

    fn includes_errors(&self) -> bool {
        false
    }
}

/// The table: count, rule, severity, whether it has a fix, summary.
fn render_text(run: &Run<'_>, list: &[(&str, usize)]) -> String {
    let width = list.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, n) in list {
        let meta = run.meta(id);
        let severity = meta.as_ref().map_or("", |m| m.severity.as_str());
        let fix = if meta.as_ref().is_some_and(|m| m.fixable) {
            "[fix]"
        } else {
            "     "
        };
        let summary = meta.as_ref().map_or("", |m| m.summary.as_str());
        out.push_str(&format!(
            "{n:>5}  {id:<width$}  {severity:<7}  {fix}  {summary}\n"
        ));
    }
    let total: usize = list.iter().map(|(_, n)| n).sum();
    out.push_str(&format!("{total:>5}  in total\n"));
    out
}

/// The same as JSON: `{"version": 1, "statistics": [{"rule", "count"}]}`.
fn render_json(list: &[(&str, usize)]) -> String {
    let list: Vec<_> = list
        .iter()
        .map(|(rule, count)| json!({ "rule": rule, "count": count }))
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "version": 1, "statistics": list }))
        .expect("JSON values serialize");
    text.push('\n');
    text
}
