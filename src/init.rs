//! `galley init`: a commented `galley.toml` to start from, and `--show-config`: the settings in
//! force for a manuscript and where each came from. Neither checks a manuscript.

use std::path::Path;

use crate::config::{self, Settings};
use crate::rules::RuleSet;

/// The text `galley init` writes for `profile`.
pub fn template(profile: &str) -> String {
    format!(
        r#"# galley.toml: settings for the manuscripts in this folder and the folders below it.
# galley looks for this file from a manuscript's folder upward; the first one found applies.
# `galley check --show-config` prints what is in force and where each value came from.

# A built-in profile, applied before the settings below: "default" (abstracts of 150-250 words,
# 3-6 keywords) or "tr-en" (an English and a Turkish abstract and keyword list required).
profile = "{profile}"

# Lowest severity that makes `galley check` exit with 1: "error", "warning" or "info".
fail-on = "warning"

# The citation style of every citation rule: "auto" (the default: the style the manuscript
# shows, as `galley outline` reports it), "apa7", "apa6", "chicago-author-date", "harvard",
# "abnt", "vancouver" or "ieee". A rule's own `style` under [rules.<id>] wins.
# citation-style = "auto"

# Most findings of one rule shown for one file (0: no limit); past it, one finding says how
# many more there were.
# max-findings-per-rule = 10000

# Rules to run ("all" by default) and rules not to run; `galley rules` lists the ids.
# select = ["all"]
# ignore = ["contraction"]

# Folders of rule files of your own (one TOML file per rule), relative to this file.
# rule-dirs = ["house-rules"]

# Per rule: severity, enabled, languages, and the rule's parameters (`galley explain RULE`).
# [rules.abstract-length]
# severity = "error"
# min = 150
# max = 250

# Rules not run on the files a glob matches (relative to this file's folder).
# [per-file-ignores]
# "drafts/*.md" = ["contraction", "informal-phrase"]
"#
    )
}

/// Writes the template to `path`, refusing to overwrite.
pub fn write(path: &Path, profile: &str) -> Result<(), String> {
    if config::profile_overrides(profile).is_none() {
        let names: Vec<&str> = config::PROFILES.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "unknown profile `{profile}`; built-in profiles: {}",
            names.join(", ")
        ));
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "`{}` already exists; galley init does not overwrite it",
                path.display()
            ),
            _ => format!("cannot write `{}`: {e}", path.display()),
        })?;
    std::io::Write::write_all(&mut file, template(profile).as_bytes())
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Where a value was written: `galley.toml:3`.
fn at(settings: &Settings, span: Option<&std::ops::Range<usize>>) -> String {
    match (&settings.file, span) {
        (Some(file), Some(span)) => {
            let line = file.text[..span.start.min(file.text.len())]
                .matches('\n')
                .count()
                + 1;
            format!("{}:{line}", file.name)
        }
        (Some(file), None) => file.name.clone(),
        _ => "command line".into(),
    }
}

/// The line of `key = ` at the top level of the configuration file, if it is there.
fn top_level_key(settings: &Settings, key: &str) -> Option<String> {
    let file = settings.file.as_ref()?;
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return None;
        }
        if let Some(rest) = line.trim_start().strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Some(at(settings, Some(&(offset..offset + 1))));
        }
        offset += line.len();
    }
    None
}

/// The settings in force and where each came from, as commented TOML.
pub fn show(config_path: Option<&Path>, settings: &Settings, set: &RuleSet) -> String {
    let mut out = String::new();
    match config_path {
        Some(path) => out.push_str(&format!("# configuration file: {}\n", path.display())),
        None => out.push_str("# configuration file: none (built-in defaults)\n"),
    }
    let profile_origin = match &settings.profile_origin {
        Some((_, span)) => at(settings, Some(span)),
        None if settings.profile != "default" => "command line".into(),
        None => "default".into(),
    };
    out.push_str(&format!(
        "profile = \"{}\"  # {profile_origin}\n",
        settings.profile
    ));
    out.push_str(&format!(
        "fail-on = \"{}\"  # {}\n",
        set.fail_on.as_str(),
        top_level_key(settings, "fail-on").unwrap_or_else(|| "default".into())
    ));
    let profile = config::profile(&settings.profile);
    let profile_style = profile.as_ref().and_then(|p| p.citation_style.as_ref());
    let citation_style = match (&settings.citation_style, profile_style) {
        (Some((style, origin)), _) => Some((
            style.as_str(),
            at(settings, origin.as_ref().map(|(_, span)| span)),
        )),
        (None, Some((style, _, _))) => {
            Some((style.as_str(), format!("profile {}", settings.profile)))
        }
        (None, None) => None,
    };
    if let Some((style, from)) = &citation_style {
        out.push_str(&format!("citation-style = \"{style}\"  # {from}\n"));
    }
    out.push_str(&format!(
        "max-findings-per-rule = {}  # {}\n",
        set.max_findings_per_rule,
        top_level_key(settings, "max-findings-per-rule").unwrap_or_else(|| "default".into())
    ));
    let list = |names: &[crate::config::RuleName]| {
        names
            .iter()
            .map(|(id, origin)| {
                let from = match origin {
                    Some((_, span)) => at(settings, Some(span)),
                    None => "command line".into(),
                };
                format!("\"{id}\" ({from})")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if settings.select.is_empty() {
        out.push_str("select = [\"all\"]  # default\n");
    } else {
        out.push_str(&format!("# select: {}\n", list(&settings.select)));
    }
    if !settings.ignore.is_empty() {
        out.push_str(&format!("# ignore: {}\n", list(&settings.ignore)));
    }
    for (dir, _, span) in &settings.rule_dirs {
        out.push_str(&format!(
            "# rule folder: {}  ({})\n",
            dir.display(),
            at(settings, Some(span))
        ));
    }
    if !settings.per_file_ignores.is_empty() {
        out.push_str("\n[per-file-ignores]\n");
        for (glob, span, ids) in &settings.per_file_ignores {
            let ids: Vec<String> = ids.iter().map(|(id, _)| format!("\"{id}\"")).collect();
            out.push_str(&format!(
                "\"{glob}\" = [{}]  # {}\n",
                ids.join(", "),
                at(settings, Some(span))
            ));
        }
    }
    let profile = profile.as_ref().map_or(&[][..], |p| p.overrides.as_slice());
    for rule in &set.rules {
        out.push_str(&format!("\n[rules.{}]  # {}\n", rule.id(), rule.origin));
        let origin = |key: &str| -> String {
            if let Some(o) = settings
                .overrides
                .iter()
                .rev()
                .find(|o| o.rule == rule.id() && o.table.contains_key(key))
            {
                let span = config::key_span(&o.origin, &o.table_span, key);
                return match span {
                    Some(span) => {
                        let line = o.origin.text[..span.start].matches('\n').count() + 1;
                        format!("{}:{line}", o.origin.name)
                    }
                    None => o.origin.name.clone(),
                };
            }
            let styled = key == "style" && crate::checks::takes_citation_style(rule.spec.kind());
            if styled && settings.citation_style.is_some() {
                return citation_style
                    .as_ref()
                    .map_or_else(String::new, |(_, from)| format!("citation-style, {from}"));
            }
            if profile
                .iter()
                .any(|o| o.rule == rule.id() && o.table.contains_key(key))
            {
                return format!("profile {}", settings.profile);
            }
            if styled && let Some((_, from)) = &citation_style {
                return format!("citation-style, {from}");
            }
            "rule file".into()
        };
        let enabled_origin = if rule.enabled == rule.spec.enabled {
            origin("enabled")
        } else if !rule.enabled {
            "select / ignore".into()
        } else {
            origin("enabled")
        };
        out.push_str(&format!("enabled = {}  # {enabled_origin}\n", rule.enabled));
        out.push_str(&format!(
            "severity = \"{}\"  # {}\n",
            rule.severity.as_str(),
            origin("severity")
        ));
        if !rule.languages.is_empty() {
            out.push_str(&format!(
                "languages = {:?}  # {}\n",
                rule.languages,
                origin("languages")
            ));
        }
        for (key, value) in &rule.params {
            if key == "kind" {
                continue;
            }
            let value = value.to_string();
            let value = if value.len() > 100 {
                format!(
                    "{}…",
                    &value[..crate::position::floor_char_boundary(&value, 100)]
                )
            } else {
                value
            };
            out.push_str(&format!("{key} = {value}  # {}\n", origin(key)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_configuration_for_every_profile() {
        for (name, _) in config::PROFILES {
            let text = template(name);
            let settings = config::parse("galley.toml", Path::new("."), &text).unwrap();
            assert_eq!(&settings.profile, name);
            RuleSet::build(&settings).unwrap();
        }
    }
}
