//! The editor's desk checks: required statements (`required-statements`), CRediT roles in the
//! author contributions (`credit-roles`), the main text's length (`main-text-words`), the number
//! of references (`reference-count`), double-blind review (`blind-review`), the sections of a
//! structured abstract (`abstract-sections`), the number of figures and tables
//! (`display-items`), and authors' ORCID iDs (`orcid-missing`, `orcid-invalid`). The detection is
//! in [`crate::desk`]; these only turn it into findings.

use serde::Deserialize;

use super::{Check, Context, check_bounds, describe_limit};
use crate::desk::{authors, blind, display, length, sections, statements};
use crate::diagnostic::Finding;
use crate::manuscript::structured::{Section, section_of_label};

/// Who sets a requirement, for messages: the journal's name, or the profile's.
fn by(profile: &Option<String>) -> String {
    profile
        .clone()
        .unwrap_or_else(|| "the configuration".to_string())
}

/// Where a finding about the whole manuscript stands: its title, else its first line.
fn whole_manuscript(cx: &Context<'_>) -> std::ops::Range<usize> {
    if let Some(title) = &cx.manuscript.title {
        return title.source_span();
    }
    let text = &cx.document.text;
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    start..end.max(start)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredParams {
    #[serde(default)]
    required: Vec<String>,
    profile: Option<String>,
}

/// `required-statements`: each required statement present and written.
pub struct RequiredStatements {
    required: Vec<&'static statements::StatementKind>,
    profile: String,
}

impl RequiredStatements {
    pub fn new(params: RequiredParams) -> Result<Self, String> {
        let required = params
            .required
            .iter()
            .map(|id| {
                statements::kind(id).ok_or_else(|| {
                    format!(
                        "unknown statement `{id}`; known statements: {}",
                        statements::ids().join(", ")
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            required,
            profile: by(&params.profile),
        })
    }
}

impl Check for RequiredStatements {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if self.required.is_empty() {
            return Vec::new();
        }
        let found = statements::detect(cx.document, cx.manuscript);
        let mut findings = Vec::new();
        for kind in &self.required {
            let (span, state) = match statements::best(&found, &kind.id) {
                Some(s) if s.content == statements::Content::Written => continue,
                Some(s) if s.content == statements::Content::Empty => (s.span.clone(), "empty"),
                Some(s) => (s.span.clone(), "only a placeholder"),
                None => (whole_manuscript(cx), "missing"),
            };
            findings.push(
                Finding::at(span)
                    .arg("statement", &kind.name)
                    .arg("state", state)
                    .arg("profile", &self.profile)
                    .arg("heading", &kind.example),
            );
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditParams {
    /// Whether the contributions must be given in CRediT roles at all.
    #[serde(default)]
    require: bool,
}

/// `credit-roles`: role names in the author contributions that are not CRediT's.
pub struct CreditRoles {
    require: bool,
}

impl CreditRoles {
    pub fn new(params: CreditParams) -> Self {
        Self {
            require: params.require,
        }
    }
}

impl Check for CreditRoles {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let found = statements::detect(cx.document, cx.manuscript);
        let mut findings = Vec::new();
        for s in found.iter().filter(|s| {
            s.kind.id == "author-contributions" && s.content == statements::Content::Written
        }) {
            let (named, instead) = statements::credit_roles(s);
            if named.is_empty() && instead.is_empty() {
                if self.require {
                    findings.push(
                        Finding::at(s.span.clone())
                            .arg("problem", "author contributions name no CRediT role")
                            .arg(
                                "advice",
                                "give each author's roles in the fourteen CRediT terms (Conceptualization, Methodology, Investigation, Formal analysis, Writing – original draft, …)",
                            ),
                    );
                }
                continue;
            }
            if named.is_empty() && !self.require {
                // Contributions in the authors' own words, and CRediT not asked for.
                continue;
            }
            for (span, name, role) in instead {
                findings.push(
                    Finding::at(span)
                        .arg("problem", format!("`{name}` is not a CRediT role"))
                        .arg("advice", format!("use the CRediT role `{role}`")),
                );
            }
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MainTextParams {
    min: Option<usize>,
    max: Option<usize>,
    #[serde(default = "body_only")]
    counts: Vec<length::Counted>,
    profile: Option<String>,
}

fn body_only() -> Vec<length::Counted> {
    vec![length::Counted::Body]
}

/// `main-text-words`: the main text's words against a journal's limits.
pub struct MainTextWords {
    min: Option<usize>,
    max: Option<usize>,
    counts: Vec<length::Counted>,
    profile: String,
}

impl MainTextWords {
    pub fn new(params: MainTextParams) -> Result<Self, String> {
        check_bounds(params.min, params.max)?;
        Ok(Self {
            min: params.min,
            max: params.max,
            counts: params.counts,
            profile: by(&params.profile),
        })
    }
}

impl Check for MainTextWords {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if self.min.is_none() && self.max.is_none() {
            return Vec::new();
        }
        let found = statements::detect(cx.document, cx.manuscript);
        let words = length::main_text_words(cx.document, cx.manuscript, &self.counts, &found);
        let direction = match (self.min, self.max) {
            (Some(min), _) if words < min => "short",
            (_, Some(max)) if words > max => "long",
            _ => return Vec::new(),
        };
        let counted: Vec<&str> = self.counts.iter().map(|c| c.as_str()).collect();
        vec![
            Finding::at(whole_manuscript(cx))
                .arg("count", words)
                .arg("direction", direction)
                .arg("limit", describe_limit(self.min, self.max))
                .arg("profile", &self.profile)
                .arg("counted", counted.join(", ")),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceCountParams {
    min: Option<usize>,
    max: Option<usize>,
    profile: Option<String>,
}

/// `reference-count`: the number of reference entries against a journal's limit.
pub struct ReferenceCount {
    min: Option<usize>,
    max: Option<usize>,
    profile: String,
}

impl ReferenceCount {
    pub fn new(params: ReferenceCountParams) -> Result<Self, String> {
        check_bounds(params.min, params.max)?;
        Ok(Self {
            min: params.min,
            max: params.max,
            profile: by(&params.profile),
        })
    }
}

impl Check for ReferenceCount {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let Some(list) = &cx.manuscript.references else {
            return Vec::new();
        };
        let count = list.entries.len();
        let too_few = self.min.is_some_and(|m| count < m);
        let too_many = self.max.is_some_and(|m| count > m);
        if !too_few && !too_many {
            return Vec::new();
        }
        let span = list
            .heading
            .as_ref()
            .map(|h| h.source_span())
            .or_else(|| list.entries.first().map(|e| e.source_span()))
            .unwrap_or_else(|| whole_manuscript(cx));
        vec![
            Finding::at(span)
                .arg("count", count)
                .arg("direction", if too_many { "many" } else { "few" })
                .arg("limit", describe_limit(self.min, self.max))
                .arg("profile", &self.profile),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlindParams {}

/// `blind-review`: what names the authors of a manuscript for double-blind review.
pub struct BlindReview;

impl BlindReview {
    pub fn new(_params: BlindParams) -> Self {
        Self
    }
}

impl Check for BlindReview {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let found = statements::detect(cx.document, cx.manuscript);
        blind::evidence(cx.document, cx.manuscript, &found)
            .into_iter()
            .map(|e| {
                let label = if e.clue == blind::Clue::FileProperty {
                    "in the file's properties, not its text".to_string()
                } else {
                    e.clue.describe().to_string()
                };
                Finding::at(e.span)
                    .arg("what", e.clue.describe())
                    .arg("evidence", e.text)
                    .arg("label", label)
                    .arg("advice", e.clue.advice())
            })
            .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbstractSectionsParams {
    /// The section labels the journal's structured abstract must have ("Objectives", "Design").
    #[serde(default)]
    required: Vec<String>,
    profile: Option<String>,
}

/// `abstract-sections`: the sections of a structured abstract a journal requires.
pub struct AbstractSections {
    /// Each required section with the label the journal gives it.
    required: Vec<(Section, String)>,
    profile: String,
}

impl AbstractSections {
    pub fn new(params: AbstractSectionsParams) -> Result<Self, String> {
        let mut required: Vec<(Section, String)> = Vec::new();
        for label in &params.required {
            let section = section_of_label(label).ok_or_else(|| {
                format!(
                    "`{label}` is not a structured-abstract label galley knows; the labels are in rules/data/abstract-sections.toml"
                )
            })?;
            // "Objectives" and "Aims" name one section: it is required once.
            if !required.iter().any(|(s, _)| *s == section) {
                required.push((section, label.clone()));
            }
        }
        Ok(Self {
            required,
            profile: by(&params.profile),
        })
    }
}

impl Check for AbstractSections {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if self.required.is_empty() {
            return Vec::new();
        }
        let mut findings = Vec::new();
        let all: Vec<&str> = self.required.iter().map(|(_, l)| l.as_str()).collect();
        for abs in &cx.manuscript.abstracts {
            let found = sections::found(cx.document, abs);
            let missing: Vec<&str> = self
                .required
                .iter()
                .filter(|(s, _)| !found.has(*s))
                .map(|(_, l)| l.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let span = match &abs.heading {
                Some(heading) => heading.source_span(),
                None => {
                    let text = abs.text.source_span();
                    let end = cx.document.text[text.clone()]
                        .find('\n')
                        .map_or(text.end, |at| text.start + at)
                        .min(text.start + 60);
                    let mut end = end.max(text.start);
                    while !cx.document.text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.start..end
                }
            };
            let language = abs
                .language
                .map(crate::manuscript::language::name)
                .unwrap_or_else(|| "an unknown language".into());
            let finding = |problem: String, label: String| {
                Finding::at(span.clone())
                    .arg("language", &language)
                    .arg("problem", problem)
                    .arg("label", label)
                    .arg("sections", all.join(", "))
                    .arg("profile", &self.profile)
            };
            if missing.len() == self.required.len() && missing.len() > 1 {
                // No required section at all: the abstract is not structured; one finding says so.
                findings.push(finding(
                    format!(
                        "is not structured in the sections {} requires",
                        self.profile
                    ),
                    "no section labels".into(),
                ));
                continue;
            }
            for label in missing {
                findings.push(finding(
                    format!("has no “{label}” section, which {} requires", self.profile),
                    format!("no “{label}”"),
                ));
            }
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DisplayItemsParams {
    max_figures: Option<usize>,
    max_tables: Option<usize>,
    /// Figures and tables together ("illustrations").
    max_display_items: Option<usize>,
    profile: Option<String>,
}

/// `display-items`: the number of figures and tables against a journal's limits.
pub struct DisplayItemsCount {
    params: DisplayItemsParams,
    profile: String,
}

impl DisplayItemsCount {
    pub fn new(params: DisplayItemsParams) -> Self {
        let profile = by(&params.profile);
        Self { params, profile }
    }
}

impl Check for DisplayItemsCount {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let p = &self.params;
        if p.max_figures.is_none() && p.max_tables.is_none() && p.max_display_items.is_none() {
            return Vec::new();
        }
        let items = display::count(cx.document);
        let mut findings = Vec::new();
        for (what, list, max) in [
            ("figures", items.figures.clone(), p.max_figures),
            ("tables", items.tables.clone(), p.max_tables),
            ("figures and tables", items.all(), p.max_display_items),
        ] {
            let Some(max) = max else { continue };
            if list.len() <= max {
                continue;
            }
            // The first item past the limit is where the manuscript goes over it.
            findings.push(
                Finding::at(list[max].clone())
                    .arg("what", what)
                    .arg("count", list.len())
                    .arg("max", max)
                    .arg("profile", &self.profile),
            );
        }
        findings.sort_by_key(|f| f.span.start);
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrcidMissingParams {
    /// Whether every author needs an ORCID iD.
    #[serde(default)]
    require: bool,
    profile: Option<String>,
}

/// `orcid-missing`: authors the format carries without an ORCID iD, when the journal asks for one.
pub struct OrcidMissing {
    require: bool,
    profile: String,
}

impl OrcidMissing {
    pub fn new(params: OrcidMissingParams) -> Self {
        Self {
            require: params.require,
            profile: by(&params.profile),
        }
    }
}

impl Check for OrcidMissing {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if !self.require {
            return Vec::new();
        }
        let how = match cx.document.format {
            crate::source::Format::Latex => "`\\orcidlink{…}` after the author's name",
            crate::source::Format::Jats => {
                "`<contrib-id contrib-id-type=\"orcid\">` in the author's `<contrib>`"
            }
            _ => "`orcid:` under the author's entry in the front matter",
        };
        authors::authors(cx.document)
            .into_iter()
            .filter(|a| a.orcid.is_none())
            .map(|a| {
                Finding::at(a.span)
                    .arg("author", a.name)
                    .arg("profile", &self.profile)
                    .arg("how", how)
            })
            .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrcidInvalidParams {}

/// `orcid-invalid`: ORCID iDs of the wrong shape or with a wrong check digit.
pub struct OrcidInvalid;

impl OrcidInvalid {
    pub fn new(_params: OrcidInvalidParams) -> Self {
        Self
    }
}

impl Check for OrcidInvalid {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        authors::orcid_values(cx.document)
            .into_iter()
            .filter_map(|v| {
                let (problem, advice) = match v.problem? {
                    authors::OrcidProblem::Shape => (
                        format!("`{}` is not in the form of an ORCID iD", v.id),
                        "an ORCID iD is sixteen characters in four groups of four, the last a digit or X (0000-0002-1825-0097); copy it from the author's ORCID record".to_string(),
                    ),
                    authors::OrcidProblem::CheckDigit(right) => (
                        format!("the check digit of ORCID iD {} is wrong", v.id),
                        format!(
                            "its last character should be {right} by ISO 7064 MOD 11-2, so a digit is mistyped somewhere; copy the iD from the author's ORCID record"
                        ),
                    ),
                };
                Some(
                    Finding::at(v.span)
                        .arg("problem", problem)
                        .arg("advice", advice),
                )
            })
            .collect()
    }
}
