//! What the server knows beyond one document: client settings, configuration files and the rule
//! set each one builds (built once, reused for every check until the file or the settings
//! change), the main file a LaTeX fragment belongs to, and the check itself, the same one
//! `galley check` runs, on the editor's text instead of the file on disk.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use lsp_types::Url;
use serde::Deserialize;

use crate::cli::ConfigArgs;
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::manuscript::Manuscript;
use crate::rules::RuleSet;
use crate::source::{self, Format, Loaded, Loader};

/// Settings a client may send (`initializationOptions`, `workspace/didChangeConfiguration`),
/// either as they are or under a `galley` key.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct ClientSettings {
    /// A built-in profile, over the configuration file's.
    pub profile: Option<String>,
    /// Run only these rules.
    pub select: Vec<String>,
    /// Do not run these rules.
    pub ignore: Vec<String>,
    /// Milliseconds to wait after a change before checking again.
    pub debounce_ms: Option<u64>,
    /// Check for double-blind review, as `--blind-review` does.
    pub blind_review: bool,
}

impl ClientSettings {
    /// Reads settings from a client's JSON, `{"galley": {...}}` or `{...}`; anything else is no
    /// settings.
    pub fn from_json(value: &serde_json::Value) -> Option<ClientSettings> {
        let inner = value.get("galley").unwrap_or(value);
        serde_json::from_value(inner.clone()).ok()
    }

    fn config_args(&self) -> ConfigArgs {
        ConfigArgs {
            config: None,
            isolated: false,
            profile: self.profile.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            blind_review: self.blind_review,
        }
    }
}

/// A rule set for one configuration file (or none), or why it could not be built.
#[derive(Clone)]
pub struct Configured {
    /// The configuration file in force.
    pub path: Option<PathBuf>,
    pub rules: Arc<RuleSet>,
    /// The error in the configuration, if any; `rules` are then the defaults with the client's
    /// settings.
    pub error: Option<ConfigError>,
}

/// A checked document: what the reader made of it, its structure and its findings.
pub struct Checked {
    pub document: source::Document,
    pub manuscript: Manuscript,
    pub diagnostics: Vec<Diagnostic>,
    pub rules: Arc<RuleSet>,
}

/// Client settings and the rule sets built so far.
#[derive(Default)]
pub struct Workspace {
    pub settings: ClientSettings,
    /// Rule sets by configuration folder discovery result.
    rule_sets: HashMap<Option<PathBuf>, Configured>,
    /// The main file of each LaTeX fragment met so far.
    main_files: HashMap<PathBuf, PathBuf>,
}

impl Workspace {
    /// Forgets every rule set (a configuration file or the settings changed).
    pub fn forget_configuration(&mut self) {
        self.rule_sets.clear();
    }

    /// Forgets which main file includes which fragment (a LaTeX file changed its includes).
    pub fn forget_main_files(&mut self) {
        self.main_files.clear();
    }

    /// The rule set for a document in `dir`, found and built as `galley check` does, then kept.
    pub fn rules_for(&mut self, dir: &Path) -> Configured {
        let discovered = crate::config::discover(dir);
        if let Some(known) = self.rule_sets.get(&discovered) {
            return known.clone();
        }
        let args = self.settings.config_args();
        let built = crate::app::settings_for(dir, &args)
            .and_then(|(_, settings)| RuleSet::build(&settings));
        // Each document is re-checked after small edits: unit-local checks keep what they found
        // per paragraph and search only the paragraphs that changed.
        let for_editor = |mut rules: RuleSet| {
            rules.memoize = true;
            rules
        };
        let configured = match built.map(for_editor) {
            Ok(rules) => Configured {
                path: discovered.clone(),
                rules: Arc::new(rules),
                error: None,
            },
            Err(error) => {
                // The author still sees findings while the file is being fixed: the defaults
                // with the client's settings (or, failing those too, the defaults).
                let isolated = ConfigArgs {
                    isolated: true,
                    ..args
                };
                let fallback = crate::app::settings_for(dir, &isolated)
                    .and_then(|(_, settings)| RuleSet::build(&settings))
                    .or_else(|_| RuleSet::build(&crate::config::Settings::default()))
                    .map(for_editor)
                    .expect("the built-in rules build");
                Configured {
                    path: discovered.clone(),
                    rules: Arc::new(fallback),
                    error: Some(error),
                }
            }
        };
        self.rule_sets.insert(discovered, configured.clone());
        configured
    }

    /// Every configuration built so far, for reporting their errors.
    pub fn configurations(&self) -> impl Iterator<Item = &Configured> {
        self.rule_sets.values()
    }

    /// The main file `fragment` (a .tex without `\documentclass`) is included from: a
    /// `% !TEX root = …` line, or a main .tex in its folder or the two above it whose includes
    /// reach it. `None` when the file is a main file itself or none is found.
    pub fn main_file_of(&mut self, fragment: &Path, text: &str, open: &Overlay) -> Option<PathBuf> {
        if Format::from_path(fragment) != Some(Format::Latex) || is_main_tex(text) {
            return None;
        }
        let dir = fragment.parent()?;
        if let Some(root) = magic_root(text) {
            let path = normalize(&dir.join(root));
            if path.is_file() || open.texts.contains_key(&path) {
                return Some(path);
            }
        }
        if let Some(main) = self.main_files.get(fragment) {
            return Some(main.clone());
        }
        let wanted = normalize(fragment);
        for folder in dir.ancestors().take(3) {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            let mut candidates: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| Format::from_path(p) == Some(Format::Latex) && p != fragment)
                .collect();
            candidates.sort();
            for candidate in candidates {
                let Some(text) = open.text_of(&candidate) else {
                    continue;
                };
                if !is_main_tex(&text) {
                    continue;
                }
                let loader = open.loader_beside(&candidate);
                let name = candidate.display().to_string();
                let Ok(document) = source::read_text_with(&name, Format::Latex, text, &loader)
                else {
                    continue;
                };
                if document
                    .parts
                    .iter()
                    .any(|p| normalize(Path::new(&p.name)) == wanted)
                {
                    let main = normalize(&candidate);
                    self.main_files.insert(fragment.to_path_buf(), main.clone());
                    return Some(main);
                }
            }
        }
        None
    }
}

/// Checks a text as `galley check` would check the file: `path` is where it stands (for
/// per-file ignores and the files it includes), `None` for a buffer never saved.
pub fn check(
    name: &str,
    format: Format,
    text: String,
    path: Option<&Path>,
    rules: Arc<RuleSet>,
    open: &Overlay,
) -> Result<Checked, String> {
    let read = match path {
        Some(path) => source::read_text_with(name, format, text, &open.loader_beside(path)),
        None => source::read_text_with(name, format, text, &source::NoIncludes),
    }
    .map_err(|e| e.message)?;
    let (document, manuscript, diagnostics) =
        crate::app::analyse_with_structure(read, &rules, path)?;
    Ok(Checked {
        document,
        manuscript,
        diagnostics,
        rules,
    })
}

/// Whether a .tex text is a main file: `\documentclass` or `\begin{document}` outside comments.
pub fn is_main_tex(text: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split('%').next().unwrap_or("");
        code.contains("\\documentclass") || code.contains("\\begin{document}")
    })
}

/// The file a `% !TEX root = main.tex` line names, in the first lines of a LaTeX file.
fn magic_root(text: &str) -> Option<&str> {
    text.lines().take(20).find_map(|line| {
        let rest = line.trim_start().strip_prefix('%')?.trim_start();
        let rest = rest.strip_prefix('!')?.trim_start();
        let rest = rest
            .strip_prefix("TEX")
            .or_else(|| rest.strip_prefix("tex"))?
            .trim_start();
        let rest = rest.strip_prefix("root")?.trim_start();
        let root = rest.strip_prefix('=')?.trim();
        (!root.is_empty()).then_some(root)
    })
}

/// `path` with `.` and `..` worked out without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The texts of the documents open in the editor: what an included file says is what its
/// buffer says, saved or not.
#[derive(Default)]
pub struct Overlay {
    pub texts: HashMap<PathBuf, String>,
}

impl Overlay {
    /// A file's text: its buffer if open, else the file on disk.
    pub fn text_of(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.texts.get(&normalize(path)) {
            return Some(text.clone());
        }
        let bytes = std::fs::read(path).ok()?;
        source::decode(&bytes).ok().map(|d| d.text)
    }

    /// A loader for the files `main` names, relative to its folder, shown by absolute path.
    pub fn loader_beside<'a>(&'a self, main: &Path) -> OverlayLoader<'a> {
        OverlayLoader {
            dir: main.parent().map(Path::to_path_buf).unwrap_or_default(),
            overlay: self,
        }
    }
}

/// Loads included files from open buffers first, then from disk; names them by absolute path
/// so that each finding can be sent to its file.
pub struct OverlayLoader<'a> {
    dir: PathBuf,
    overlay: &'a Overlay,
}

impl Loader for OverlayLoader<'_> {
    fn load(&self, relative: &str) -> Result<Loaded, String> {
        let path = normalize(&self.dir.join(relative));
        if let Some(text) = self.overlay.texts.get(&path) {
            return Ok(Loaded {
                name: path.display().to_string(),
                identity: path.display().to_string(),
                text: text.clone(),
                legacy: None,
            });
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read `{relative}`: {e}"))?;
        let decoded =
            source::decode(&bytes).map_err(|e| format!("cannot read `{relative}`: {e}"))?;
        Ok(Loaded {
            name: path.display().to_string(),
            identity: path.display().to_string(),
            text: decoded.text,
            legacy: decoded.legacy,
        })
    }
}

/// The format of a document: by its file name, else by the language id the editor gives it.
pub fn format_of(uri: &Url, language_id: &str) -> Option<Format> {
    let by_name = uri
        .path_segments()
        .and_then(|mut s| s.next_back())
        .and_then(|name| Format::from_path(Path::new(name)));
    by_name.or(match language_id {
        "markdown" | "quarto" | "rmd" | "rmarkdown" | "pandoc" => Some(Format::Markdown),
        "latex" | "tex" | "plaintex" | "context" => Some(Format::Latex),
        "plaintext" | "text" => Some(Format::Text),
        "xml" | "jats" => Some(Format::Jats),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_root_comments_are_read() {
        assert_eq!(
            magic_root("% !TEX root = ../main.tex\n"),
            Some("../main.tex")
        );
        assert_eq!(magic_root("%!tex root=thesis.tex"), Some("thesis.tex"));
        assert_eq!(magic_root("% a comment\n\\section{A}"), None);
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d.tex")),
            PathBuf::from("/a/c/d.tex")
        );
    }

    #[test]
    fn settings_are_read_with_or_without_a_galley_key() {
        let nested =
            serde_json::json!({"galley": {"profile": "tr-en", "ignore": ["doubled-space"]}});
        let flat = serde_json::json!({"profile": "tr-en", "ignore": ["doubled-space"]});
        let a = ClientSettings::from_json(&nested).unwrap();
        assert_eq!(a, ClientSettings::from_json(&flat).unwrap());
        assert_eq!(a.ignore, vec!["doubled-space".to_string()]);
    }
}
