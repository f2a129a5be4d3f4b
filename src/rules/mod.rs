//! Rules: the TOML files that name a check kind, set its parameters, and carry the wording,
//! severity, explanation and examples of a finding.
//!
//! [`spec`] is the file format, [`registry`] gathers the built-in rules (compiled into the binary),
//! the rules in user folders, profiles and configuration overrides into one [`registry::RuleSet`].

pub mod registry;
pub mod spec;

pub use registry::{Rule, RuleSet};
pub use spec::{Example, RuleFile};
