//! `--statistics`: how many findings each rule made, most first, instead of the findings.

use std::collections::BTreeMap;

use serde_json::json;

use super::Run;

/// Counts per rule, most frequent first, ties by id.
pub fn counts(run: &Run<'_>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in run.reports.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry(d.rule.as_str()).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(id, n)| (id.to_string(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The table: count, rule, severity, whether it has a fix, summary.
pub fn render_text(run: &Run<'_>) -> String {
    let list = counts(run);
    let width = list.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, n) in &list {
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
pub fn render_json(run: &Run<'_>) -> String {
    let list: Vec<_> = counts(run)
        .into_iter()
        .map(|(rule, count)| json!({ "rule": rule, "count": count }))
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "version": 1, "statistics": list }))
        .expect("JSON values serialize");
    text.push('\n');
    text
}
