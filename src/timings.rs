//! `--timings`: where a run spends its time, per stage and per rule, printed to standard error
//! after the report. Off by default; when off, recording costs one relaxed atomic load.
//!
//! Times are summed over all files and threads, so with several threads the stages add up to
//! more than the wall time: the table shows where the work is, not how long the run took.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Total time and number of calls per (kind, name).
type Table = HashMap<(Kind, String), (Duration, usize)>;

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// What a row measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Stage,
    Rule,
}

/// Starts recording.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Whether recording is on.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Runs `work`, adding its time to the row `name` when recording is on.
pub fn time<T>(kind: Kind, name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let start = Instant::now();
    let out = work();
    record(kind, name, start.elapsed());
    out
}

/// Adds `elapsed` to the row `name`.
pub fn record(kind: Kind, name: &str, elapsed: Duration) {
    if !enabled() {
        return;
    }
    let mut table = table().lock().unwrap_or_else(|e| e.into_inner());
    let row = table.entry((kind, name.to_string())).or_default();
    row.0 += elapsed;
    row.1 += 1;
}

/// The table as text: stages in the order they ran, then the rules slowest first, with
/// milliseconds, calls and each row's share of its section.
pub fn render(wall: Duration) -> String {
    let table = table().lock().unwrap_or_else(|e| e.into_inner());
    let mut out = format!("timings (wall {:.1} ms)\n", millis(wall));
    for (kind, heading) in [(Kind::Stage, "stage"), (Kind::Rule, "rule")] {
        let mut rows: Vec<(&String, &(Duration, usize))> = table
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|((_, name), row)| (name, row))
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        let total: Duration = rows.iter().map(|(_, (d, _))| *d).sum();
        let width = rows
            .iter()
            .map(|(n, _)| n.len())
            .max()
            .unwrap_or(0)
            .max(heading.len());
        out.push_str(&format!(
            "  {heading:<width$}  {:>10}  {:>6}  {:>6}\n",
            "ms", "share", "calls"
        ));
        for (name, (elapsed, calls)) in rows {
            let share = if total.is_zero() {
                0.0
            } else {
                elapsed.as_secs_f64() / total.as_secs_f64() * 100.0
            };
            out.push_str(&format!(
                "  {name:<width$}  {:>10.2}  {share:>5.1}%  {calls:>6}\n",
                millis(*elapsed)
            ));
        }
        out.push_str(&format!("  {:<width$}  {:>10.2}\n", "total", millis(total)));
    }
    out
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_add_up_and_are_listed_slowest_first() {
        enable();
        record(Kind::Rule, "test-fast", Duration::from_millis(1));
        record(Kind::Rule, "test-slow", Duration::from_millis(5));
        record(Kind::Rule, "test-slow", Duration::from_millis(5));
        let text = render(Duration::from_millis(20));
        let slow = text.find("test-slow").unwrap();
        let fast = text.find("test-fast").unwrap();
        assert!(slow < fast, "{text}");
        let slow_line = text.lines().find(|l| l.contains("test-slow")).unwrap();
        assert!(
            slow_line.contains("10.00") && slow_line.trim_end().ends_with('2'),
            "{slow_line}"
        );
    }
}
