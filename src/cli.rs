//! Command-line definitions (clap). No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A manuscript linter for editorial review.
#[derive(Debug, Parser)]
#[command(name = "galley", version, about, long_about = None)]
pub struct Cli {
    /// When to use colour: auto colours only on a terminal and honours NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check manuscripts (files, or folders walked for the formats galley reads).
    Check(CheckArgs),
    /// Show the structure galley recognised in a manuscript.
    Outline(OutlineArgs),
    /// List the rules, their severity, kind and whether they run.
    Rules(RulesArgs),
    /// Explain a rule, with its examples, or a profile, with what it sets.
    Explain(ExplainArgs),
    /// List the built-in profiles: the journals they follow and where their guidelines were read.
    Profiles(ProfilesArgs),
    /// Write a commented galley.toml in the current folder (never over an existing one).
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell) to standard output.
    Completions(CompletionsArgs),
    /// Run a language server on standard input and output: findings as the author types.
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted for editors that pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Built-in profile the file starts from (`galley profiles` lists them).
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub profile: String,
}

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
    pub format: OutlineFormat,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where configuration comes from (shared by `check` and `rules`).
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of looking for galley.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files; use the built-in defaults and command-line options only.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Built-in profile to apply: a journal's requirements (`galley profiles` lists them).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Check the manuscript for double-blind review: report what still names its authors
    /// (switches on the rule `blind-review-identity`).
    #[arg(long)]
    pub blind_review: bool,
    /// Run only these rules (comma-separated ids, or `all`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Name to give standard input (`-`): picks the reader by its extension and is the name
    /// shown in diagnostics; without it, standard input is read as plain text.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Lowest severity that makes galley exit with 1.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Print how many findings each rule made instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Apply safe fixes to the files, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (implies --fix): they are probably right, but read the diff.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing (with --unsafe-fixes: those too).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Record every finding in FILE as accepted, and report nothing.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print only errors: the exit code says whether there were findings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// After the report, print to standard error the time spent per stage (reading, structure,
    /// building the rules) and per rule, summed over all files.
    #[arg(long)]
    pub timings: bool,
    /// Print the configuration in effect for the first path, with where each value came from,
    /// and check nothing.
    #[arg(long)]
    pub show_config: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// The manuscript to outline; `-` reads standard input.
    pub file: PathBuf,
    /// Name to give standard input (`-`), whose extension picks the reader (plain text without).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
    pub format: OutlineFormat,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
    pub format: OutlineFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, as `galley rules` lists them, or a profile name, as `galley profiles` lists them.
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with the source line and underline.
    Human,
    /// One line per finding: path:line:col: severity[rule]: message.
    Concise,
    /// One JSON document (version 1; the shape is docs/json-schema.json).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on a pull request).
    Github,
    /// JUnit XML: one test suite per file, one failing test case per finding.
    Junit,
    /// A self-contained HTML triage page: an index of every manuscript that sorts and filters,
    /// and a section per manuscript with its findings and outline (use with -o report.html).
    Html,
    /// JSON Lines: one summary line per manuscript, for batch pipelines.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never exit with 1 because of findings.
    Never,
}
