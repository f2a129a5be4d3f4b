//! The rule-file loader on any TOML: parse the rule file, resolve its languages and compile its
//! check (user regexes included), as loading a rule folder does; an error, never a panic.
#![no_main]

use galley::rules::RuleFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = RuleFile::parse(text) else {
        return;
    };
    let Ok(languages) = galley::checks::language_codes(&file.languages) else {
        return;
    };
    let _ = galley::checks::build(&file.check, &languages);
});
