//! The rule set in force for a run: built-in rules (compiled into the binary), rules from user
//! folders, then the profile's and the configuration's settings, then `select` / `ignore`.
//!
//! Every check is compiled here, once per run, and shared by all files and threads. Errors point
//! into the file that caused them: a rule file, a profile or `galley.toml`.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::spec::RuleFile;
use crate::checks::{self, Check, Context};
use crate::config::{ConfigError, RuleOverride, Settings, SourceText, key_span, profile};
use crate::diagnostic::{Diagnostic, Severity, fill_template};
use crate::manuscript::{LangCode, Manuscript};
use crate::similarity::edit_distance;
use crate::source::Document;
use crate::timings;

/// The built-in rules, sorted by id; a test checks this list against `rules/*.toml`.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "abstract-heading-language",
        include_str!("../../rules/abstract-heading-language.toml"),
    ),
    (
        "abstract-language-missing",
        include_str!("../../rules/abstract-language-missing.toml"),
    ),
    (
        "abstract-length",
        include_str!("../../rules/abstract-length.toml"),
    ),
    (
        "abstract-section-missing",
        include_str!("../../rules/abstract-section-missing.toml"),
    ),
    (
        "acronym-before-definition",
        include_str!("../../rules/acronym-before-definition.toml"),
    ),
    (
        "acronym-case",
        include_str!("../../rules/acronym-case.toml"),
    ),
    (
        "acronym-defined-twice",
        include_str!("../../rules/acronym-defined-twice.toml"),
    ),
    (
        "acronym-unused",
        include_str!("../../rules/acronym-unused.toml"),
    ),
    (
        "blind-review-identity",
        include_str!("../../rules/blind-review-identity.toml"),
    ),
    (
        "citation-ambiguous",
        include_str!("../../rules/citation-ambiguous.toml"),
    ),
    (
        "citation-form",
        include_str!("../../rules/citation-form.toml"),
    ),
    (
        "citation-not-in-references",
        include_str!("../../rules/citation-not-in-references.toml"),
    ),
    (
        "citation-order",
        include_str!("../../rules/citation-order.toml"),
    ),
    (
        "citation-year-mismatch",
        include_str!("../../rules/citation-year-mismatch.toml"),
    ),
    ("contraction", include_str!("../../rules/contraction.toml")),
    ("credit-role", include_str!("../../rules/credit-role.toml")),
    (
        "declared-language-mismatch",
        include_str!("../../rules/declared-language-mismatch.toml"),
    ),
    (
        "determiner-noun-agreement",
        include_str!("../../rules/determiner-noun-agreement.toml"),
    ),
    (
        "dictionary-spelling",
        include_str!("../../rules/dictionary-spelling.toml"),
    ),
    (
        "display-item-count",
        include_str!("../../rules/display-item-count.toml"),
    ),
    (
        "doubled-single-quotes",
        include_str!("../../rules/doubled-single-quotes.toml"),
    ),
    (
        "doubled-space",
        include_str!("../../rules/doubled-space.toml"),
    ),
    (
        "heading-numbering",
        include_str!("../../rules/heading-numbering.toml"),
    ),
    (
        "hyphen-as-dash",
        include_str!("../../rules/hyphen-as-dash.toml"),
    ),
    (
        "inconsistent-spelling",
        include_str!("../../rules/inconsistent-spelling.toml"),
    ),
    (
        "indefinite-article",
        include_str!("../../rules/indefinite-article.toml"),
    ),
    (
        "informal-phrase",
        include_str!("../../rules/informal-phrase.toml"),
    ),
    (
        "invisible-character",
        include_str!("../../rules/invisible-character.toml"),
    ),
    (
        "keyword-count",
        include_str!("../../rules/keyword-count.toml"),
    ),
    (
        "keyword-count-mismatch",
        include_str!("../../rules/keyword-count-mismatch.toml"),
    ),
    (
        "leftover-placeholder",
        include_str!("../../rules/leftover-placeholder.toml"),
    ),
    (
        "main-text-length",
        include_str!("../../rules/main-text-length.toml"),
    ),
    ("malapropism", include_str!("../../rules/malapropism.toml")),
    (
        "missing-space-after-punctuation",
        include_str!("../../rules/missing-space-after-punctuation.toml"),
    ),
    ("misspelling", include_str!("../../rules/misspelling.toml")),
    (
        "mixed-quotes",
        include_str!("../../rules/mixed-quotes.toml"),
    ),
    (
        "mixed-script",
        include_str!("../../rules/mixed-script.toml"),
    ),
    (
        "number-suffix",
        include_str!("../../rules/number-suffix.toml"),
    ),
    (
        "orcid-invalid",
        include_str!("../../rules/orcid-invalid.toml"),
    ),
    (
        "orcid-missing",
        include_str!("../../rules/orcid-missing.toml"),
    ),
    (
        "real-word-error",
        include_str!("../../rules/real-word-error.toml"),
    ),
    (
        "reference-count",
        include_str!("../../rules/reference-count.toml"),
    ),
    (
        "reference-form",
        include_str!("../../rules/reference-form.toml"),
    ),
    (
        "reference-list-missing",
        include_str!("../../rules/reference-list-missing.toml"),
    ),
    (
        "reference-not-cited",
        include_str!("../../rules/reference-not-cited.toml"),
    ),
    (
        "reference-order",
        include_str!("../../rules/reference-order.toml"),
    ),
    (
        "repeated-word",
        include_str!("../../rules/repeated-word.toml"),
    ),
    ("set-phrase", include_str!("../../rules/set-phrase.toml")),
    (
        "space-before-punctuation",
        include_str!("../../rules/space-before-punctuation.toml"),
    ),
    (
        "spaced-hyphen",
        include_str!("../../rules/spaced-hyphen.toml"),
    ),
    (
        "statement-missing",
        include_str!("../../rules/statement-missing.toml"),
    ),
    (
        "statistic-decision-error",
        include_str!("../../rules/statistic-decision-error.toml"),
    ),
    (
        "statistic-format",
        include_str!("../../rules/statistic-format.toml"),
    ),
    (
        "statistic-inconsistent",
        include_str!("../../rules/statistic-inconsistent.toml"),
    ),
    (
        "subject-verb-agreement",
        include_str!("../../rules/subject-verb-agreement.toml"),
    ),
    ("title-case", include_str!("../../rules/title-case.toml")),
    (
        "trailing-material",
        include_str!("../../rules/trailing-material.toml"),
    ),
    (
        "unknown-word",
        include_str!("../../rules/unknown-word.toml"),
    ),
    ("verb-form", include_str!("../../rules/verb-form.toml")),
    (
        "wordy-phrase",
        include_str!("../../rules/wordy-phrase.toml"),
    ),
];

/// A rule ready to run.
pub struct Rule {
    pub spec: RuleFile,
    pub severity: Severity,
    pub enabled: bool,
    pub languages: Vec<LangCode>,
    /// Where the rule came from (`<built-in>` or a user file).
    pub origin: String,
    /// The check parameters in force, after profile and configuration.
    pub params: toml::Table,
    check: Option<LazyCheck>,
}

/// A rule's check, compiled when a document first needs it. Built-in rules with their own
/// parameters are known to compile (a test builds every one), so a run pays only for the rules
/// the documents it reads call on: a Turkish manuscript never compiles the English-only
/// confusable automaton. Rules whose parameters came from a user (their own rule files, or
/// settings in a profile or galley.toml) are compiled at once, so that their errors are
/// configuration errors pointing at the line, before any file is read.
struct LazyCheck {
    params: toml::Table,
    languages: Vec<LangCode>,
    built: std::sync::OnceLock<Box<dyn Check>>,
}

impl LazyCheck {
    fn ready(check: Box<dyn Check>) -> Self {
        let built = std::sync::OnceLock::new();
        let _ = built.set(check);
        Self {
            params: toml::Table::new(),
            languages: Vec::new(),
            built,
        }
    }

    fn deferred(params: toml::Table, languages: Vec<LangCode>) -> Self {
        Self {
            params,
            languages,
            built: std::sync::OnceLock::new(),
        }
    }

    /// The compiled check. A built-in rule that does not compile is a bug in galley, caught
    /// by the per-file guard in `app::analyse` and by `every_built_in_rule_compiles`.
    fn get(&self, id: &str) -> &dyn Check {
        self.built
            .get_or_init(|| {
                checks::build(&self.params, &self.languages)
                    .unwrap_or_else(|e| panic!("built-in rule `{id}` does not compile: {e}"))
            })
            .as_ref()
    }

    fn is_compiled(&self) -> bool {
        self.built.get().is_some()
    }
}

impl Rule {
    /// The rule id.
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// Whether any text of the manuscript is in the rule's languages (always, for a rule without
    /// languages). Checks read units through their language scope, so a rule none of whose
    /// units is in scope has nothing to say, and is neither compiled nor run.
    fn applies_to(&self, manuscript: &Manuscript) -> bool {
        if self.languages.is_empty() {
            return true;
        }
        let scope = checks::LanguageScope::new(self.languages.clone());
        manuscript
            .units
            .iter()
            .any(|u| scope.includes(u, manuscript))
    }

    /// Whether the rule's check has been compiled (it is compiled on first use).
    pub fn is_compiled(&self) -> bool {
        self.check.as_ref().is_some_and(LazyCheck::is_compiled)
    }

    /// Compiles the rule's check now if it has not been.
    pub fn compile_now(&self) {
        if let Some(check) = &self.check {
            check.get(&self.spec.id);
        }
    }

    /// Runs the rule on one document. Past `cap` findings (0: no cap) the rest are counted, not
    /// kept: one more diagnostic at the first of them says how many there were.
    pub fn run(
        &self,
        document: &Document,
        manuscript: &Manuscript,
        cap: usize,
        memoize: bool,
    ) -> Vec<Diagnostic> {
        let Some(check) = &self.check else {
            return Vec::new();
        };
        if !self.applies_to(manuscript) {
            return Vec::new();
        }
        let check = check.get(&self.spec.id);
        let limit = checks::FindingLimit::new(cap);
        let cx = Context {
            document,
            manuscript,
            limit: &limit,
            memoize,
        };
        // Checks that can fire on every word stop keeping findings at the cap and count the
        // rest (`Context::room_for`); for the others the cap is applied here.
        let mut findings = check.check(&cx);
        let (mut omitted, mut first_omitted) = limit.omitted();
        if cap > 0 && findings.len() > cap {
            findings.sort_by_key(|f| (f.span.start, f.span.end));
            let rest = findings.split_off(cap);
            omitted += rest.len();
            first_omitted = rest
                .into_iter()
                .map(|f| f.span)
                .chain(first_omitted)
                .min_by_key(|span| span.start);
        }
        let mut diagnostics: Vec<Diagnostic> = findings
            .into_iter()
            .map(|finding| Diagnostic {
                rule: self.spec.id.clone(),
                severity: self.severity,
                message: fill_template(&self.spec.message, &finding.args),
                span: finding.span,
                label: self
                    .spec
                    .label
                    .as_ref()
                    .map(|l| fill_template(l, &finding.args)),
                secondary: finding.secondary,
                notes: finding.notes,
                help: self
                    .spec
                    .help
                    .as_ref()
                    .map(|h| fill_template(h, &finding.args)),
                fix: finding.fix,
            })
            .collect();
        if let Some(span) = first_omitted.filter(|_| omitted > 0) {
            diagnostics.push(self.omitted(span, omitted, cap));
        }
        diagnostics
    }

    /// The diagnostic that stands for `count` findings past the cap, the first at `span`.
    fn omitted(&self, span: Range<usize>, count: usize, cap: usize) -> Diagnostic {
        let id = &self.spec.id;
        Diagnostic {
            rule: id.clone(),
            severity: self.severity,
            message: format!(
                "{count} more `{id}` finding{} in this file not shown",
                if count == 1 { "" } else { "s" }
            ),
            span,
            label: Some("the first finding not shown".into()),
            secondary: Vec::new(),
            notes: vec![format!(
                "galley shows at most {cap} findings of one rule in one file"
            )],
            help: Some(format!(
                "fix the common cause of these findings, or raise `max-findings-per-rule` \
                 (0 for no limit) in galley.toml to see them all; `{id}` can also be ignored \
                 for this file"
            )),
            fix: None,
        }
    }
}

/// All known rules, with those that run marked enabled.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub fail_on: Severity,
    pub profile: String,
    /// `[per-file-ignores]` of the configuration, compiled.
    pub file_ignores: FileIgnores,
    /// Whether suppression comments that suppress nothing are reported.
    pub report_unused_suppressions: bool,
    /// Most findings of one rule shown for one file (0: no limit); see [`Rule::run`].
    pub max_findings_per_rule: usize,
    /// Whether each file's desk summary is computed (for the HTML and JSON Lines reports).
    pub summaries: bool,
    /// Whether unit-local checks keep per-unit results between runs, so that re-checking a
    /// document after an edit searches only the paragraphs that changed. Set by the language
    /// server; a run over many files would only fill memory with them.
    pub memoize: bool,
}

/// Globs and the rule ids not run on the files they match.
#[derive(Default)]
pub struct FileIgnores {
    /// The folder the globs are relative to.
    pub root: Option<std::path::PathBuf>,
    pub globs: Vec<(globset::GlobMatcher, Vec<String>)>,
}

impl FileIgnores {
    /// The rule ids ignored for the file at `path` (`all` stands for every rule). The path is
    /// taken relative to the configuration's folder when it lies inside it, else as given.
    pub fn for_path(&self, path: &Path) -> Vec<&str> {
        if self.globs.is_empty() {
            return Vec::new();
        }
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let root = self
            .root
            .as_ref()
            .map(|r| {
                if r.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    r.as_path()
                }
            })
            .and_then(|r| std::fs::canonicalize(r).ok());
        let relative = root
            .as_ref()
            .and_then(|r| absolute.strip_prefix(r).ok())
            .unwrap_or(path);
        self.globs
            .iter()
            .filter(|(glob, _)| glob.is_match(relative))
            .flat_map(|(_, ids)| ids.iter().map(String::as_str))
            .collect()
    }

    /// Whether `rule` is ignored for the file at `path`.
    pub fn ignores(&self, path: &Path, rule: &str) -> bool {
        self.for_path(path)
            .iter()
            .any(|id| *id == "all" || *id == rule)
    }
}

impl RuleSet {
    /// Builds the rule set that `settings` describe.
    pub fn build(settings: &Settings) -> Result<RuleSet, ConfigError> {
        let mut entries = load_files(settings)?;
        let profile = profile(&settings.profile).ok_or_else(|| {
            let names: Vec<&str> = crate::config::PROFILES.iter().map(|(n, _)| *n).collect();
            let message = format!("unknown profile `{}`", settings.profile);
            let error = match &settings.profile_origin {
                Some((file, span)) => ConfigError::at(file, Some(span.clone()), message),
                None => ConfigError::plain(message),
            };
            error.with_help(format!("built-in profiles: {}", names.join(", ")))
        })?;
        // Rules that report a journal's requirement name who requires it.
        for entry in entries
            .iter_mut()
            .filter(|e| checks::takes_profile(e.file.kind()))
        {
            entry
                .params
                .insert("profile".into(), toml::Value::String(profile.requirer()));
        }
        // Layer by layer: the profile's citation style, then its rule settings, then the
        // configuration's citation style, then its rule settings; so a rule's own `style` wins
        // over the `citation-style` of the same file.
        let layers = [
            (
                profile.citation_style.as_ref().map(|(s, _, _)| s.as_str()),
                &profile.overrides,
            ),
            (
                settings.citation_style.as_ref().map(|(s, _)| s.as_str()),
                &settings.overrides,
            ),
        ];
        for (citation_style, overrides) in layers {
            if let Some(style) = citation_style {
                for entry in entries
                    .iter_mut()
                    .filter(|e| checks::takes_citation_style(e.file.kind()))
                {
                    entry
                        .params
                        .insert("style".into(), toml::Value::String(style.into()));
                }
            }
            for o in overrides {
                let Some(entry) = entries.iter_mut().find(|e| e.file.id == o.rule) else {
                    let known: Vec<&str> = entries.iter().map(|e| e.file.id.as_str()).collect();
                    return Err(ConfigError::at(
                        &o.origin,
                        o.rule_span.clone(),
                        format!("unknown rule `{}`", o.rule),
                    )
                    .with_help(closest_help(&o.rule, &known)));
                };
                entry.apply(o)?;
            }
        }
        let mut known: Vec<String> = entries.iter().map(|e| e.file.id.clone()).collect();
        // Reported by galley itself, but switched off like a rule.
        known.push(crate::suppress::UNUSED.to_string());
        let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
        let per_file_ids = settings.per_file_ignores.iter().flat_map(|(_, _, ids)| ids);
        for (id, origin) in settings
            .select
            .iter()
            .chain(&settings.ignore)
            .chain(per_file_ids)
        {
            if id != "all" && !known.contains(id) {
                let message = format!("unknown rule `{id}`");
                let error = match origin {
                    Some((file, span)) => ConfigError::at(file, Some(span.clone()), message),
                    None => ConfigError::plain(message),
                };
                return Err(error.with_help(closest_help(id, &known_refs)));
            }
        }
        let selected = |id: &str| {
            settings.select.is_empty() || settings.select.iter().any(|(s, _)| s == "all" || s == id)
        };
        let ignored = |id: &str| settings.ignore.iter().any(|(s, _)| s == "all" || s == id);
        let mut rules = Vec::with_capacity(entries.len());
        for entry in entries {
            let enabled = entry.enabled && selected(&entry.file.id) && !ignored(&entry.file.id);
            rules.push(entry.compile(enabled)?);
        }
        rules.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
        let mut file_ignores = FileIgnores {
            root: settings.root.clone(),
            globs: Vec::new(),
        };
        for (pattern, span, ids) in &settings.per_file_ignores {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(false)
                .build()
                .map_err(|e| {
                    let message = format!("`{pattern}` is not a glob pattern: {e}");
                    match &settings.file {
                        Some(file) => ConfigError::at(file, Some(span.clone()), message),
                        None => ConfigError::plain(message),
                    }
                })?;
            file_ignores.globs.push((
                glob.compile_matcher(),
                ids.iter().map(|(id, _)| id.clone()).collect(),
            ));
        }
        let unused = crate::suppress::UNUSED;
        Ok(RuleSet {
            rules,
            fail_on: settings.fail_on,
            profile: settings.profile.clone(),
            file_ignores,
            report_unused_suppressions: selected(unused) && !ignored(unused),
            max_findings_per_rule: settings.max_findings_per_rule,
            summaries: false,
            memoize: false,
        })
    }

    /// The rules that run.
    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.enabled)
    }

    /// Looks a rule up by id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.spec.id == id)
    }

    /// Keeps only the rule `id` enabled (for running one rule's examples).
    pub fn only(mut self, id: &str) -> RuleSet {
        self.rules.retain(|r| r.spec.id == id);
        self
    }

    /// Runs every enabled rule on a document; diagnostics come sorted by position, then rule.
    pub fn lint(&self, document: &Document) -> (Manuscript, Vec<Diagnostic>) {
        if self.memoize {
            // The language server's rule set: paragraphs' languages are kept too.
            crate::manuscript::language::keep_results();
        }
        // While the structure is detected, an idle core builds the rules that run on every
        // document (those without languages): most of a single file's start-up. Rules for some
        // languages wait until the document's languages are known.
        let (manuscript, ()) = rayon::join(
            || {
                timings::time(timings::Kind::Stage, "structure", || {
                    Manuscript::detect(document)
                })
            },
            || {
                self.rules
                    .par_iter()
                    .filter(|rule| rule.enabled && rule.languages.is_empty())
                    .for_each(Rule::compile_now)
            },
        );
        // Rules run side by side: with one file, the cores share its rules (and the first use
        // of each, which compiles it); with many, rayon balances rules and files together.
        let mut diagnostics: Vec<Diagnostic> = self
            .rules
            .par_iter()
            .filter(|rule| rule.enabled)
            .flat_map_iter(|rule| {
                timings::time(timings::Kind::Rule, rule.id(), || {
                    rule.run(
                        document,
                        &manuscript,
                        self.max_findings_per_rule,
                        self.memoize,
                    )
                })
            })
            .collect();
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
        (manuscript, diagnostics)
    }
}

/// A rule on its way from file to compiled check.
struct Entry {
    file: RuleFile,
    origin: SourceText,
    severity: Severity,
    enabled: bool,
    languages: Vec<String>,
    params: toml::Table,
    /// The last override that set parameters, for errors about them.
    param_override: Option<RuleOverride>,
    /// Compiled into galley (not from a user's rule folder).
    built_in: bool,
}

impl Entry {
    fn new(file: RuleFile, origin: SourceText, built_in: bool) -> Self {
        Self {
            built_in,
            severity: file.severity,
            enabled: file.enabled,
            languages: file.languages.clone(),
            params: file.check.clone(),
            file,
            origin,
            param_override: None,
        }
    }

    fn apply(&mut self, o: &RuleOverride) -> Result<(), ConfigError> {
        let error = |key: &str, message: String| {
            ConfigError::at(
                &o.origin,
                key_span(&o.origin, &o.table_span, key).or(o.rule_span.clone()),
                message,
            )
        };
        for (key, value) in &o.table {
            match key.as_str() {
                "severity" => {
                    self.severity = value
                        .as_str()
                        .and_then(|s| match s {
                            "error" => Some(Severity::Error),
                            "warning" => Some(Severity::Warning),
                            "info" => Some(Severity::Info),
                            _ => None,
                        })
                        .ok_or_else(|| {
                            error(
                                key,
                                "`severity` must be \"error\", \"warning\" or \"info\"".into(),
                            )
                        })?;
                }
                "enabled" => {
                    self.enabled = value
                        .as_bool()
                        .ok_or_else(|| error(key, "`enabled` must be true or false".into()))?;
                }
                "languages" => {
                    let list = value.as_array().map(|items| {
                        items
                            .iter()
                            .map(|i| i.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                    });
                    self.languages = list.flatten().ok_or_else(|| {
                        error(key, "`languages` must be a list of language codes".into())
                    })?;
                    checks::language_codes(&self.languages).map_err(|m| error(key, m))?;
                }
                "kind" => {
                    return Err(error(
                        key,
                        "the check kind of a rule cannot be changed; write a new rule".into(),
                    ));
                }
                _ => {
                    self.params.insert(key.clone(), value.clone());
                    self.param_override = Some(o.clone());
                }
            }
        }
        Ok(())
    }

    /// Compiles the check now; an error points at the configuration that set parameters, or at
    /// the rule file.
    fn build_check(&self, languages: &[LangCode]) -> Result<Box<dyn Check>, ConfigError> {
        checks::build_now(&self.params, languages).map_err(|message| {
            // Blame the configuration when it set parameters, else the rule file.
            match &self.param_override {
                Some(o) => {
                    // Serde names unknown keys but not mistyped values: then find the key
                    // that breaks the check on its own.
                    let key = o
                        .table
                        .keys()
                        .find(|k| message.contains(&format!("`{k}`")))
                        .or_else(|| {
                            o.table
                                .iter()
                                .find(|(k, v)| {
                                    let mut alone = self.file.check.clone();
                                    alone.insert((*k).clone(), (*v).clone());
                                    checks::build_now(&alone, languages).is_err()
                                })
                                .map(|(k, _)| k)
                        });
                    let span = key
                        .and_then(|k| key_span(&o.origin, &o.table_span, k))
                        .or(o.table_span.clone());
                    ConfigError::at(
                        &o.origin,
                        span,
                        format!("rule `{}`: {message}", self.file.id),
                    )
                }
                None => ConfigError::at(
                    &self.origin,
                    find(&self.origin, "[check]"),
                    format!("rule `{}`: {message}", self.file.id),
                ),
            }
        })
    }

    fn compile(self, enabled: bool) -> Result<Rule, ConfigError> {
        let languages = checks::language_codes(&self.languages)
            .map_err(|m| ConfigError::at(&self.origin, find(&self.origin, "languages"), m))?;
        let from_user = self.param_override.is_some() || !self.built_in;
        let check = match (enabled, from_user) {
            (false, _) => None,
            (true, false) => Some(LazyCheck::deferred(self.params.clone(), languages.clone())),
            (true, true) => Some(LazyCheck::ready(self.build_check(&languages)?)),
        };
        Ok(Rule {
            origin: self.origin.name.clone(),
            severity: self.severity,
            enabled,
            languages,
            params: self.params,
            spec: self.file,
            check,
        })
    }
}

fn find(file: &SourceText, needle: &str) -> Option<Range<usize>> {
    file.text.find(needle).map(|at| at..at + needle.len())
}

fn load_files(settings: &Settings) -> Result<Vec<Entry>, ConfigError> {
    let mut entries = Vec::new();
    for (id, text) in BUILTIN {
        let origin = SourceText {
            name: format!("rules/{id}.toml"),
            text: Arc::from(*text),
        };
        let file = RuleFile::parse(text).map_err(|e| ConfigError::from_toml(&origin, &e))?;
        entries.push(Entry::new(file, origin, true));
    }
    for (dir, config, span) in &settings.rule_dirs {
        let listing = std::fs::read_dir(dir).map_err(|e| {
            ConfigError::at(
                config,
                Some(span.clone()),
                format!("cannot read rule folder `{}`: {e}", dir.display()),
            )
        })?;
        let mut paths: Vec<_> = listing
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let entry = load_user_rule(&path)?;
            entries.retain(|e| e.file.id != entry.file.id);
            entries.push(entry);
        }
    }
    Ok(entries)
}

fn load_user_rule(path: &Path) -> Result<Entry, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::plain(format!("cannot read rule file `{}`: {e}", path.display()))
    })?;
    let origin = SourceText {
        name: path.display().to_string(),
        text: Arc::from(text.as_str()),
    };
    let file = RuleFile::parse(&text).map_err(|e| ConfigError::from_toml(&origin, &e))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if file.id != stem {
        return Err(ConfigError::at(
            &origin,
            find(&origin, &file.id),
            format!(
                "rule id `{}` differs from the file name `{stem}.toml`",
                file.id
            ),
        )
        .with_help(format!(
            "rename the file to `{}.toml` or set `id = \"{stem}\"`",
            file.id
        )));
    }
    if !is_kebab_case(&file.id) {
        return Err(ConfigError::at(
            &origin,
            find(&origin, &file.id),
            format!("rule id `{}` is not kebab-case", file.id),
        ));
    }
    Ok(Entry::new(file, origin, false))
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// "known rules: …", with the closest id first when one is close.
fn closest_help(id: &str, known: &[&str]) -> String {
    let close = known
        .iter()
        .min_by_key(|k| edit_distance(id, k))
        .filter(|k| edit_distance(id, k) <= 3);
    match close {
        Some(k) => format!("the closest rule id is `{k}`; `galley rules` lists them all"),
        None => "`galley rules` lists the rule ids".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_matches_the_rules_folder_and_is_sorted() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let listed: Vec<String> = BUILTIN.iter().map(|(id, _)| id.to_string()).collect();
        assert_eq!(listed, on_disk);
        for (id, text) in BUILTIN {
            let file = RuleFile::parse(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&file.id, id);
            assert!(is_kebab_case(id));
        }
    }

    #[test]
    fn citation_style_sets_every_citation_rule_and_a_rule_style_wins() {
        let text = "citation-style = \"ieee\"\n\n[rules.citation-form]\nstyle = \"harvard\"\n";
        let settings = crate::config::parse("galley.toml", Path::new("."), text).unwrap();
        let set = RuleSet::build(&settings).unwrap();
        let style = |id: &str| {
            set.get(id)
                .and_then(|r| r.params.get("style"))
                .and_then(toml::Value::as_str)
                .map(str::to_string)
        };
        assert_eq!(style("citation-form").as_deref(), Some("harvard"));
        assert_eq!(style("reference-order").as_deref(), Some("ieee"));
        assert_eq!(style("citation-not-in-references").as_deref(), Some("ieee"));
        assert_eq!(style("abstract-length"), None);
    }

    #[test]
    fn the_default_rule_set_builds() {
        let set = RuleSet::build(&Settings::default()).unwrap();
        assert!(set.enabled().count() >= BUILTIN.len() - 3);
    }

    /// Built-in rules compile when first used, so none may fail to: each compiles with its own
    /// parameters (some are off by default), and every rule that runs under each profile.
    #[test]
    fn every_built_in_rule_compiles() {
        for (id, text) in BUILTIN {
            let file = RuleFile::parse(text).unwrap();
            let languages = checks::language_codes(&file.languages).unwrap();
            if let Err(e) = checks::build_now(&file.check, &languages) {
                panic!("{id}: {e}");
            }
        }
        for (profile, _) in crate::config::PROFILES {
            let settings = Settings {
                profile: (*profile).to_string(),
                ..Settings::default()
            };
            for rule in RuleSet::build(&settings).unwrap().enabled() {
                rule.compile_now();
                assert!(rule.is_compiled(), "{profile}: {}", rule.id());
            }
        }
    }

    #[test]
    fn built_in_rules_compile_on_first_use_and_user_settings_at_once() {
        let set = RuleSet::build(&Settings::default()).unwrap();
        assert!(set.enabled().all(|r| !r.is_compiled()));
        let turkish = crate::source::read_text(
            "paper.txt",
            crate::source::Format::Text,
            "Bu çalışmada güvenlik politikalarının neye elverdiği ve hangi önlemlerin alınabileceği ayrıntılı olarak ele alınacaktır.\n".into(),
        )
        .unwrap();
        set.lint(&turkish);
        let english_only = set.get("real-word-error").unwrap();
        assert!(
            !english_only.is_compiled(),
            "an English rule ran on Turkish"
        );
        assert!(set.get("repeated-word").unwrap().is_compiled());
    }
}
