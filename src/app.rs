//! Orchestration: configuration → rule set → files (in parallel) → report → exit code.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::baseline;
use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, ConfigArgs, ExplainArgs, FailOn, OutlineArgs,
    OutlineFormat, OutputFormat, ProfilesArgs, RulesArgs,
};
use crate::config::{self, ConfigError, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix;
use crate::manuscript::Manuscript;
use crate::output::{Output, emit};
use crate::report::{self, FileReport};
use crate::rules::RuleSet;
use crate::sink::{self, Sink};
use crate::source::{self, Format};
use crate::suppress;
use crate::timings::{self, Kind::Stage};

/// The file `galley init` writes.
const CONFIG_FILE: &str = "galley.toml";

/// Files checked together before their reports are written, at least (more with many threads):
/// the texts a run holds at once.
const CHUNK_FILES: usize = 64;

/// Above this many files, a progress bar is shown on standard error when it is a terminal.
const PROGRESS_MIN_FILES: usize = 50;

/// Exit codes: nothing at or above `--fail-on`, findings, usage / configuration / I/O error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let color = use_color(cli.color);
    let result = match cli.command {
        Command::Check(args) => check(args, color),
        Command::Outline(args) => outline(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
        Command::Profiles(args) => profiles(args),
        Command::Init(args) => crate::init::write(Path::new(CONFIG_FILE), &args.profile)
            .map(|()| {
                eprintln!("galley: wrote {CONFIG_FILE}");
                EXIT_CLEAN
            })
            .map_err(ConfigError::plain),
        Command::Lsp(_) => Ok(crate::lsp::run()),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut command, "galley", &mut out);
            emit(&String::from_utf8_lossy(&out), None).map(|()| EXIT_CLEAN)
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprint!(
                "{}",
                report::human::render_config_error(&error, use_color_stderr(cli.color))
            );
            EXIT_ERROR
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color_unset() && std::io::stdout().is_terminal(),
    }
}

fn use_color_stderr(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color_unset() && std::io::stderr().is_terminal(),
    }
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Settings for a manuscript in `dir`, from `--config`, discovery or defaults, plus the
/// command-line options (or the language server's client settings).
pub fn settings_for(
    dir: &Path,
    args: &ConfigArgs,
) -> Result<(Option<PathBuf>, Settings), ConfigError> {
    let path = match (&args.config, args.isolated) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => None,
        (None, false) => config::discover(dir),
    };
    let mut settings = match &path {
        Some(path) => config::load(path)?,
        None => Settings::default(),
    };
    if let Some(profile) = &args.profile {
        settings.profile = profile.clone();
        settings.profile_origin = None;
    }
    if !args.select.is_empty() {
        settings.select = args.select.iter().map(|s| (s.clone(), None)).collect();
    }
    settings
        .ignore
        .extend(args.ignore.iter().map(|s| (s.clone(), None)));
    if args.blind_review {
        let mut table = toml::Table::new();
        table.insert("enabled".into(), toml::Value::Boolean(true));
        settings.overrides.push(config::RuleOverride {
            rule: crate::desk::BLIND_REVIEW.to_string(),
            origin: config::SourceText {
                name: "--blind-review".into(),
                text: std::sync::Arc::from(""),
            },
            rule_span: None,
            table_span: None,
            table,
        });
    }
    Ok((path, settings))
}

/// What `-` stands for among the paths: standard input.
const STDIN: &str = "-";

/// The files to check: named files as given, folders walked (respecting .gitignore) for the
/// formats galley reads, in a stable order. `-` (standard input) is kept as it is.
fn collect_files(paths: &[PathBuf]) -> Vec<(PathBuf, Option<Format>)> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN {
            files.push((path.clone(), None));
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
                .build()
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
                .map(|entry| entry.into_path())
                .filter(|p| wanted_in_folder(p))
                .collect();
            found.sort();
            files.extend(found.into_iter().map(|p| {
                let format = Format::from_path(&p);
                (p, format)
            }));
        } else {
            files.push((path.clone(), Format::from_path(path)));
        }
    }
    files
}

/// Whether a file met while walking a folder is a manuscript: a format galley reads, not the
/// lock file Word leaves beside an open document (`~$paper.docx`), for `.xml` only a JATS
/// article (a folder holds many other kinds of XML), and for `.tex` only a main file: one with
/// `\documentclass` or `\begin{document}`. A `.tex` without either is a fragment another file
/// `\input`s; it is checked as part of that file (and under its own name there), not again on
/// its own, where its citations would have no reference list.
fn wanted_in_folder(path: &Path) -> bool {
    let is_lock = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"));
    match Format::from_path(path) {
        None => false,
        Some(_) if is_lock => false,
        Some(Format::Jats) => looks_like_jats(path),
        Some(Format::Latex) => looks_like_main_tex(path),
        Some(_) => true,
    }
}

/// Whether a .tex file is a main file rather than a fragment: `\documentclass` or
/// `\begin{document}` in it.
fn looks_like_main_tex(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| {
        let text = String::from_utf8_lossy(&bytes);
        text.lines().any(|line| {
            let code = line.split('%').next().unwrap_or("");
            code.contains("\\documentclass") || code.contains("\\begin{document}")
        })
    })
}

/// Whether the first few kilobytes of an XML file open an `<article>`.
fn looks_like_jats(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(8192);
    let read = std::fs::File::open(path).and_then(|f| f.take(8192).read_to_end(&mut head));
    read.is_ok() && String::from_utf8_lossy(&head).contains("<article")
}

fn check(args: CheckArgs, color: bool) -> Result<u8, ConfigError> {
    let started = std::time::Instant::now();
    if args.timings {
        timings::enable();
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if args.show_config {
        let first = &paths[0];
        let dir = if first.is_dir() {
            first.clone()
        } else {
            first.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let (config_path, settings) = settings_for(&dir, &args.config)?;
        let set = RuleSet::build(&settings)?;
        emit(
            &crate::init::show(config_path.as_deref(), &settings, &set),
            args.output.as_deref(),
        )?;
        return Ok(EXIT_CLEAN);
    }
    let files = collect_files(&paths);

    // One rule set per configuration file in use, built before any file is read.
    let mut rule_sets: HashMap<Option<PathBuf>, RuleSet> = HashMap::new();
    let mut jobs = Vec::with_capacity(files.len());
    for (path, format) in files {
        // Standard input takes its configuration from where its given name would stand.
        let located = match (&args.stdin_filename, path.as_os_str() == STDIN) {
            (Some(name), true) => name.clone(),
            _ => path.clone(),
        };
        let dir = located.parent().map(Path::to_path_buf).unwrap_or_default();
        let (config_path, settings) = settings_for(&dir, &args.config)?;
        if !rule_sets.contains_key(&config_path) {
            let mut set = timings::time(Stage, "build rules", || RuleSet::build(&settings))?;
            set.summaries =
                matches!(args.format, OutputFormat::Html | OutputFormat::Jsonl) && !args.statistics;
            rule_sets.insert(config_path.clone(), set);
        }
        jobs.push((path, format, config_path));
    }

    // Standard input is read once, before the files, however often `-` was given.
    let stdin = if jobs.iter().any(|(path, _, _)| path.as_os_str() == STDIN) {
        let mut bytes = Vec::new();
        Some(
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                .map(|_| bytes)
                .map_err(|e| e.to_string()),
        )
    } else {
        None
    };
    let check_job = |path: &PathBuf, format: Option<Format>, rules: &RuleSet| {
        if path.as_os_str() != STDIN {
            return check_file(path, format, rules);
        }
        let (name, format) = match &args.stdin_filename {
            Some(name) => (display_name(name), Format::from_path(name)),
            None => ("<stdin>".to_string(), Some(Format::Text)),
        };
        match &stdin {
            Some(Ok(bytes)) => {
                let loader = stdin_loader(args.stdin_filename.as_deref(), &name);
                check_bytes_with(
                    &name,
                    format,
                    bytes,
                    rules,
                    args.stdin_filename.as_deref(),
                    loader.as_ref(),
                )
            }
            Some(Err(e)) => unreadable(&name, format!("cannot read standard input: {e}")),
            None => unreadable(&name, "standard input was not read".into()),
        }
    };
    let fix_mode = match (
        args.fix || args.unsafe_fixes || args.diff,
        args.unsafe_fixes,
    ) {
        (false, _) => None,
        (true, false) => Some(fix::FixMode::Safe),
        (true, true) => Some(fix::FixMode::Unsafe),
    };
    let fail_on = |config_path: &Option<PathBuf>| match args.fail_on {
        Some(FailOn::Never) => None,
        Some(FailOn::Error) => Some(Severity::Error),
        Some(FailOn::Warning) => Some(Severity::Warning),
        Some(FailOn::Info) => Some(Severity::Info),
        None => Some(rule_sets[config_path].fail_on),
    };
    let thresholds = |jobs: &[(PathBuf, Option<Format>, Option<PathBuf>)]| {
        jobs.iter().map(|(_, _, c)| fail_on(c)).collect::<Vec<_>>()
    };
    // In a stable order, so that which configuration describes a rule never varies between runs.
    let mut configs: Vec<&Option<PathBuf>> = rule_sets.keys().collect();
    configs.sort();
    let metas = rule_metas(configs.into_iter().map(|c| &rule_sets[c]));
    // Where the reports go. After fixing, it is made once the files are written (a bad baseline
    // has always been told then); in a plain check, before the first file is read (nothing is
    // said before it either way), so that it takes the reports as they come.
    let sink = || -> Result<Sink<'_>, ConfigError> {
        if let Some(path) = &args.write_baseline {
            return Ok(Sink::write_baseline(path.clone(), args.quiet));
        }
        let accepted = match &args.baseline {
            Some(path) => Some(baseline::Baseline::load(path).map_err(ConfigError::plain)?),
            None => None,
        };
        let reporter = match (args.statistics, args.format) {
            (true, format) => Box::new(report::statistics::Statistics::new(
                format == OutputFormat::Json,
            )),
            (false, format) => report::reporter(format),
        };
        let errors_to_stderr =
            (!reporter.includes_errors()).then(|| color && std::io::stderr().is_terminal());
        Ok(Sink::report(sink::Report {
            reporter,
            // A report written to a file is never coloured.
            run: report::Run {
                rules: &metas,
                color: color && args.output.is_none(),
            },
            output: if args.quiet {
                Output::nowhere()
            } else {
                Output::new(args.output.as_deref())
            },
            accepted,
            errors_to_stderr,
        }))
    };
    let progress = Progress::new(jobs.len(), !args.quiet);
    let mut write_failed = false;
    let sink = match fix_mode {
        None => {
            let mut sink = sink()?;
            // A chunk of files is checked in parallel and reported before the next is read.
            let chunk = (rayon::current_num_threads() * 16).max(CHUNK_FILES);
            for jobs in jobs.chunks(chunk) {
                let reports: Vec<FileReport> = jobs
                    .par_iter()
                    .map(|(path, format, config_path)| {
                        let report = check_job(path, *format, &rule_sets[config_path]);
                        progress.tick();
                        report
                    })
                    .collect();
                progress.clear();
                sink.take(reports, &thresholds(jobs));
            }
            sink
        }
        Some(mode) => {
            // Fixing keeps every file until all are written: it is not chunked.
            let outcome = fix_files(&jobs, &rule_sets, mode, args.diff, &check_job);
            progress.clear();
            if args.diff {
                emit(&outcome.diff, args.output.as_deref())?;
                if !args.quiet {
                    eprintln!(
                        "galley: {} would be applied to {}; nothing was changed",
                        fixes(outcome.applied),
                        report::plural(outcome.files, "file")
                    );
                }
                if outcome.failed || outcome.reports.iter().any(|r| r.error.is_some()) {
                    return Ok(EXIT_ERROR);
                }
                return Ok(if outcome.applied > 0 {
                    EXIT_FINDINGS
                } else {
                    EXIT_CLEAN
                });
            }
            if !args.quiet {
                eprintln!(
                    "galley: applied {} in {}",
                    fixes(outcome.applied),
                    report::plural(outcome.files, "file")
                );
            }
            write_failed = outcome.failed;
            let mut sink = sink()?;
            sink.take(outcome.reports, &thresholds(&jobs));
            sink
        }
    };
    let tally = sink.finish()?;
    if let Some(note) = crate::checks::unchecked_note(&crate::checks::take_unchecked_languages())
        && !args.quiet
    {
        eprintln!("{note}");
    }
    let code = if tally.unreadable || (write_failed && args.write_baseline.is_none()) {
        EXIT_ERROR
    } else if tally.findings && args.write_baseline.is_none() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    if args.timings {
        eprint!("{}", timings::render(started.elapsed()));
    }
    Ok(code)
}

/// A progress bar on standard error, for long runs only: more than [`PROGRESS_MIN_FILES`] files,
/// standard error a terminal, not in CI. It never writes to standard output.
struct Progress {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    shown: bool,
}

impl Progress {
    fn new(total: usize, wanted: bool) -> Self {
        let shown = wanted
            && total > PROGRESS_MIN_FILES
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        Self {
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
            shown,
        }
    }

    fn tick(&self) {
        if !self.shown {
            return;
        }
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        // Redraw about a hundred times over the run, not once per file.
        if !done.is_multiple_of((self.total / 100).max(1)) && done != self.total {
            return;
        }
        let width = 30;
        let filled = done * width / self.total.max(1);
        eprint!(
            "\r[{}{}] {done}/{} files",
            "=".repeat(filled),
            " ".repeat(width - filled),
            self.total
        );
    }

    /// Clears the bar's line, so that what is written next starts clean; the next tick draws the
    /// bar again.
    fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}

/// "1 fix", "3 fixes".
fn fixes(n: usize) -> String {
    if n == 1 {
        "1 fix".into()
    } else {
        format!("{n} fixes")
    }
}

/// What `--fix` or `--diff` did over all files.
struct FixOutcome {
    /// What remains in each file after fixing, in job order.
    reports: Vec<FileReport>,
    /// The unified diff of every changed file (for `--diff`).
    diff: String,
    applied: usize,
    files: usize,
    /// Whether a file could not be written (exit code 2).
    failed: bool,
}

/// Fixes every file in memory (in parallel), then writes them one by one unless `dry_run`.
/// Files that cannot be fixed are checked as they are, with a note on standard error.
fn fix_files(
    jobs: &[(PathBuf, Option<Format>, Option<PathBuf>)],
    rule_sets: &HashMap<Option<PathBuf>, RuleSet>,
    mode: fix::FixMode,
    dry_run: bool,
    check_job: &(dyn Fn(&PathBuf, Option<Format>, &RuleSet) -> FileReport + Sync),
) -> FixOutcome {
    let plans: Vec<Result<fix::Plan, String>> = jobs
        .par_iter()
        .map(|(path, format, config_path)| {
            if path.as_os_str() == STDIN {
                return Err("standard input is not fixed: galley has no file to write to".into());
            }
            if let Some(format) = format {
                fix::rewritable(*format)?;
            }
            plan_fix(path, *format, mode, &rule_sets[config_path])
        })
        .collect();
    let mut outcome = FixOutcome {
        reports: Vec::with_capacity(jobs.len()),
        diff: String::new(),
        applied: 0,
        files: 0,
        failed: false,
    };
    for ((path, format, config_path), plan) in jobs.iter().zip(plans) {
        let name = if path.as_os_str() == STDIN {
            "<stdin>".to_string()
        } else {
            display_name(path)
        };
        let plan = match plan {
            Ok(plan) => plan,
            Err(reason) => {
                // The file is still checked as it stands; the reason is said once, unless the
                // file cannot be read at all (then the report's error says it).
                let report = check_job(path, *format, &rule_sets[config_path]);
                if report.error.is_none() {
                    eprintln!("note: {name}: not fixed: {reason}");
                }
                outcome.reports.push(report);
                continue;
            }
        };
        if plan.changed() {
            if dry_run {
                outcome.diff.push_str(&fix::diff(&plan, &name));
            } else if let Err(reason) = fix::write(&plan) {
                // The file is as it was: say why, and report what it still holds.
                eprintln!("error: cannot fix `{name}`: {reason}");
                outcome.failed = true;
                outcome
                    .reports
                    .push(check_job(path, *format, &rule_sets[config_path]));
                continue;
            }
            outcome.applied += plan.applied;
            outcome.files += 1;
        }
        outcome.reports.push(FileReport {
            name,
            text: plan.document.text,
            diagnostics: plan.remaining,
            error: None,
            parts: plan.document.parts,
            summary: None,
        });
    }
    outcome
}

/// Rule metadata for reporters: every rule of the rule sets in use, first definition of an id
/// winning, sorted by id.
fn rule_metas<'a>(sets: impl Iterator<Item = &'a RuleSet>) -> Vec<report::RuleMeta> {
    let mut metas: Vec<report::RuleMeta> = Vec::new();
    for set in sets {
        for rule in set.enabled() {
            if metas.iter().any(|m| m.id == rule.id()) {
                continue;
            }
            // The help is a template; fill what the rule's parameters can.
            let params: Vec<(std::borrow::Cow<'static, str>, String)> = rule
                .params
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        toml::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (std::borrow::Cow::Owned(k.clone()), value)
                })
                .collect();
            metas.push(report::RuleMeta {
                id: rule.id().to_string(),
                summary: rule.spec.summary.clone(),
                explanation: rule.spec.explanation.clone(),
                help: rule
                    .spec
                    .help
                    .as_ref()
                    .map(|h| crate::diagnostic::fill_template(h, &params)),
                severity: rule.severity,
                fixable: rule.spec.fix_applicability(&rule.params).is_some(),
            });
        }
    }
    metas.sort_by(|a, b| a.id.cmp(&b.id));
    metas
}

fn display_name(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// What galley reads, for messages about files it does not.
const READABLE: &str = ".txt, .md, .tex, .docx and JATS .xml";

/// Reads and checks one file; a file that cannot be read becomes a report with an error.
pub fn check_file(path: &Path, format: Option<Format>, rules: &RuleSet) -> FileReport {
    let name = display_name(path);
    if format.is_none() {
        // Refused by its name, before its bytes are read.
        return check_bytes(&name, None, &[], rules, Some(path));
    }
    match timings::time(Stage, "read files", || std::fs::read(path)) {
        Ok(bytes) => {
            let loader = source::FolderLoader::beside(path, &name);
            check_bytes_with(&name, format, &bytes, rules, Some(path), &loader)
        }
        Err(e) => unreadable(&name, e.to_string()),
    }
}

fn unreadable(name: &str, message: String) -> FileReport {
    FileReport {
        name: name.to_string(),
        text: String::new(),
        diagnostics: Vec::new(),
        error: Some(message),
        parts: Vec::new(),
        summary: None,
    }
}

/// Where the files standard input names (`\input`) are looked for: beside its given name, or
/// nowhere.
fn stdin_loader(given: Option<&Path>, shown: &str) -> Box<dyn source::Loader> {
    match given {
        Some(path) => Box::new(source::FolderLoader::beside(path, shown)),
        None => Box::new(source::NoIncludes),
    }
}

/// Checks a manuscript already in memory (a file's bytes, or standard input); `path` is where it
/// stands, for per-file ignores.
pub fn check_bytes(
    name: &str,
    format: Option<Format>,
    bytes: &[u8],
    rules: &RuleSet,
    path: Option<&Path>,
) -> FileReport {
    check_bytes_with(name, format, bytes, rules, path, &source::NoIncludes)
}

/// Checks a manuscript in memory whose included files (LaTeX) `loader` finds.
pub fn check_bytes_with(
    name: &str,
    format: Option<Format>,
    bytes: &[u8],
    rules: &RuleSet,
    path: Option<&Path>,
    loader: &dyn source::Loader,
) -> FileReport {
    let Some(format) = format else {
        return unreadable(
            name,
            format!("galley does not read this kind of file (it reads {READABLE})"),
        );
    };
    let read = || source::read_bytes_with(name, format, bytes, loader);
    let document = match timings::time(Stage, "parse formats", read) {
        Ok(document) => document,
        Err(e) => return unreadable(name, e.message),
    };
    match analyse_with_summary(document, rules, path) {
        Ok((document, diagnostics, summary)) => FileReport {
            name: name.to_string(),
            text: document.text,
            diagnostics,
            error: None,
            parts: document.parts,
            summary: summary.map(Box::new),
        },
        Err(message) => unreadable(name, message),
    }
}

/// Runs the rules on a read document and adds what the reader noticed: the diagnostics a report
/// shows for it.
///
/// Then the configuration's per-file ignores for `path` and the suppression comments in the text
/// take findings away, and comments that suppressed nothing are reported.
pub fn analyse(
    document: source::Document,
    rules: &RuleSet,
    path: Option<&Path>,
) -> Result<(source::Document, Vec<Diagnostic>), String> {
    analyse_with_summary(document, rules, path)
        .map(|(document, diagnostics, _)| (document, diagnostics))
}

/// [`analyse`], and the desk summary of the manuscript when the rule set asks for summaries (the
/// HTML and JSON Lines reports).
pub fn analyse_with_summary(
    document: source::Document,
    rules: &RuleSet,
    path: Option<&Path>,
) -> Result<
    (
        source::Document,
        Vec<Diagnostic>,
        Option<crate::desk::Summary>,
    ),
    String,
> {
    let (document, manuscript, kept) = analyse_with_structure(document, rules, path)?;
    let summary = rules.summaries.then(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::desk::summarise(&document, &manuscript, rules, &kept)
        }))
        .ok()
    });
    Ok((document, kept, summary.flatten()))
}

/// [`analyse`], keeping the structure the rules saw (the language server's outline reads it).
pub fn analyse_with_structure(
    document: source::Document,
    rules: &RuleSet,
    path: Option<&Path>,
) -> Result<(source::Document, Manuscript, Vec<Diagnostic>), String> {
    // A bug in a rule must not take the other files down with it: this file gets an error that
    // says so, and the run exits with 2.
    let Ok((manuscript, mut diagnostics)) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rules.lint(&document)))
    else {
        return Err(
            "internal error while checking this file (a bug in galley: please report it)".into(),
        );
    };
    let mut from_reader = reader_diagnostics(&document);
    from_reader.append(&mut diagnostics);
    let ignored = path
        .map(|p| rules.file_ignores.for_path(p))
        .unwrap_or_default();
    let is_ignored = |rule: &str| ignored.iter().any(|id| *id == "all" || *id == rule);
    from_reader.retain(|d| !is_ignored(&d.rule));
    let enabled = |id: &str| rules.get(id).is_some_and(|r| r.enabled) && !is_ignored(id);
    let kept = suppress::apply(
        &document.text,
        suppress::styles(document.format),
        from_reader,
        &enabled,
        rules.report_unused_suppressions && !is_ignored(suppress::UNUSED),
    );
    Ok((document, manuscript, kept))
}

/// Fixes one file in memory (nothing is written here); `None` for standard input and formats
/// that cannot be rewritten, with the reason.
fn plan_fix(
    path: &Path,
    format: Option<Format>,
    mode: fix::FixMode,
    rules: &RuleSet,
) -> Result<fix::Plan, String> {
    let format = format
        .ok_or_else(|| format!("galley does not read this kind of file (it reads {READABLE})"))?;
    let name = display_name(path);
    let lint = |text: String| {
        let loader = source::FolderLoader::beside(path, &name);
        let document =
            source::read_text_with(&name, format, text, &loader).map_err(|e| e.message)?;
        analyse(document, rules, Some(path))
    };
    fix::plan(path, format, mode, &lint)
}

/// What the reader noticed about the file, as diagnostics: its warnings (under
/// [`source::READER_WARNING`]) and its notes (info, under the id each note names). These ids
/// name no rule file, so `--select` and `--ignore` do not apply to them.
fn reader_diagnostics(document: &source::Document) -> Vec<Diagnostic> {
    let warnings = document.warnings.iter().map(|(span, message)| Diagnostic {
        rule: source::READER_WARNING.to_string(),
        severity: Severity::Warning,
        message: message.clone(),
        span: span.clone(),
        label: None,
        secondary: Vec::new(),
        notes: Vec::new(),
        help: None,
        fix: None,
    });
    let notes = document.notes.iter().map(|note| Diagnostic {
        rule: note.rule.to_string(),
        severity: Severity::Info,
        message: note.message.clone(),
        span: note.span.clone(),
        label: None,
        secondary: Vec::new(),
        notes: Vec::new(),
        help: note.help.clone(),
        fix: None,
    });
    warnings.chain(notes).collect()
}

fn outline(args: OutlineArgs) -> Result<u8, ConfigError> {
    let from_stdin = args.file.as_os_str() == STDIN;
    let (name, format) = match (&args.stdin_filename, from_stdin) {
        (Some(given), true) => (display_name(given), Format::from_path(given)),
        (None, true) => ("<stdin>".to_string(), Some(Format::Text)),
        (_, false) => (display_name(&args.file), Format::from_path(&args.file)),
    };
    let format = format.ok_or_else(|| {
        ConfigError::plain(format!(
            "cannot outline `{name}`: galley reads {READABLE} files"
        ))
    })?;
    let bytes = if from_stdin {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| ConfigError::plain(format!("cannot read standard input: {e}")))?;
        bytes
    } else {
        std::fs::read(&args.file)
            .map_err(|e| ConfigError::plain(format!("cannot read `{name}`: {e}")))?
    };
    let loader: Box<dyn source::Loader> = if from_stdin {
        stdin_loader(args.stdin_filename.as_deref(), &name)
    } else {
        Box::new(source::FolderLoader::beside(&args.file, &name))
    };
    let document = source::read_bytes_with(&name, format, &bytes, loader.as_ref())
        .map_err(|e| ConfigError::plain(format!("cannot read `{name}`: {e}")))?;
    let manuscript = Manuscript::detect(&document);
    let text = match args.format {
        OutlineFormat::Text => report::outline::render_text(&document, &manuscript),
        OutlineFormat::Json => report::outline::render_json(&document, &manuscript),
    };
    emit(&text, None)?;
    Ok(EXIT_CLEAN)
}

fn rules(args: RulesArgs) -> Result<u8, ConfigError> {
    let (_, settings) = settings_for(Path::new("."), &args.config)?;
    let set = RuleSet::build(&settings)?;
    match args.format {
        OutlineFormat::Json => {
            let rules: Vec<serde_json::Value> = set
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id(),
                        "summary": r.spec.summary,
                        "severity": r.severity.as_str(),
                        "kind": r.spec.kind(),
                        "enabled": r.enabled,
                        "fixable": r.spec.fixable(),
                        "fix": r.spec.fix_applicability(&r.params),
                        "languages": r.languages,
                        "origin": r.origin,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(
                &serde_json::json!({ "version": 1, "profile": set.profile, "rules": rules }),
            )
            .expect("JSON values serialize");
            emit(&format!("{text}\n"), None)?;
        }
        OutlineFormat::Text => {
            let mut out = String::new();
            let width = set.rules.iter().map(|r| r.id().len()).max().unwrap_or(0);
            let kinds = set
                .rules
                .iter()
                .map(|r| r.spec.kind().len())
                .max()
                .unwrap_or(0);
            // `run`: whether the configuration in force runs the rule; `fix`: safe (--fix),
            // unsafe (--unsafe-fixes) or none.
            out.push_str(&format!(
                "{:<width$}  run  {:<8}  {:<6}  {:<kinds$}  summary\n",
                "rule", "severity", "fix", "kind"
            ));
            for r in &set.rules {
                let state = if r.enabled { "on " } else { "off" };
                let fix = r.spec.fix_applicability(&r.params).unwrap_or("-");
                out.push_str(&format!(
                    "{:<width$}  {state}  {:<8}  {fix:<6}  {:<kinds$}  {}\n",
                    r.id(),
                    r.severity.as_str(),
                    r.spec.kind(),
                    r.spec.summary
                ));
            }
            emit(&out, None)?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// `galley profiles`: the built-in profiles, the journals they follow and their sources.
fn profiles(args: ProfilesArgs) -> Result<u8, ConfigError> {
    let profiles = config::profiles();
    let text = match args.format {
        OutlineFormat::Json => {
            let list: Vec<serde_json::Value> = profiles
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "name": p.name,
                        "journal": p.journal,
                        "description": p.description,
                        "source": p.source,
                        "read": p.read,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(
                &serde_json::json!({ "version": 1, "profiles": list }),
            )
            .expect("JSON values serialize");
            format!("{text}\n")
        }
        OutlineFormat::Text => {
            let width = profiles.iter().map(|p| p.name.len()).max().unwrap_or(0);
            let mut out = String::new();
            for p in &profiles {
                out.push_str(&format!("{:<width$}  {}\n", p.name, p.description));
                if let Some(source) = &p.source {
                    out.push_str(&format!(
                        "{:<width$}  source: {source} (read {})\n",
                        "",
                        p.read.as_deref().unwrap_or("on an unknown date")
                    ));
                }
            }
            out.push_str("\n`galley explain NAME` shows what a profile sets; `galley check --profile NAME` applies it.\n");
            out
        }
    };
    emit(&text, None)?;
    Ok(EXIT_CLEAN)
}

/// `galley explain PROFILE`: the profile's description, source and settings.
fn explain_profile(profile: &config::Profile) -> String {
    let mut out = format!("# profile {}\n\n{}\n", profile.name, profile.description);
    if let Some(journal) = &profile.journal {
        out.push_str(&format!("\njournal: {journal}\n"));
    }
    if let Some(source) = &profile.source {
        out.push_str(&format!(
            "source: {source} (read {})\n",
            profile.read.as_deref().unwrap_or("on an unknown date")
        ));
    }
    out.push_str("\n## What it sets\n\n");
    for line in profile.text.lines() {
        out.push_str(&format!("    {line}\n"));
    }
    out
}

fn explain(args: ExplainArgs) -> Result<u8, ConfigError> {
    let set = RuleSet::build(&Settings::default())?;
    if set.get(&args.rule).is_none()
        && let Some(profile) = config::profile(&args.rule)
    {
        emit(&explain_profile(&profile), None)?;
        return Ok(EXIT_CLEAN);
    }
    if set.get(&args.rule).is_none()
        && let Some(meta) = report::builtin_meta(&args.rule)
    {
        let text = format!(
            "# {}

{}

severity: {} · reported by galley itself, not by a rule file; `--ignore {}` switches it off where that is allowed
",
            meta.id,
            meta.summary,
            meta.severity.as_str(),
            meta.id
        );
        emit(&text, None)?;
        return Ok(EXIT_CLEAN);
    }
    let Some(rule) = set.get(&args.rule) else {
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id()).collect();
        return Err(ConfigError::plain(format!("unknown rule `{}`", args.rule))
            .with_help(format!("known rules: {}", ids.join(", "))));
    };
    emit(&explain_text(rule), None)?;
    Ok(EXIT_CLEAN)
}

/// What `galley explain` prints for a rule (Markdown): what it checks, why, how to configure it,
/// and its examples.
pub fn explain_text(rule: &crate::rules::Rule) -> String {
    let spec = &rule.spec;
    let mut out = format!(
        "# {}\n\n{}\n\nseverity: {} · kind: {} · {}\n",
        spec.id,
        spec.summary,
        spec.severity.as_str(),
        spec.kind(),
        match spec.fix_applicability(&rule.params) {
            Some("safe") => "safe fix (applied by --fix)",
            Some(_) => "unsafe fix (applied by --unsafe-fixes)",
            None => "no automatic fix",
        }
    );
    if !spec.languages.is_empty() {
        out.push_str(&format!("languages: {}\n", spec.languages.join(", ")));
    }
    out.push('\n');
    out.push_str(spec.explanation.trim());
    out.push_str("\n\n## Examples\n");
    for example in &spec.examples {
        let (label, text) = match (&example.bad, &example.good) {
            (Some(bad), _) => ("flagged", bad),
            (_, Some(good)) => ("not flagged", good),
            _ => continue,
        };
        // Examples that set parameters say so: they hold only under those settings.
        let settings = example.params.as_ref().map(|params| {
            let pairs: Vec<String> = params.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            format!(" (with {})", pairs.join(", "))
        });
        out.push_str(&format!("\n{label}{}:\n", settings.unwrap_or_default()));
        for line in text.trim().lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}
