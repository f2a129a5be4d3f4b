//! galley: a manuscript linter for editorial review.
//!
//! The flow is one way: a reader turns bytes into a [`source::Document`], structure detection
//! turns that into a [`manuscript::Manuscript`], the rules loaded from TOML files produce
//! [`diagnostic::Diagnostic`]s, and a reporter prints them. Nothing flows backwards: a check never
//! prints, a reporter never re-parses, a reader knows no rule.

pub mod app;
pub mod baseline;
pub mod checks;
pub mod cite;
pub mod cli;
pub mod config;
pub mod desk;
pub mod diagnostic;
pub mod fix;
pub mod init;
pub mod lsp;
pub mod manuscript;
pub mod output;
pub mod position;
pub mod report;
pub mod rules;
pub mod similarity;
pub mod sink;
pub mod source;
pub mod spool;
pub mod stats;
pub mod suppress;
pub mod timings;
