//! `galley lsp`: a Language Server Protocol server on standard input and output, so that an
//! author's editor shows galley's findings as they type and applies its fixes with a click.
//!
//! Built on lsp-server and lsp-types, the pair rust-analyzer runs on: a synchronous server loop
//! over channels (no async runtime to pull in for a server that checks one document at a time,
//! and a plain `recv_timeout` is the debounce), with the protocol's types kept up to date by the
//! same people. lsp-types 0.95 is the version whose URIs are `url::Url`, which turns into a file
//! path and back.
//!
//! The server checks with the same pipeline as `galley check` ([`crate::app::settings_for`],
//! [`crate::rules::RuleSet`], [`crate::app::analyse_with_structure`]): the same configuration
//! discovery, rules, suppression comments and fixes. A .docx is binary and is not served.
//!
//! | module | does |
//! |---|---|
//! | [`transport`] | framed JSON-RPC on stdio, reading past malformed messages |
//! | [`server`] | the loop: lifecycle, document store, debounced checks, publishing, requests |
//! | [`workspace`] | client settings, configuration and rule sets, LaTeX main files, the check |
//! | [`convert`] | UTF-16 / UTF-8 positions; galley's diagnostics as LSP diagnostics |
//! | [`actions`] | quick fixes, suppression comments, the project word list |
//! | [`symbols`] | the manuscript's outline as document symbols |
//! | [`explain`] | rule explanations for hovers and diagnostic links |

pub mod actions;
pub mod convert;
pub mod explain;
pub mod server;
pub mod symbols;
pub mod transport;
pub mod workspace;

/// Serves one client on standard input and output until it says `exit`; the exit code is 0
/// after an orderly `shutdown`, 1 otherwise (as the protocol asks).
pub fn run() -> u8 {
    let (connection, threads) = transport::stdio();
    let code = server::serve(connection);
    threads.join();
    code
}
