//! Per-unit results kept between runs of one check, for the language server: after an edit only
//! the paragraphs whose text changed are searched again.
//!
//! A check that is unit-local (what it finds in a unit depends on the unit's text alone, once
//! the unit is in its parts and language scope) can keep what it found in each unit, keyed by
//! the unit's exact text, in coordinates of that text; mapping to source positions is redone on
//! every run, so a paragraph that moved, or whose markup changed around the same text, still
//! gets exact spans. Entries not used by the last few runs are dropped, so the memory held is a
//! few documents' worth. `galley check` never asks for it (see [`super::Context::memoize`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// How many runs an entry survives unused: a few documents checked in turn keep theirs.
const KEEP_RUNS: u64 = 4;

/// Results of one check per unit text.
pub struct UnitMemo<T> {
    inner: Mutex<Inner<T>>,
}

struct Inner<T> {
    /// The current run, counted from 1.
    run: u64,
    entries: HashMap<String, (u64, Arc<T>), foldhash::fast::RandomState>,
}

impl<T> Default for UnitMemo<T> {
    fn default() -> Self {
        Self {
            inner: Mutex::new(Inner {
                run: 0,
                entries: HashMap::default(),
            }),
        }
    }
}

impl<T> UnitMemo<T> {
    /// Starts a run: entries unused for [`KEEP_RUNS`] runs are dropped.
    pub fn start_run(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.run += 1;
        let oldest = inner.run.saturating_sub(KEEP_RUNS);
        inner.entries.retain(|_, (used, _)| *used >= oldest);
    }

    /// What `compute` finds in `text`, computed now or kept from an earlier run.
    pub fn get_or_compute(&self, text: &str, compute: impl FnOnce() -> T) -> Arc<T> {
        {
            let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
            let run = inner.run;
            if let Some((used, value)) = inner.entries.get_mut(text) {
                *used = run;
                return value.clone();
            }
        }
        // Computed without the lock: two documents may be checked side by side.
        let value = Arc::new(compute());
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let run = inner.run;
        inner.entries.insert(text.to_string(), (run, value.clone()));
        value
    }

    /// How many unit texts are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entries
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_results_are_reused_and_old_ones_dropped() {
        let memo: UnitMemo<usize> = UnitMemo::default();
        let mut computed = 0;
        memo.start_run();
        assert_eq!(
            *memo.get_or_compute("a b", || {
                computed += 1;
                2
            }),
            2
        );
        assert_eq!(*memo.get_or_compute("a b", || unreachable!()), 2);
        assert_eq!(computed, 1);
        for _ in 0..KEEP_RUNS + 1 {
            memo.start_run();
        }
        assert_eq!(memo.len(), 0);
        assert_eq!(*memo.get_or_compute("a b", || 3), 3);
    }
}
