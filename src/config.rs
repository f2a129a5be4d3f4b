//! Configuration: `galley.toml` (or `.galley.toml`) found from the manuscript's folder upward,
//! built-in profiles, and the errors that point into those files.
//!
//! ```toml
//! profile = "tr-en"               # built-in profile applied before the rules below
//! rule-dirs = ["house-rules"]     # more rule files, relative to this file
//! select = ["all"]                # rule ids to run ("all" by default)
//! ignore = ["keyword-count"]      # rule ids not to run
//! fail-on = "warning"             # lowest severity that makes the exit code 1
//! citation-style = "harvard"      # the style of every citation rule (a rule's `style` wins)
//!
//! [rules.abstract-length]         # per rule: severity, enabled, languages, and check parameters
//! severity = "error"
//! min = 100
//! max = 200
//! ```
//!
//! Unknown keys, wrong types and unknown rule ids are errors with the span of the offending text.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;

/// Names of the files looked for, in order, in each folder.
pub const CONFIG_NAMES: &[&str] = &["galley.toml", ".galley.toml"];

/// Built-in profiles: name and TOML text.
pub const PROFILES: &[(&str, &str)] = &[
    ("default", include_str!("../rules/profiles/default.toml")),
    ("tr-en", include_str!("../rules/profiles/tr-en.toml")),
    ("plos-one", include_str!("../rules/profiles/plos-one.toml")),
    ("bmj", include_str!("../rules/profiles/bmj.toml")),
    (
        "jep-general",
        include_str!("../rules/profiles/jep-general.toml"),
    ),
    ("csp", include_str!("../rules/profiles/csp.toml")),
    (
        "dergipark-asbad",
        include_str!("../rules/profiles/dergipark-asbad.toml"),
    ),
    ("joss", include_str!("../rules/profiles/joss.toml")),
];

/// A named text that errors can point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub name: String,
    pub text: Arc<str>,
}

/// A problem with configuration or a rule file: usage error, exit code 2.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub file: Option<SourceText>,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    /// An error with no file to point into (a command-line value).
    pub fn plain(message: impl Into<String>) -> Self {
        Self {
            file: None,
            span: None,
            message: message.into(),
            help: None,
        }
    }

    /// An error at `span` of `file`.
    pub fn at(file: &SourceText, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Self {
            file: Some(file.clone()),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// From a TOML parse or type error in `file`.
    pub fn from_toml(file: &SourceText, error: &toml::de::Error) -> Self {
        Self::at(file, error.span(), first_line_lowercase(error.message()))
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}: {}", file.name, self.message),
            None => f.write_str(&self.message),
        }
    }
}

fn first_line_lowercase(message: &str) -> String {
    let line = message
        .trim()
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    let mut chars = line.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Settings for one rule from a profile or configuration file.
#[derive(Debug, Clone)]
pub struct RuleOverride {
    pub rule: String,
    /// Where the `[rules.<id>]` table stands, for errors.
    pub origin: SourceText,
    pub rule_span: Option<Range<usize>>,
    pub table_span: Option<Range<usize>>,
    /// `severity`, `enabled`, `languages` and check parameters, as written.
    pub table: toml::Table,
}

/// A rule id named in `select` or `ignore`, with where it was written (none: the command line).
pub type RuleName = (String, Option<(SourceText, Range<usize>)>);

/// A citation style id, with where it was written.
pub type StyleName = (String, Option<(SourceText, Range<usize>)>);

/// Everything configuration says, merged from profile, file and command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: String,
    pub profile_origin: Option<(SourceText, Range<usize>)>,
    /// The configuration file in use, if any.
    pub file: Option<SourceText>,
    pub rule_dirs: Vec<(PathBuf, SourceText, Range<usize>)>,
    pub select: Vec<RuleName>,
    pub ignore: Vec<RuleName>,
    pub fail_on: Severity,
    /// Rule settings from the configuration file; the profile's come first at build time.
    pub overrides: Vec<RuleOverride>,
    /// `[per-file-ignores]`: a glob (relative to the configuration file's folder) and the rule
    /// ids not run on files it matches, with where each was written.
    pub per_file_ignores: Vec<(String, Range<usize>, Vec<RuleName>)>,
    /// The folder per-file-ignore globs are relative to (the configuration file's).
    pub root: Option<PathBuf>,
    /// `citation-style`: the style every citation rule judges by, with where it was written.
    /// A rule's own `style` under `[rules.<id>]` still wins.
    pub citation_style: Option<StyleName>,
    /// `max-findings-per-rule`: the most findings of one rule shown for one file (0: no limit).
    pub max_findings_per_rule: usize,
}

/// Findings of one rule shown for one file unless configured otherwise: far more than anyone
/// reads, and few enough that a pathological input (one word repeated a million times) still
/// checks in seconds.
pub const DEFAULT_MAX_FINDINGS_PER_RULE: usize = 10_000;

impl Default for Settings {
    fn default() -> Self {
        Self {
            profile: "default".into(),
            profile_origin: None,
            file: None,
            rule_dirs: Vec::new(),
            select: Vec::new(),
            ignore: Vec::new(),
            fail_on: Severity::Warning,
            overrides: Vec::new(),
            per_file_ignores: Vec::new(),
            root: None,
            citation_style: None,
            max_findings_per_rule: DEFAULT_MAX_FINDINGS_PER_RULE,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    profile: Option<Spanned<String>>,
    #[serde(default)]
    rule_dirs: Vec<Spanned<String>>,
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_on: Option<Severity>,
    citation_style: Option<Spanned<String>>,
    max_findings_per_rule: Option<usize>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ProfileFile {
    description: String,
    /// The journal whose author guidelines the profile follows.
    journal: Option<String>,
    /// Where the guidelines were read (a URL).
    source: Option<String>,
    /// When they were read (YYYY-MM-DD).
    read: Option<String>,
    citation_style: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
}

/// The configuration file that applies to a manuscript in `dir`: the nearest `galley.toml` or
/// `.galley.toml` in it or a parent.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let absolute = std::fs::canonicalize(dir).ok()?;
    absolute
        .ancestors()
        .flat_map(|folder| CONFIG_NAMES.iter().map(move |name| folder.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Reads a configuration file into settings.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::plain(format!(
            "cannot read configuration `{}`: {e}",
            path.display()
        ))
    })?;
    parse(
        &path.display().to_string(),
        path.parent().unwrap_or(Path::new(".")),
        &text,
    )
}

/// Parses configuration text; `dir` resolves relative rule folders.
pub fn parse(name: &str, dir: &Path, text: &str) -> Result<Settings, ConfigError> {
    let file = SourceText {
        name: name.to_string(),
        text: Arc::from(text),
    };
    let parsed: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::from_toml(&file, &e))?;
    let mut settings = Settings {
        file: Some(file.clone()),
        ..Settings::default()
    };
    if let Some(profile) = parsed.profile {
        settings.profile_origin = Some((file.clone(), profile.span()));
        settings.profile = profile.into_inner();
    }
    settings.fail_on = parsed.fail_on.unwrap_or(Severity::Warning);
    if let Some(cap) = parsed.max_findings_per_rule {
        settings.max_findings_per_rule = cap;
    }
    if let Some(style) = parsed.citation_style {
        let span = style.span();
        let style = style.into_inner();
        check_citation_style(&file, &span, &style)?;
        settings.citation_style = Some((style, Some((file.clone(), span))));
    }
    settings.rule_dirs = parsed
        .rule_dirs
        .into_iter()
        .map(|d| (dir.join(d.get_ref()), file.clone(), d.span()))
        .collect();
    let spanned = |list: Vec<Spanned<String>>| {
        list.into_iter()
            .map(|s| (s.get_ref().clone(), Some((file.clone(), s.span()))))
            .collect::<Vec<_>>()
    };
    settings.select = spanned(parsed.select);
    settings.ignore = spanned(parsed.ignore);
    settings.overrides = overrides(&file, parsed.rules);
    add_project_words(&mut settings.overrides, &file, dir)?;
    settings.root = Some(dir.to_path_buf());
    let mut per_file: Vec<_> = parsed
        .per_file_ignores
        .into_iter()
        .map(|(glob, ids)| {
            let span = glob.span();
            (glob.into_inner(), span, spanned(ids))
        })
        .collect();
    per_file.sort_by_key(|(_, span, _)| span.start);
    settings.per_file_ignores = per_file;
    Ok(settings)
}

/// The project word list beside the configuration file: one word per line, `#` comments.
pub const WORDS_FILE: &str = "galley.words";

/// Adds the words of [`WORDS_FILE`] beside the configuration, if there is one, to the `words`
/// of `unknown-word` and `dictionary-spelling`.
fn add_project_words(
    overrides: &mut Vec<RuleOverride>,
    file: &SourceText,
    dir: &Path,
) -> Result<(), ConfigError> {
    let path = dir.join(WORDS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(ConfigError::plain(format!(
                "cannot read the word list `{}`: {e}",
                path.display()
            )));
        }
    };
    let words: Vec<toml::Value> = text
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|word| !word.is_empty())
        .map(|word| toml::Value::String(word.to_string()))
        .collect();
    for rule in ["unknown-word", "dictionary-spelling"] {
        let index = match overrides.iter().position(|o| o.rule == rule) {
            Some(i) => i,
            None => {
                overrides.push(RuleOverride {
                    rule: rule.to_string(),
                    origin: file.clone(),
                    rule_span: None,
                    table_span: None,
                    table: toml::Table::new(),
                });
                overrides.len() - 1
            }
        };
        let table = &mut overrides[index].table;
        // A mistyped `words` is left alone, to be reported where it was written.
        if let toml::Value::Array(list) = table
            .entry("words")
            .or_insert_with(|| toml::Value::Array(Vec::new()))
        {
            list.extend(words.iter().cloned());
        }
    }
    Ok(())
}

fn overrides(
    file: &SourceText,
    rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
) -> Vec<RuleOverride> {
    let mut list: Vec<RuleOverride> = rules
        .into_iter()
        .map(|(id, table)| RuleOverride {
            rule: id.get_ref().clone(),
            origin: file.clone(),
            rule_span: Some(id.span()),
            table_span: Some(table.span()),
            table: table.into_inner(),
        })
        .collect();
    list.sort_by_key(|o| o.rule_span.as_ref().map(|s| s.start));
    list
}

/// An unknown `citation-style` value: an error at the value, listing the known styles.
fn check_citation_style(
    file: &SourceText,
    span: &Range<usize>,
    style: &str,
) -> Result<(), ConfigError> {
    let known = crate::checks::citation_styles();
    if known.contains(&style) {
        return Ok(());
    }
    Err(ConfigError::at(
        file,
        Some(span.clone()),
        format!("unknown citation style `{style}`"),
    )
    .with_help(format!("known citation styles: {}", known.join(", "))))
}

/// A built-in profile: what it is, its citation style and its rule settings.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub description: String,
    /// The journal it follows, where it follows one.
    pub journal: Option<String>,
    /// The author guidelines it was written from, and when they were read.
    pub source: Option<String>,
    pub read: Option<String>,
    /// The profile file's text.
    pub text: &'static str,
    /// `citation-style`, with the profile text and the span of the value.
    pub citation_style: Option<(String, SourceText, Range<usize>)>,
    pub overrides: Vec<RuleOverride>,
}

/// A built-in profile by name.
pub fn profile(name: &str) -> Option<Profile> {
    let (_, text) = PROFILES.iter().find(|(profile, _)| *profile == name)?;
    let file = SourceText {
        name: format!("<built-in profile {name}>"),
        text: Arc::from(*text),
    };
    let parsed: ProfileFile = toml::from_str(text).expect("built-in profiles are valid");
    let citation_style = parsed.citation_style.map(|s| {
        let span = s.span();
        (s.into_inner(), file.clone(), span)
    });
    Some(Profile {
        name: name.to_string(),
        description: parsed.description,
        journal: parsed.journal,
        source: parsed.source,
        read: parsed.read,
        text,
        citation_style,
        overrides: overrides(&file, parsed.rules),
    })
}

impl Profile {
    /// Who the profile's requirements come from, for messages: the journal, or the profile.
    pub fn requirer(&self) -> String {
        match &self.journal {
            Some(journal) => journal.clone(),
            None => format!("profile `{}`", self.name),
        }
    }
}

/// Every built-in profile, in the order of [`PROFILES`].
pub fn profiles() -> Vec<Profile> {
    PROFILES
        .iter()
        .filter_map(|(name, _)| profile(name))
        .collect()
}

/// The rule settings of a built-in profile.
pub fn profile_overrides(name: &str) -> Option<Vec<RuleOverride>> {
    profile(name).map(|p| p.overrides)
}

/// Where in an override table a key stands (for errors about one parameter).
pub fn key_span(
    origin: &SourceText,
    table_span: &Option<Range<usize>>,
    key: &str,
) -> Option<Range<usize>> {
    // The span of a `[rules.x]` table covers its header; its keys run to the next header.
    let header = table_span.clone()?;
    let rest = origin.text.get(header.end..)?;
    let end = rest
        .find("\n[")
        .map_or(origin.text.len(), |at| header.end + at);
    let span = header.start..end;
    let region = origin.text.get(span.clone())?;
    let mut offset = 0;
    for line in region.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = span.start + offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_configuration_parses_with_spans() {
        let text = "profile = \"tr-en\"\nignore = [\"keyword-count\"]\n\n[rules.abstract-length]\nmin = 100\n";
        let settings = parse("galley.toml", Path::new("."), text).unwrap();
        assert_eq!(settings.profile, "tr-en");
        assert_eq!(settings.ignore[0].0, "keyword-count");
        let o = &settings.overrides[0];
        assert_eq!(o.rule, "abstract-length");
        assert_eq!(&text[o.rule_span.clone().unwrap()], "abstract-length");
        assert_eq!(
            &text[key_span(&o.origin, &o.table_span, "min").unwrap()],
            "min"
        );
    }

    #[test]
    fn unknown_keys_and_wrong_types_point_at_the_line() {
        let err = parse("galley.toml", Path::new("."), "profle = \"x\"\n").unwrap_err();
        assert!(err.message.contains("unknown field"), "{}", err.message);
        assert_eq!(err.span, Some(0..6));
        let err = parse("galley.toml", Path::new("."), "select = 3\n").unwrap_err();
        assert_eq!(err.span.map(|s| s.start), Some(9));
    }

    #[test]
    fn citation_style_is_a_top_level_setting_checked_against_the_known_styles() {
        let text = "citation-style = \"harvard\"\n";
        let settings = parse("galley.toml", Path::new("."), text).unwrap();
        let (style, origin) = settings.citation_style.unwrap();
        assert_eq!(style, "harvard");
        assert_eq!(&text[origin.unwrap().1], "\"harvard\"");
        let text = "citation-style = \"mla\"\n";
        let err = parse("galley.toml", Path::new("."), text).unwrap_err();
        assert_eq!(err.message, "unknown citation style `mla`");
        assert_eq!(&text[err.span.clone().unwrap()], "\"mla\"");
        let help = err.help.unwrap();
        for style in [
            "apa7",
            "chicago-author-date",
            "harvard",
            "vancouver",
            "ieee",
        ] {
            assert!(help.contains(style), "{help}");
        }
    }

    #[test]
    fn built_in_profiles_parse() {
        for (name, _) in PROFILES {
            assert!(profile_overrides(name).is_some());
            if let Some((style, file, span)) = profile(name).unwrap().citation_style {
                check_citation_style(&file, &span, &style).unwrap();
            }
        }
        assert!(profile_overrides("nope").is_none());
    }

    /// Journal profiles say which journal they follow, where its guidelines were read and when.
    #[test]
    fn journal_profiles_record_their_source_and_date() {
        let journals: Vec<Profile> = profiles()
            .into_iter()
            .filter(|p| p.journal.is_some())
            .collect();
        assert!(journals.len() >= 6);
        for p in journals {
            let source = p.source.as_deref().unwrap_or_default();
            assert!(source.starts_with("https://"), "{}: {source}", p.name);
            let read = p.read.as_deref().unwrap_or_default();
            assert_eq!(read.len(), 10, "{}: read = {read}", p.name);
            assert!(read.starts_with("20"), "{}", p.name);
        }
    }
}
