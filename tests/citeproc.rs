//! The citation rules on reference lists and citations that a real citation processor wrote:
//! `tests/fixtures/citeproc/manuscript.md` cites every entry of `references.bib` in pandoc's
//! citation forms, and `scripts/render-citeproc-fixtures.sh` rendered it with `pandoc --citeproc`
//! in APA 7 (`apa.txt`, `apa.md`) and Chicago author-date (`chicago.txt`). Correct output must
//! draw no citation or reference finding in its own style (precision), every entry must be read
//! and every citation resolved (so the silence means something), and the slips an author makes
//! when editing such output by hand, made here by string edits, must each be reported by their
//! rule (recall).

use std::path::{Path, PathBuf};

use galley::config::Settings;
use galley::diagnostic::Diagnostic;
use galley::manuscript::Manuscript;
use galley::rules::RuleSet;
use galley::source::{Document, Format, read_text};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/citeproc")
}

fn fixture(name: &str) -> String {
    let path = fixture_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The citation style a fixture was rendered in, and the galley settings for it.
#[derive(Clone, Copy, Debug)]
enum Style {
    Apa,
    Chicago,
}

/// A galley.toml that sets the citation style of every citation rule to Chicago author-date.
const CHICAGO_CONFIG: &str = "citation-style = \"chicago-author-date\"\n";

fn rules(style: Style) -> RuleSet {
    let settings = match style {
        Style::Apa => Settings::default(),
        Style::Chicago => galley::config::parse("galley.toml", Path::new("."), CHICAGO_CONFIG)
            .expect("the Chicago configuration parses"),
    };
    RuleSet::build(&settings).expect("built-in rules load")
}

fn document(name: &str, text: String) -> Document {
    let format = if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    read_text(name, format, text).expect("the fixture reads")
}

/// A finding of a citation or reference rule, with the line and the underlined text.
#[derive(Debug)]
struct Found {
    rule: String,
    line: usize,
    text: String,
    message: String,
}

fn citation_findings(name: &str, text: String, style: Style) -> (Manuscript, Vec<Found>) {
    let document = document(name, text);
    let (manuscript, diagnostics) = rules(style).lint(&document);
    let line_of = |d: &Diagnostic| document.text[..d.span.start].matches('\n').count() + 1;
    let found = diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("citation-") || d.rule.starts_with("reference-"))
        .map(|d| Found {
            rule: d.rule.clone(),
            line: line_of(d),
            text: document.text[d.span.clone()].to_string(),
            message: d.message.clone(),
        })
        .collect();
    (manuscript, found)
}

/// Lines of `text` up to `at`, counted from 1.
fn line_at(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The line where `needle` stands in `text`; it must stand there once.
fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} once in the text"
    );
    line_at(text, text.find(needle).unwrap())
}

/// `text` with its one `from` replaced: an edit that finds nothing would test nothing.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in the text");
    text.replacen(from, to, 1)
}

/// The paragraph (one line, with the blank line after it) that starts with `start`.
fn paragraph<'t>(text: &'t str, start: &str) -> &'t str {
    let at = text
        .match_indices(start)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || text[..at].ends_with('\n'))
        .unwrap_or_else(|| panic!("no paragraph starts with {start:?}"));
    let end = text[at..].find("\n\n").map_or(text.len(), |e| at + e + 2);
    &text[at..end]
}

/// The entries of references.bib.
fn bib_entries() -> usize {
    fixture("references.bib")
        .lines()
        .filter(|l| l.starts_with('@'))
        .count()
}

/// Pandoc citations (`@key`) in the manuscript's body.
fn cited_keys() -> usize {
    let source = fixture("manuscript.md");
    let body = source
        .splitn(3, "---\n")
        .nth(2)
        .expect("front matter, then the body");
    body.match_indices('@').count()
}

const FIXTURES: &[(&str, Style)] = &[
    ("apa.txt", Style::Apa),
    ("apa.md", Style::Apa),
    ("chicago.txt", Style::Chicago),
];

#[test]
fn correct_renderings_draw_no_citation_finding_in_their_own_style() {
    for &(name, style) in FIXTURES {
        let (_, found) = citation_findings(name, fixture(name), style);
        assert!(found.is_empty(), "{name} ({style:?}): {found:#?}");
    }
}

#[test]
fn every_entry_is_read_and_every_citation_resolves() {
    let entries = bib_entries();
    assert!(entries >= 30, "references.bib has {entries} entries");
    // Three author-suppressed citations stand apart from the name they belong to ("The World
    // Health Organization has added … (2023)", "Both Müller studies (2020a, 2020b)"): read
    // alone, nothing ties them to an author.
    let works = cited_keys() - 3;
    for &(name, style) in FIXTURES {
        let (manuscript, _) = citation_findings(name, fixture(name), style);
        let analysis = manuscript.citations();
        assert!(analysis.comparable(), "{name}");
        assert_eq!(analysis.references.len(), entries, "{name}");
        for entry in &analysis.references {
            assert!(
                entry.year.is_some() && !entry.authors.is_empty(),
                "{name}: {entry:#?}"
            );
        }
        let resolved: Vec<_> = analysis
            .works()
            .map(|(_, work, resolution)| (work.written.clone(), resolution.clone()))
            .collect();
        assert_eq!(resolved.len(), works, "{name}: {resolved:#?}");
        for (written, resolution) in &resolved {
            assert!(
                matches!(resolution, galley::cite::Resolution::Found(_)),
                "{name}: {written} resolves to {resolution:?}"
            );
        }
        assert!(analysis.cited.iter().all(|c| *c), "{name}");
        assert!(analysis.numeric.is_empty(), "{name}");
    }
}

/// The findings of `rule` on an edited rendering, as (line, underlined text); every citation
/// finding must be of that rule.
fn only(name: &str, text: String, style: Style, rule: &str) -> Vec<(usize, String)> {
    let (_, found) = citation_findings(name, text, style);
    assert!(
        !found.is_empty() && found.iter().all(|f| f.rule == rule),
        "expected only {rule}: {found:#?}"
    );
    found.into_iter().map(|f| (f.line, f.text)).collect()
}

/// (line, underlined) pairs of `needles` in `text`.
fn at(text: &str, needles: &[&str]) -> Vec<(usize, String)> {
    needles
        .iter()
        .map(|n| (line_of(text, n), n.to_string()))
        .collect()
}

#[test]
fn a_dropped_entry_leaves_its_citation_missing() {
    let apa = fixture("apa.txt");
    let text = apa.replacen(paragraph(&apa, "Harrow, E. (2014)."), "", 1);
    assert_eq!(
        only(
            "apa.txt",
            text.clone(),
            Style::Apa,
            "citation-not-in-references"
        ),
        at(&text, &["Harrow (2014, p. 12)"])
    );
    let chicago = fixture("chicago.txt");
    let text = chicago.replacen(paragraph(&chicago, "Harrow, Eleanor. 2014."), "", 1);
    assert_eq!(
        only(
            "chicago.txt",
            text.clone(),
            Style::Chicago,
            "citation-not-in-references"
        ),
        at(&text, &["Harrow (2014, 12)"])
    );
}

#[test]
fn a_changed_entry_year_is_a_year_mismatch_at_each_citation() {
    let apa = fixture("apa.txt");
    let text = edit(&apa, "Doğan, İ. (2021).", "Doğan, İ. (2019).");
    let found = only(
        "apa.txt",
        text.clone(),
        Style::Apa,
        "citation-year-mismatch",
    );
    let lines: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(
        lines,
        [
            line_of(&text, "Doğan, 2021; Müller"),
            line_of(&text, "(see Doğan, 2021")
        ]
    );
    assert!(found.iter().all(|(_, underlined)| underlined == "2021"));
    // In Chicago the author's second work is a dash: dropping that entry leaves the 2020b
    // citation with only the 2020a entry of its author.
    let chicago = fixture("chicago.txt");
    let text = chicago.replacen(paragraph(&chicago, "———. 2020b."), "", 1);
    assert_eq!(
        only(
            "chicago.txt",
            text.clone(),
            Style::Chicago,
            "citation-year-mismatch"
        ),
        [(line_of(&text, "(Müller 2020b)"), "2020b".to_string())]
    );
}

#[test]
fn the_wrong_conjunction_inside_parentheses_is_a_form_finding() {
    let apa = fixture("apa.txt");
    let text = edit(
        &apa,
        "(Aydın & Işık, 2019; Doğan",
        "(Aydın and Işık, 2019; Doğan",
    );
    let (_, findings) = citation_findings("apa.txt", text.clone(), Style::Apa);
    assert!(
        findings[0]
            .message
            .contains("joins the authors with “and” inside parentheses"),
        "{findings:#?}"
    );
    let found = only("apa.txt", text.clone(), Style::Apa, "citation-form");
    assert_eq!(
        found,
        [(line_of(&text, "(Aydın and Işık, 2019; Doğan"), "and".into())]
    );
    let chicago = fixture("chicago.txt");
    let text = edit(
        &chicago,
        "(Weiß and Großmann 2017)",
        "(Weiß & Großmann 2017)",
    );
    let found = only("chicago.txt", text.clone(), Style::Chicago, "citation-form");
    assert_eq!(
        found,
        [(line_of(&text, "(Weiß & Großmann 2017)"), "&".into())]
    );
    // Chicago has no comma between author and year.
    let text = edit(&chicago, "(Włoszczowska 2016)", "(Włoszczowska, 2016)");
    let found = only("chicago.txt", text.clone(), Style::Chicago, "citation-form");
    assert_eq!(found, at(&text, &["Włoszczowska, 2016"]));
}

#[test]
fn swapped_entries_are_out_of_order() {
    let apa = fixture("apa.txt");
    let harrow = paragraph(&apa, "Harrow, E. (2014).");
    let kowalski = paragraph(&apa, "Kowalski, P., Reyes, I., & Haldane, L. (2021).");
    let text = apa.replacen(
        &format!("{harrow}{kowalski}"),
        &format!("{kowalski}{harrow}"),
        1,
    );
    assert_ne!(text, apa);
    let found = only("apa.txt", text.clone(), Style::Apa, "reference-order");
    assert_eq!(found.len(), 1, "{found:?}");
    let line = found[0].0;
    assert!(
        line == line_of(&text, "Harrow, E. (2014).")
            || line == line_of(&text, "Kowalski, P., Reyes"),
        "{found:?}"
    );
}

#[test]
fn a_work_whose_only_citation_is_removed_is_not_cited() {
    let apa = fixture("apa.txt");
    let text = edit(&apa, " (McAllister, 2013)", "");
    assert_eq!(
        only("apa.txt", text.clone(), Style::Apa, "reference-not-cited"),
        at(&text, &["McAllister, F."])
    );
    let chicago = fixture("chicago.txt");
    let text = edit(&chicago, " (McAllister 2013)", "");
    assert_eq!(
        only(
            "chicago.txt",
            text.clone(),
            Style::Chicago,
            "reference-not-cited"
        ),
        at(&text, &["McAllister, Fiona"])
    );
}

#[test]
fn a_doi_not_written_as_a_doi_org_link_is_a_form_finding() {
    let apa = fixture("apa.txt");
    for broken in ["doi:10.", "http://dx.doi.org/10."] {
        let doi = format!("{broken}5555/le.2012.0301");
        let text = edit(&apa, "https://doi.org/10.5555/le.2012.0301", &doi);
        assert_eq!(
            only("apa.txt", text.clone(), Style::Apa, "reference-form"),
            at(&text, &[&doi])
        );
    }
    let chicago = fixture("chicago.txt");
    let text = edit(
        &chicago,
        "https://doi.org/10.5555/le.2012.0301.",
        "doi:10.5555/le.2012.0301.",
    );
    assert_eq!(
        only(
            "chicago.txt",
            text.clone(),
            Style::Chicago,
            "reference-form"
        ),
        at(&text, &["doi:10.5555/le.2012.0301"])
    );
}

/// The user's path: a galley.toml beside the manuscript sets the style, and the binary reports
/// nothing about citations in pandoc's Chicago output, while a declared APA 7 would.
#[test]
fn the_command_line_takes_the_chicago_style_from_galley_toml() {
    let dir = tempfile::tempdir().unwrap();
    let manuscript = dir.path().join("chicago.txt");
    std::fs::write(&manuscript, fixture("chicago.txt")).unwrap();
    let citation_rules = |config: bool| -> Vec<String> {
        let declared = if config {
            CHICAGO_CONFIG
        } else {
            "citation-style = \"apa7\"\n"
        };
        std::fs::write(dir.path().join("galley.toml"), declared).unwrap();
        let out = assert_cmd::Command::cargo_bin("galley")
            .expect("binary builds")
            .args(["check", "--format", "json", "--fail-on", "never"])
            .arg(&manuscript)
            .output()
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .filter(|r| r.starts_with("citation-") || r.starts_with("reference-"))
            .map(str::to_string)
            .collect()
    };
    assert!(citation_rules(false).contains(&"citation-form".to_string()));
    assert_eq!(citation_rules(true), Vec::<String>::new());
}
