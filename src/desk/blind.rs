//! Double-blind review: what in a manuscript still names its authors. The author block and the
//! front matter's authors, affiliations, e-mail addresses and ORCID iDs (Markdown front matter,
//! LaTeX `\author`, JATS `contrib-group` and `aff`, the author block galley recognised in plain
//! text and Word); a Word file's properties and the authors of its comments and tracked changes;
//! self-citations in the first person; acknowledgements, and funding with grant numbers;
//! repository links that carry a user name.
//!
//! Each piece of evidence is reported with what it is and what it says; nothing is removed.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::statements::{Content, Statement};
use crate::manuscript::{Manuscript, Part};
use crate::source::{Document, Format};

/// What kind of evidence a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Clue {
    Author,
    Affiliation,
    Email,
    Orcid,
    FileProperty,
    SelfCitation,
    Acknowledgements,
    GrantNumber,
    RepositoryLink,
}

impl Clue {
    /// What messages call it.
    pub fn describe(self) -> &'static str {
        match self {
            Clue::Author => "an author's name",
            Clue::Affiliation => "an affiliation",
            Clue::Email => "an e-mail address",
            Clue::Orcid => "an ORCID iD",
            Clue::FileProperty => "a person in the file's properties",
            Clue::SelfCitation => "a self-citation in the first person",
            Clue::Acknowledgements => "an acknowledgements section",
            Clue::GrantNumber => "a grant number",
            Clue::RepositoryLink => "a repository link with a user name",
        }
    }

    /// How to fix it.
    pub fn advice(self) -> &'static str {
        match self {
            Clue::Author | Clue::Affiliation | Clue::Email | Clue::Orcid => {
                "move names, affiliations and addresses to the separate title page"
            }
            Clue::FileProperty => {
                "remove personal information from the file (Word: File > Info > Inspect Document > Document Properties and Personal Information), and accept or reject tracked changes and delete comments"
            }
            Clue::SelfCitation => {
                "cite your own work in the third person (\"Evren (2021) showed\"), or replace it with \"[Author, year]\" for review"
            }
            Clue::Acknowledgements => {
                "move the acknowledgements to the title page until acceptance"
            }
            Clue::GrantNumber => {
                "move funding details with grant numbers to the title page, or write \"[blinded for review]\""
            }
            Clue::RepositoryLink => {
                "link an anonymised copy (an anonymous repository service or a view-only link) for review"
            }
        }
    }
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub clue: Clue,
    /// Where it stands in the text (empty at 0 for what the file's properties say).
    pub span: Range<usize>,
    /// What it says, shortened.
    pub text: String,
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 80 {
        return text;
    }
    let cut: String = text.chars().take(77).collect();
    format!("{cut}…")
}

/// Whether a value stands for an author who is not named: "Anonymous", "[blinded]", "Author 1".
pub(crate) fn is_anonymous(value: &str) -> bool {
    static ANON: OnceLock<Regex> = OnceLock::new();
    let re = ANON.get_or_init(|| {
        Regex::new(r"(?i)^[\s\[(*_]*(anonymous|anonymi[sz]ed|blind(ed)?( for review)?|masked|redacted|author( ?[0-9a-z])?|authors?|anonim|yazar( ?[0-9])?|autor(es)?|\.\.\.|xx+|-)?[\s\])*_]*$")
            .expect("compiles")
    });
    re.is_match(value.trim().trim_matches(['"', '\'']))
}

fn email_pattern() -> &'static Regex {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    EMAIL.get_or_init(|| {
        Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .expect("compiles")
    })
}

/// Everything in `document` that names its authors. `statements` are the statements found.
pub fn evidence(
    document: &Document,
    manuscript: &Manuscript,
    statements: &[Statement],
) -> Vec<Evidence> {
    let mut found = Vec::new();
    let text = document.text.as_str();
    match document.format {
        Format::Markdown => front_matter(text, &mut found),
        Format::Latex => latex(text, &mut found),
        Format::Jats => jats(text, &mut found),
        Format::Text | Format::Docx => {}
    }
    if matches!(document.format, Format::Text | Format::Docx) {
        for unit in manuscript.units.iter().filter(|u| u.part == Part::Authors) {
            let value = unit.text.as_str();
            if !is_anonymous(value) && !email_pattern().is_match(value) {
                found.push(Evidence {
                    clue: Clue::Author,
                    span: unit.text.source_span(),
                    text: shorten(value),
                });
            }
        }
    }
    for person in &document.metadata.people {
        if !is_anonymous(&person.name) {
            found.push(Evidence {
                clue: Clue::FileProperty,
                span: 0..0,
                text: format!("{} ({})", shorten(&person.name), person.role),
            });
        }
    }
    for m in email_pattern().find_iter(text) {
        found.push(Evidence {
            clue: Clue::Email,
            span: m.range(),
            text: m.as_str().to_string(),
        });
    }
    self_citations(manuscript, &mut found);
    statements_evidence(statements, &mut found);
    repository_links(text, &mut found);
    // One finding per place: what lies inside another finding (an e-mail in an author line, a
    // `\thanks` inside `\author`) is told as part of it.
    found.sort_by_key(|e| (e.span.start, e.clue));
    let contains = |outer: &Evidence, inner: &Evidence| {
        !inner.span.is_empty()
            && outer.span.start <= inner.span.start
            && inner.span.end <= outer.span.end
            && outer.span != inner.span
    };
    let mut kept: Vec<Evidence> = Vec::with_capacity(found.len());
    for (i, e) in found.iter().enumerate() {
        let inside = found.iter().any(|o| contains(o, e));
        let repeated = found[..i]
            .iter()
            .any(|o| o.span == e.span && o.text == e.text && !o.span.is_empty());
        if !inside && !repeated {
            kept.push(e.clone());
        }
    }
    kept
}

/// Authors, affiliations, e-mail addresses and ORCID iDs in YAML front matter.
fn front_matter(text: &str, found: &mut Vec<Evidence>) {
    let Some(rest) = text.strip_prefix("---") else {
        return;
    };
    if !rest.starts_with(['\n', '\r']) {
        return;
    }
    let end = rest
        .find("\n---")
        .or_else(|| rest.find("\n..."))
        .map_or(text.len(), |at| 3 + at);
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line_re = LINE.get_or_init(|| {
        Regex::new(r"^(\s*)(?:-\s+)?(?:([A-Za-z_-]+)\s*:)?\s*(.*?)\s*$").expect("compiles")
    });
    let mut offset = 0;
    let mut section = String::new();
    for line in text[..end].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start == 0 {
            continue;
        }
        let Some(caps) = line_re.captures(line.trim_end_matches(['\n', '\r'])) else {
            continue;
        };
        let indent = caps.get(1).map_or(0, |m| m.len());
        let key = caps.get(2).map(|m| m.as_str().to_ascii_lowercase());
        let value = caps.get(3).map_or("", |m| m.as_str());
        if indent == 0 && !line.trim_start().starts_with('-') {
            section = key.clone().unwrap_or_default();
        }
        let in_people = matches!(
            section.as_str(),
            "author"
                | "authors"
                | "affiliation"
                | "affiliations"
                | "institute"
                | "institution"
                | "email"
                | "corresponding"
                | "correspondence"
        );
        if !in_people || value.is_empty() || value == "|" || value == ">" {
            continue;
        }
        let clue = match key.as_deref().unwrap_or(section.as_str()) {
            "orcid" => Clue::Orcid,
            "email" | "e-mail" | "mail" => Clue::Email,
            "affiliation" | "affiliations" | "institute" | "institution" | "address"
            | "department" | "city" | "country" => Clue::Affiliation,
            "name" | "author" | "authors" | "given" | "family" | "surname" | "corresponding"
            | "correspondence" => {
                if section.starts_with("affil") || section.starts_with("institu") {
                    Clue::Affiliation
                } else {
                    Clue::Author
                }
            }
            // Indices, equal-contrib flags and other keys say nothing about who the authors are.
            _ => continue,
        };
        if is_anonymous(value)
            || value
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ' || c == '"')
        {
            continue;
        }
        let at = start + line.find(value).unwrap_or(0);
        found.push(Evidence {
            clue,
            span: at..at + value.len(),
            text: shorten(value.trim_matches(['"', '\''])),
        });
    }
}

/// The argument of a LaTeX command from its opening brace, balanced, with its range.
pub(crate) fn braced(text: &str, open: usize) -> Option<Range<usize>> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices().take(2000) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + 1..open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `\author`, `\affiliation` and the like in LaTeX.
fn latex(text: &str, found: &mut Vec<Evidence>) {
    static COMMAND: OnceLock<Regex> = OnceLock::new();
    let re = COMMAND.get_or_init(|| {
        Regex::new(r"\\(author|affiliation|affil|institute|institution|address|email|thanks|orcid)\s*(?:\[[^\]]*\])?\s*\{")
            .expect("compiles")
    });
    for caps in re.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let line_start = text[..whole.start()].rfind('\n').map_or(0, |at| at + 1);
        if text[line_start..whole.start()].contains('%') {
            continue;
        }
        let Some(range) = braced(text, whole.end() - 1) else {
            continue;
        };
        let value = text[range.clone()].trim();
        if value.is_empty() || is_anonymous(value) {
            continue;
        }
        let clue = match &caps[1] {
            "author" => Clue::Author,
            "email" => Clue::Email,
            "orcid" => Clue::Orcid,
            "thanks" => Clue::Acknowledgements,
            _ => Clue::Affiliation,
        };
        found.push(Evidence {
            clue,
            span: range,
            text: shorten(value),
        });
    }
}

/// Names in `contrib-group`, and `aff` elements, in JATS.
fn jats(text: &str, found: &mut Vec<Evidence>) {
    static NAME: OnceLock<Regex> = OnceLock::new();
    static AFF: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    let name = NAME.get_or_init(|| {
        Regex::new(r"(?s)<(name|string-name|collab)\b[^>]*>(.*?)</(?:name|string-name|collab)>")
            .expect("compiles")
    });
    let aff = AFF.get_or_init(|| Regex::new(r"(?s)<aff\b[^>]*>(.*?)</aff>").expect("compiles"));
    let tag = TAG.get_or_init(|| Regex::new(r"<[^>]*>").expect("compiles"));
    let plain = |s: &str| shorten(&tag.replace_all(s, " "));
    let mut from = 0;
    while let Some(at) = text[from..].find("<contrib-group") {
        let start = from + at;
        let end = text[start..]
            .find("</contrib-group>")
            .map_or(text.len(), |e| start + e);
        for caps in name.captures_iter(&text[start..end]) {
            let m = caps.get(2).expect("group");
            let value = plain(m.as_str());
            if !value.is_empty() && !is_anonymous(&value) {
                found.push(Evidence {
                    clue: Clue::Author,
                    span: start + m.start()..start + m.end(),
                    text: value,
                });
            }
        }
        from = end.max(start + 1);
    }
    let refs = text.find("<ref-list").unwrap_or(text.len());
    for caps in aff.captures_iter(&text[..refs]) {
        let m = caps.get(1).expect("group");
        let value = plain(m.as_str());
        if !value.is_empty() && !is_anonymous(&value) {
            found.push(Evidence {
                clue: Clue::Affiliation,
                span: m.range(),
                text: value,
            });
        }
    }
}

/// Sentences that cite the authors' own work in the first person.
fn self_citations(manuscript: &Manuscript, found: &mut Vec<Evidence>) {
    static FIRST_PERSON: OnceLock<Regex> = OnceLock::new();
    static CITATION: OnceLock<Regex> = OnceLock::new();
    let first = FIRST_PERSON.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)\b(?:",
            // English
            r"(?:our|my) (?:own )?(?:previous|earlier|prior|recent|past|former) (?:work|works|study|studies|paper|papers|research|article|articles|findings|analysis|analyses|results|survey|experiments?)",
            r"|in (?:our|my) (?:\d{4}|earlier|previous|prior) (?:paper|study|work|article)",
            r"|(?:we|I) (?:have )?(?:previously |recently |already |earlier )?(?:showed|shown|reported|demonstrated|described|found|proposed|argued|developed|introduced) (?:in|that|earlier|previously|elsewhere)",
            r"|as (?:we|I) (?:have )?(?:previously |recently |already )?(?:showed|shown|reported|demonstrated|described|found|argued)",
            // Portuguese
            r"|(?:nosso|nossa|nossos|nossas|meu|minha) (?:trabalho|trabalhos|estudo|estudos|pesquisa|pesquisas|artigo|artigos) (?:anterior|anteriores|prévio|prévia|prévios|recente)",
            r"|(?:como )?(?:mostramos|demonstramos|relatamos|descrevemos|propusemos) (?:anteriormente|previamente|em)",
            // Spanish
            r"|(?:nuestro|nuestra|nuestros|nuestras|mi) (?:trabajo|trabajos|estudio|estudios|investigación|investigaciones|artículo|artículos) (?:anterior|anteriores|previo|previa|previos|previas|reciente)",
            r"|(?:como )?(?:mostramos|demostramos|informamos|describimos|propusimos) (?:anteriormente|previamente|en)",
            // Turkish
            r"|(?:önceki|daha önceki|bir önceki|geçmiş) (?:çalışmamızda|çalışmalarımızda|araştırmamızda|araştırmalarımızda|makalemizde|çalışmamda|makalemde)",
            r"|(?:daha önce|önceden) (?:gösterdiğimiz|bildirdiğimiz|yaptığımız|yayımladığımız)",
            r")",
        ))
        .expect("compiles")
    });
    let citation = CITATION.get_or_init(|| {
        Regex::new(r"\([^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\\cite\w*\{|\[@|\b[A-Z][\p{L}'-]+ \((?:1[89]|20)\d\d[a-z]?\)")
            .expect("compiles")
    });
    for unit in manuscript.units.iter().filter(|u| u.part == Part::Body) {
        let text = unit.text.as_str();
        for m in first.find_iter(text) {
            let sentence = sentence_of(text, m.range());
            if citation.is_match(&text[sentence.clone()]) {
                found.push(Evidence {
                    clue: Clue::SelfCitation,
                    span: unit.text.to_source(sentence.clone()),
                    text: shorten(&text[sentence]),
                });
            }
        }
    }
}

fn sentence_of(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |at| at + 1);
    let end = text[range.end..]
        .find(". ")
        .map_or(text.len(), |at| range.end + at + 1);
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    start + lead..end
}

/// Acknowledgements that are written, and funding statements with grant numbers.
fn statements_evidence(statements: &[Statement], found: &mut Vec<Evidence>) {
    static GRANT: OnceLock<Regex> = OnceLock::new();
    let grant = GRANT.get_or_init(|| {
        Regex::new(r"(?i)(?:\b(?:grants?|awards?|contracts?|projects?|proje|projeto|proyecto|processo|proceso)\b(?:\s+(?:no\.?|nos\.?|number|numbers|numarası|numaralı|n[º°o]\.?|#))?\s*[:#]?\s*([A-Z0-9][A-Z0-9/._-]*[0-9][A-Z0-9/._-]*)|\b([0-9]{3}[A-Z][0-9]{3})\b|\b([A-Z]{2,}[-/ ]?[0-9]{4,}[A-Z0-9/-]*)\b)")
            .expect("compiles")
    });
    for s in statements {
        match s.kind.id.as_str() {
            "acknowledgements" if s.content == Content::Written => found.push(Evidence {
                clue: Clue::Acknowledgements,
                span: s.span.clone(),
                text: shorten(&s.text()),
            }),
            "funding" | "acknowledgements" => {
                for piece in &s.body {
                    for caps in grant.captures_iter(piece.as_str()) {
                        let m = caps
                            .get(1)
                            .or_else(|| caps.get(2))
                            .or_else(|| caps.get(3))
                            .expect("one group matches");
                        found.push(Evidence {
                            clue: Clue::GrantNumber,
                            span: piece.to_source(m.range()),
                            text: m.as_str().to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// Links to a code host that name a user or organisation.
fn repository_links(text: &str, found: &mut Vec<Evidence>) {
    static LINK: OnceLock<Regex> = OnceLock::new();
    let re = LINK.get_or_init(|| {
        Regex::new(r"(?i)\b(?:https?://)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|huggingface\.co|sourceforge\.net/u|sr\.ht/~|git\.sr\.ht/~)/?([A-Za-z0-9_.-]+)(?:/[A-Za-z0-9_.-]+)*")
            .expect("compiles")
    });
    for caps in re.captures_iter(text) {
        let user = &caps[1];
        if is_anonymous(user) || user.eq_ignore_ascii_case("anonymous") {
            continue;
        }
        let m = caps.get(0).expect("match");
        found.push(Evidence {
            clue: Clue::RepositoryLink,
            span: m.range(),
            text: m.as_str().trim_end_matches(['.', ',', ')']).to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::read_text;

    fn clues(text: &str, format: Format) -> Vec<(Clue, String)> {
        let document = read_text("t", format, text.to_string()).unwrap();
        let manuscript = Manuscript::detect(&document);
        let statements = super::super::statements::detect(&document, &manuscript);
        evidence(&document, &manuscript, &statements)
            .into_iter()
            .map(|e| (e.clue, e.text))
            .collect()
    }

    const BODY: &str = "# Ponds\n\n## Introduction\n\nSmall ponds hold many species, more than their size suggests.\n";

    #[test]
    fn front_matter_authors_affiliations_emails_and_orcids_are_evidence() {
        let text = format!(
            "---\ntitle: Ponds\nauthors:\n  - name: Lia Fern\n    orcid: 0000-0002-1825-0097\n    affiliation: 1\n    email: lia@example.org\naffiliations:\n  - name: University of Leeds\n    index: 1\nreferences:\n- id: fern2012\n  author:\n  - family: Fern\n---\n\n{BODY}"
        );
        let found = clues(&text, Format::Markdown);
        assert!(
            found.contains(&(Clue::Author, "Lia Fern".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Clue::Orcid, "0000-0002-1825-0097".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Clue::Email, "lia@example.org".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(Clue::Affiliation, "University of Leeds".into())),
            "{found:?}"
        );
        // The cited author in `references` is not the manuscript's author.
        assert_eq!(
            found.iter().filter(|(_, t)| t == "Fern").count(),
            0,
            "{found:?}"
        );
        let blinded = format!("---\ntitle: Ponds\nauthor: Anonymous\n---\n\n{BODY}");
        assert!(clues(&blinded, Format::Markdown).is_empty());
    }

    #[test]
    fn latex_author_and_jats_contrib_are_evidence() {
        let tex = "\\documentclass{article}\n\\author{Lia Fern\\thanks{lia@example.org}}\n% \\author{Old Name}\n\\begin{document}\nText.\n\\end{document}\n";
        let found = clues(tex, Format::Latex);
        assert!(
            found
                .iter()
                .any(|(c, t)| *c == Clue::Author && t.contains("Lia Fern")),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, t)| t.contains("Old Name")),
            "{found:?}"
        );
        let xml = "<article><front><article-meta><contrib-group><contrib contrib-type=\"author\"><name><surname>Fern</surname><given-names>Lia</given-names></name></contrib></contrib-group><aff id=\"a1\">University of Leeds</aff></article-meta></front><body><p>Text.</p></body><back><ref-list><ref id=\"r1\"><mixed-citation><person-group><name><surname>Oak</surname></name></person-group> 2001.</mixed-citation></ref></ref-list></back></article>";
        let found = clues(xml, Format::Jats);
        assert!(
            found
                .iter()
                .any(|(c, t)| *c == Clue::Author && t.contains("Fern")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(c, t)| *c == Clue::Affiliation && t.contains("Leeds")),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, t)| t.contains("Oak")), "{found:?}");
    }

    /// Flag and allow cases for self-citations, in each language.
    #[test]
    fn first_person_self_citations_are_evidence_and_third_person_ones_are_not() {
        for (sentence, flagged) in [
            (
                "In our previous work (Evren, 2021), we counted ponds.",
                true,
            ),
            ("As we showed [12], ponds dry out.", true),
            (
                "Em nosso trabalho anterior (Souza, 2019), contamos lagoas.",
                true,
            ),
            (
                "En nuestro estudio previo (Ruiz, 2018) contamos estanques.",
                true,
            ),
            (
                "Önceki çalışmamızda (Evren, 2021) gölet sayısını belirledik.",
                true,
            ),
            ("Evren (2021) counted ponds in the previous work.", false),
            (
                "In our previous work, we counted ponds without any citation here.",
                false,
            ),
            ("As shown by Evren (2021), ponds dry out.", false),
        ] {
            let text = format!("{BODY}\n{sentence}\n");
            let found = clues(&text, Format::Markdown);
            let is = found.iter().any(|(c, _)| *c == Clue::SelfCitation);
            assert_eq!(is, flagged, "{sentence}: {found:?}");
        }
    }

    #[test]
    fn grant_numbers_acknowledgements_and_repository_links_are_evidence() {
        let text = format!(
            "{BODY}\nThe code is at https://github.com/liafern/ponds and at https://anonymous.4open.science/r/ponds.\n\n## Funding\n\nThis work was supported by TÜBİTAK (project no. 118K123) and the Pond Trust.\n\n## Acknowledgements\n\nWe thank Ana Oak for help in the field.\n"
        );
        let found = clues(&text, Format::Markdown);
        assert!(
            found.contains(&(
                Clue::RepositoryLink,
                "https://github.com/liafern/ponds".into()
            )),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(c, t)| *c == Clue::GrantNumber && t == "118K123"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(c, _)| *c == Clue::Acknowledgements),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, t)| t.contains("4open")), "{found:?}");
        // Funding without a grant number, and no acknowledgements: nothing.
        let text = format!("{BODY}\n## Funding\n\nThe Pond Trust paid for the fieldwork.\n");
        assert!(clues(&text, Format::Markdown).is_empty());
    }
}
