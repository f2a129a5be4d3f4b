//! Analyses that several rules read (the abbreviations of a document and where they are used,
//! for example): computed by the first rule that asks for one, then shared by every other rule
//! for the rest of the document, so that each is done once per document and only when a rule
//! that needs it runs.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One analysis, once computed.
type Slot = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// The analyses of one document, by type: an analysis is a type of its own.
#[derive(Default)]
pub struct SharedAnalyses {
    slots: Mutex<HashMap<TypeId, Slot>>,
}

impl SharedAnalyses {
    /// The analysis of type `T`, computed by `compute` if no rule asked for it before. Rules
    /// running side by side that ask at once wait for the one computation.
    pub fn get_or_compute<T: Any + Send + Sync>(&self, compute: impl FnOnce() -> T) -> Arc<T> {
        let slot = {
            // A rule that panicked while holding the lock left the map itself intact.
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots.entry(TypeId::of::<T>()).or_default().clone()
        };
        let value = slot.get_or_init(|| Arc::new(compute()) as Arc<dyn Any + Send + Sync>);
        Arc::clone(value)
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("a slot holds the type it is keyed by"))
    }
}

/// A copy of a manuscript starts with no analyses: they are recomputed when asked for.
impl Clone for SharedAnalyses {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for SharedAnalyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.slots.lock().map_or(0, |slots| slots.len());
        write!(f, "SharedAnalyses({count} kinds)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn an_analysis_is_computed_once_and_kept_by_type() {
        let shared = SharedAnalyses::default();
        let runs = AtomicUsize::new(0);
        let compute = || {
            runs.fetch_add(1, Ordering::SeqCst);
            vec![1, 2, 3]
        };
        assert_eq!(*shared.get_or_compute(compute), vec![1, 2, 3]);
        assert_eq!(*shared.get_or_compute(compute), vec![1, 2, 3]);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        // Another type is another analysis.
        assert_eq!(*shared.get_or_compute(|| "words"), "words");
        // A copy recomputes.
        let copy = shared.clone();
        assert_eq!(*copy.get_or_compute(compute), vec![1, 2, 3]);
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn rules_asking_at_once_share_one_computation() {
        let shared = SharedAnalyses::default();
        let runs = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    shared.get_or_compute(|| {
                        runs.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        42u32
                    })
                });
            }
        });
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}
