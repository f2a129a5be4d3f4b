//! Properties that hold for any input: no panic, every span inside the text and on character
//! boundaries, line and column consistent with the span, the same findings for CRLF and LF, and
//! the same output run after run. Inputs are built from the pieces that have broken linters
//! before: multi-byte spaces and letters, curly quotes, citations, headings, keyword lines.

use galley::config::{RuleOverride, Settings, SourceText};
use galley::position::LineIndex;
use galley::rules::RuleSet;
use galley::source::{Format, read_text};
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

/// Every rule, including those off by default.
fn all_rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut settings = Settings::default();
        settings.overrides.push(RuleOverride {
            rule: "dictionary-spelling".into(),
            origin: SourceText {
                name: "test".into(),
                text: Arc::from(""),
            },
            rule_span: None,
            table_span: None,
            table: toml::from_str("enabled = true\npaths = [\"tests/fixtures/dictionaries\"]")
                .unwrap(),
        });
        RuleSet::build(&settings).expect("rules load")
    })
}

const PIECES: &[&str] = &[
    "The ",
    "the the ",
    "results ",
    "were ",
    "not abode by ",
    "higher then ",
    "(Smith, 2020)",
    "(Smith & Jones, 2019a; see Lee et al., 2021, p. 4)",
    "Smith (2020) ",
    "[1, 4-6]",
    "(NATO, 2016)",
    "North Atlantic Treaty Organization (NATO) ",
    "\u{a0}",
    "\u{200b}",
    "\u{ad}",
    "ı",
    "İ",
    "’",
    "‘‘",
    "’’",
    "“",
    "”",
    "\"",
    "'",
    "«",
    "»",
    "é",
    "ñ",
    "ü",
    "Ж",
    "а",
    "摘要",
    "😀",
    "e\u{301}",
    "\t",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    ". ",
    ", ",
    "; ",
    ": ",
    "-",
    " - ",
    " -x- ",
    "—",
    "–",
    "?",
    "!",
    "...",
    "…",
    "Abstract\n\n",
    "Öz: ",
    "Keywords: a, b, c.\n\n",
    "Anahtar kelimeler: x; y\n\n",
    "References\n\n",
    "Smith, J. (2020). A title. Journal, 1(2), 3-4. https://doi.org/10.1/x\n",
    "Goda. S. (2015). Title.\n",
    "1. Introduction\n\n",
    "# Heading\n\n",
    "## Sub\n",
    "- item\n",
    "> quote\n",
    "`code`",
    "```\ncode\n```\n",
    "$x$",
    "<!-- c -->",
    "[link](http://x.y)",
    "http://example.org/a b",
    "www.x.org",
    "a@b.cd",
    "TODO",
    "???",
    "Lorem ipsum",
    "e.g.",
    "i.e.,",
    "Fig.3",
    "(2. Baskı)",
    "June 1997",
    "NATO’s",
    "Nato",
    "decision-making ",
    "decision making ",
    "colour ",
    "color ",
    "That’s ",
    "a lot of ",
    "recieve ",
    "0",
    "1999",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "*",
    "_",
    "#",
];

fn manuscript() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

fn check(text: &str, format: Format) -> Vec<(String, std::ops::Range<usize>, String)> {
    let document = read_text("prop", format, text.to_string()).expect("decoded text always reads");
    let (_, diagnostics) = all_rules().lint(&document);
    let index = LineIndex::new(&document.text);
    for d in &diagnostics {
        for span in std::iter::once(&d.span)
            .chain(d.secondary.iter().map(|l| &l.span))
            .chain(d.fix.iter().map(|f| &f.span))
        {
            assert!(
                span.start <= span.end && span.end <= document.text.len(),
                "{}: span {span:?} outside the text",
                d.rule
            );
            assert!(
                document.text.is_char_boundary(span.start)
                    && document.text.is_char_boundary(span.end),
                "{}: span {span:?} splits a character",
                d.rule
            );
        }
        let (start, end) = index.range(&document.text, &d.span);
        assert!(start <= end, "{}: line/column run backwards", d.rule);
        let line_start = index.line_start(start.line);
        assert_eq!(
            document.text[line_start..d.span.start].chars().count() + 1,
            start.column
        );
    }
    diagnostics
        .into_iter()
        .map(|d| (d.rule, d.span, d.message))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_text_gives_spans_inside_it(text in manuscript()) {
        check(&text, Format::Text);
        check(&text, Format::Markdown);
    }

    #[test]
    fn any_unicode_is_handled(text in "\\PC{0,300}") {
        check(&text, Format::Text);
        check(&text, Format::Markdown);
    }

    #[test]
    fn crlf_and_lf_give_the_same_findings(text in manuscript()) {
        let lf = text.replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        let rules = |found: Vec<(String, std::ops::Range<usize>, String)>| found.into_iter().map(|(rule, _, message)| (rule, message)).collect::<Vec<_>>();
        prop_assert_eq!(rules(check(&lf, Format::Text)), rules(check(&crlf, Format::Text)));
    }

    #[test]
    fn runs_are_deterministic(text in manuscript()) {
        prop_assert_eq!(check(&text, Format::Markdown), check(&text, Format::Markdown));
    }
}
