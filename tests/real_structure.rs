//! Structure read right on small manuscripts of the kinds the real corpus holds: an MDPI R
//! Markdown template, a ReScience C article, an abstract `\input` twice, a numbered list whose last
//! entry has a long title, a JATS letter with its reply, an ABNT list and a reference list with a
//! figure in it, both as PDF extraction leaves them.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn outline(path: &Path) -> Value {
    let out = Command::cargo_bin("galley")
        .unwrap()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("outline is JSON")
}

/// Writes the files into a new folder and returns the outline of the first.
fn outline_of(files: &[(&str, &str)]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    outline(&dir.path().join(files[0].0))
}

fn references(outline: &Value) -> Vec<String> {
    outline["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_mdpi_rmd_abstract_computed_at_knit_time_is_no_abstract_and_keywords_split_outside_brackets() {
    let outline = outline_of(&[(
        "paper.Rmd",
        "---\ntitle: Ponds\njournal: psych\nsimplesummary: |\n  A Simple summary goes here.\n\
         abstract: \"`r readr::read_file('abstract.Rmd')`\"\n\
         keywords: |\n  ponds; algae; light (three to ten keywords, each specific).\n---\n\n\
         # Introduction\n\nPonds hold water and algae.\n",
    )]);
    assert_eq!(
        outline["abstracts"].as_array().unwrap().len(),
        0,
        "{outline:#}"
    );
    let items = outline["keywords"][0]["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[2].as_str().unwrap().starts_with("light (three"));
}

#[test]
fn a_rescience_article_reads_the_bibliography_its_metadata_names() {
    let outline = outline_of(&[
        (
            "article.tex",
            "\\documentclass{rescience}\n\\begin{document}\n\\section{Introduction}\n\
             Ponds dry out \\citep{lee2020}.\n\\printbibliography\n\\end{document}\n",
        ),
        (
            "metadata.tex",
            "\\def \\articleTITLE{[Re] Ponds}\n\\def \\articleBIBLIOGRAPHY{ponds.bib}\n",
        ),
        (
            "ponds.bib",
            "@article{lee2020, author = {Lee, Ann}, title = {Dry ponds}, journal = {Water}, year = {2020}}\n",
        ),
    ]);
    assert_eq!(references(&outline).len(), 1, "{outline:#}");
    // Another class reads no metadata.tex.
    let other = outline_of(&[
        (
            "article.tex",
            "\\documentclass{article}\n\\begin{document}\nPonds \\citep{lee2020}.\n\\end{document}\n",
        ),
        ("metadata.tex", "\\def \\articleBIBLIOGRAPHY{ponds.bib}\n"),
        (
            "ponds.bib",
            "@article{lee2020, author = {Lee, Ann}, year = {2020}}\n",
        ),
    ]);
    assert_eq!(references(&other).len(), 0);
}

#[test]
fn an_abstract_input_twice_is_one_abstract() {
    let abstract_text = "\\textbf{Abstract.} We place neurons at random on a manifold and let \
                         the map organise itself; the map keeps its topology when neurons are \
                         removed or added, as the spectral analysis shows.\\par\n";
    let outline = outline_of(&[
        (
            "main.tex",
            "\\documentclass{article}\n\\begin{document}\n\\input{abstract}\n\
             \\section{Introduction}\nMaps organise themselves.\n\\appendix\n\
             \\section{Supplementary material}\n\\input{abstract}\n\\end{document}\n",
        ),
        ("abstract.tex", abstract_text),
    ]);
    assert_eq!(
        outline["abstracts"].as_array().unwrap().len(),
        1,
        "{outline:#}"
    );
}

#[test]
fn a_numbered_entry_whose_year_comes_late_is_still_in_the_list() {
    let long_title = "Trends in nurse-administered procedural sedation and analgesia across \
                      cardiac catheterisation laboratories in australia and new zealand: results \
                      of an electronic survey";
    let text = format!(
        "Ponds\n\nPonds hold water (1, 2, 3).\n\nReferences\n\n\
         1. Lee A, Park B. Dry ponds. Water 2019; 3: 1-9.\n\n\
         2. Kim C, Cho D. Wet ponds. Water 2020; 4: 2-8.\n\n\
         3. Conway A, Rolley J, Page K, Fulbrook P. {long_title}. Australian Critical Care 2014; 27: 4-10.\n"
    );
    let outline = outline_of(&[("ponds.txt", &text)]);
    assert_eq!(references(&outline).len(), 3, "{outline:#}");
    assert!(outline["trailing"].as_array().unwrap().is_empty());
}

const LETTER: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="letter" xml:lang="en">
<front><article-meta><title-group><article-title>Ponds in winter</article-title></title-group></article-meta></front>
<body><p>Ponds freeze <xref ref-type="bibr" rid="B1">1</xref>, and thaw <xref ref-type="bibr" rid="B3">2</xref>.</p></body>
<back><ref-list><title>References</title>
<ref id="B1"><mixed-citation>1. Lee A. Frozen ponds. Water. 2019;3:1-9.</mixed-citation></ref>
</ref-list></back>
<sub-article article-type="reply" id="s1" xml:lang="en">
<front-stub><title-group><article-title>Reply</article-title></title-group></front-stub>
<body><p>We thank the authors <xref ref-type="bibr" rid="B2">1</xref> and <xref ref-type="bibr" rid="B1">2</xref>.</p></body>
<back><ref-list><title>References</title>
<ref id="B2"><mixed-citation>1. Kim C. Thawing ponds. Water. 2020;4:2-8.</mixed-citation></ref>
<ref id="B3"><mixed-citation>2. Cho D. Ice on ponds. Water. 2021;5:3-7.</mixed-citation></ref>
</ref-list></back>
</sub-article>
</article>
"#;

#[test]
fn a_letters_reply_is_read_with_its_own_reference_list() {
    let outline = outline_of(&[("letter.xml", LETTER)]);
    assert_eq!(outline["title"]["text"], "Ponds in winter", "{outline:#}");
    assert_eq!(references(&outline).len(), 3, "{outline:#}");
    let headings: Vec<&str> = outline["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert!(headings.contains(&"Reply"), "{headings:?}");
    // A citation that points into the other document's list is not in its reference list.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.xml");
    std::fs::write(&path, LETTER).unwrap();
    let out = Command::cargo_bin("galley")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let missing: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "citation-not-in-references")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing[0].contains("“B3”"), "{missing:?}");
    assert!(missing[1].contains("“s1/B1”"), "{missing:?}");
    // A reply in a research article (an author response to a decision letter) is not read.
    let article = LETTER.replace(
        "article-type=\"letter\"",
        "article-type=\"research-article\"",
    );
    let outline = outline_of(&[("article.xml", &article)]);
    assert_eq!(references(&outline).len(), 1, "{outline:#}");
}

#[test]
fn abnt_entries_wrapped_by_a_pdf_extraction_are_not_split_at_their_journal_lines() {
    let text = "Conclusão\n\nOs deputados mudam de posição ao longo do tempo.\n\nBibliografia\n\
        ABRANCHES, S. H. H. D. Presidencialismo de coalizão: o dilema institucional brasileiro.\n\
        Revista de Ciências Sociais, v. 31, n. 1, p. 5–34, 1988.\n\
        AMES, B. Os entraves da democracia no Brasil. [S.l.: s.n.], 2003.\n\
        Câmara dos Deputados. Dados Abertos. 2015. Disponível em:\n\
        <http://www2.camara.leg.br/transparencia/dados-abertos>.\n\
        CHEIBUB, J. A.; FIGUEIREDO, A.; LIMONGI, F. Partidos políticos e governadores\n\
        como determinantes do comportamento legislativo na câmara dos deputados.\n\
        DADOS - Revista de Ciências Sociais, v. 52, n. 2, p. 263–299, 2009.\n\
        MAINWARING, S. P. Sistemas partidários em novas democracias: o caso do Brasil. 1. ed.\n\
        Porto Alegre: [s.n.], 2001.\n\
        POOLE, K. T.; ROSENTHAL, H. A Spatial Model for Legislative Roll Call Analysis.\n\
        American Journal of Political Science, v. 29, n. 2, p. 357–384, 1985.\n\
        Python Software Foundation. Python. 2014. Disponível em: <http://python.org>.\n\
        ZUCCO, C. Ideology or What? Legislative Behavior in Multiparty Presidential Settings.\n\
        The Journal of Politics, v. 71, n. 03, p. 1076, 2009.\n";
    let outline = outline_of(&[("tese.txt", text)]);
    let entries = references(&outline);
    assert_eq!(entries.len(), 8, "{entries:#?}");
    assert!(entries[0].ends_with("p. 5–34, 1988."), "{entries:#?}");
    assert!(
        entries[2].starts_with("Câmara dos Deputados"),
        "{entries:#?}"
    );
}

#[test]
fn a_figure_and_detached_numbers_in_a_pdf_reference_list_are_not_entries() {
    let entry = |n: usize| {
        format!(
            "A. B. Author{n}. “A title about insect phenology number {n}.” In: Journal of \
             Ecology {n}.1 (2019), pp. 1–9.\n"
        )
    };
    let mut text = String::from(
        "Insect phenology\n\n1 Introduction\n\nPhenology models predict when insects appear \
         [1, 2, 3, 4].\n\nReferences\n1.\n\n2.\n\n",
    );
    text += &entry(1);
    text += &entry(2);
    text += "\n1.0\n\nKemp et al. 1986\nReplication\n\n0.8\n\n0.6\n0.4\n\nProportion in stage\n\n\
             Time (degree-days)\n\nFigure 2. Proportion of insects expected in each stage.\n\n\
             3.\n\n4.\n\n";
    text += &entry(3);
    text += "P.-C. Bürkner and M. Vuorre. “Ordinal Regression Models in Psychology.” In: \
             Advances 2.1 (2019), pp. 77–101.\n\n\
             A Appendix: Sensitivity of the optimisation\n\nThe optimisation was robust for \
             the logit link model across the simulations we ran.\n";
    let outline = outline_of(&[("phenology.txt", &text)]);
    let entries = references(&outline);
    assert_eq!(entries.len(), 4, "{entries:#?}");
    assert!(entries[3].starts_with("P.-C. Bürkner"), "{entries:#?}");
}
