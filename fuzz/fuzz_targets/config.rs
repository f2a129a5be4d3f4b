//! The configuration parser and the rule set it builds, on any TOML: a configuration error or a
//! rule set, never a panic. Rule folders point nowhere, so nothing is read from disk.
#![no_main]

use galley::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = Path::new("/nonexistent/galley-fuzz");
    if let Ok(settings) = galley::config::parse("galley.toml", dir, text) {
        let _ = RuleSet::build(&settings);
    }
});
