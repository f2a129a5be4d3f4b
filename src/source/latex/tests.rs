//! Tests of the LaTeX reader: prose and its mapping, what never reaches prose, metadata,
//! citations, includes and hostile input.

use std::collections::HashMap;

use crate::source::{BlockKind, Document, Format, Loaded, Loader, read_text, read_text_with};

/// Files in memory, by name.
struct Files(HashMap<&'static str, &'static str>);

impl Loader for Files {
    fn load(&self, relative: &str) -> Result<Loaded, String> {
        self.0
            .get(relative)
            .map(|text| Loaded {
                name: format!("dir/{relative}"),
                identity: relative.to_string(),
                text: text.to_string(),
                legacy: None,
            })
            .ok_or_else(|| format!("cannot read `{relative}`: not found"))
    }
}

fn read(source: &str) -> Document {
    read_text("dir/main.tex", Format::Latex, source.into()).unwrap()
}

fn read_with(files: &[(&'static str, &'static str)]) -> Result<Document, String> {
    let loader = Files(files.iter().copied().collect());
    let main = files[0].1;
    read_text_with("dir/main.tex", Format::Latex, main.into(), &loader).map_err(|e| e.message)
}

fn prose(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect()
}

const ARTICLE: &str = r"\documentclass{article}
\usepackage[turkish,english]{babel}
\newcommand{\R}{\mathbb{R}} % real numbers
\title{Small Ponds and \emph{Their} Light}
\author{A. Writer}
\begin{document}
\maketitle
\begin{abstract}
Light reaches the bottom of small ponds~\cite{adams2019}.
\end{abstract}
\begin{otherlanguage}{turkish}
\begin{abstract}
Işık küçük göllerin dibine ulaşır.
\end{abstract}
\end{otherlanguage}
\keywords{ponds, light; algae}

\section{Introduction}\label{sec:intro}
Ponds are \textbf{shallow}, as \citet[p.~3]{adams2019} and \citep{baker2020,cole2021} showed:
the depth $d \in \R$ is small % a comment
and \(x^2\) too. See Figure~\ref{fig:one} and \url{http://example.org}.
We call it ``clear'' --- 10\% of them---and it's `odd'.

\subsection*{Method}
\begin{itemize}
  \item First item\footnote{A note with \cite{dunn2022}.}
  \item[b)] Second item
\end{itemize}
\begin{equation}
  E = mc^2 \label{eq:1}
\end{equation}
\begin{verbatim}
not prose at all
\end{verbatim}
\begin{figure}[h]
\includegraphics[width=3cm]{pond.png}
\caption{A pond at dawn.}
\end{figure}
\end{document}
Nothing after the end.
";

#[test]
fn title_abstracts_with_languages_and_keywords() {
    let doc = read(ARTICLE);
    let meta = &doc.metadata;
    let title = meta.title.as_ref().unwrap();
    assert_eq!(title.as_str(), "Small Ponds and Their Light");
    let at = title.as_str().find("Their").unwrap();
    assert_eq!(&ARTICLE[title.to_source(at..at + 5)], "Their");
    let abstracts: Vec<(Option<&str>, &str)> = meta
        .abstracts
        .iter()
        .map(|a| (a.language.as_deref(), a.text.as_str()))
        .collect();
    assert_eq!(
        abstracts,
        [
            (None, "Light reaches the bottom of small ponds \u{FFFC}."),
            (Some("tr"), "Işık küçük göllerin dibine ulaşır."),
        ]
    );
    assert_eq!(meta.language.as_deref(), Some("en"));
    let items: Vec<&str> = meta.keywords[0].items.iter().map(|i| i.as_str()).collect();
    assert_eq!(items, ["ponds", "light", "algae"]);
    assert_eq!(&ARTICLE[meta.keywords[0].key_span.clone()], "\\keywords");
    let light = &meta.keywords[0].items[1];
    assert_eq!(&ARTICLE[light.source_span()], "light");
}

#[test]
fn prose_blocks_have_no_commands_keys_labels_urls_or_math() {
    let doc = read(ARTICLE);
    let blocks = prose(&doc);
    assert_eq!(
        blocks,
        [
            (BlockKind::Heading(1), "Introduction"),
            (
                BlockKind::Paragraph,
                "Ponds are shallow, as \u{FFFC} and \u{FFFC} showed: the depth \u{FFFC} is small and \u{FFFC} too. See Figure \u{FFFC} and \u{FFFC}. We call it “clear” — 10% of them—and it's ‘odd'."
            ),
            (BlockKind::Heading(2), "Method"),
            (BlockKind::Footnote, "A note with \u{FFFC}."),
            (BlockKind::ListItem, "First item"),
            (BlockKind::ListItem, "Second item"),
            (BlockKind::Paragraph, "\u{FFFC}"),
            (BlockKind::Caption, "A pond at dawn."),
        ]
        .into_iter()
        .filter(|(_, t)| t.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
    );
    for block in &doc.blocks {
        let text = block.text.as_str();
        for banned in [
            "\\",
            "adams",
            "sec:",
            "fig:",
            "eq:",
            "example.org",
            "mc^2",
            "not prose",
            "pond.png",
            "width",
            "comment",
            "Nothing after",
            "{",
            "}",
            "$",
        ] {
            assert!(!text.contains(banned), "{banned:?} in {text:?}");
        }
    }
}

#[test]
fn spans_map_back_to_the_source() {
    let doc = read(ARTICLE);
    let para = &doc.blocks[1].text;
    for word in ["shallow", "small", "showed:", "too.", "clear", "10", "odd"] {
        let at = para.as_str().find(word).unwrap();
        assert_eq!(&ARTICLE[para.to_source(at..at + word.len())], word);
    }
    let percent = para.as_str().find('%').unwrap();
    assert_eq!(&ARTICLE[para.to_source(percent..percent + 1)], "%");
    let item = &doc.blocks[4].text;
    assert_eq!(&ARTICLE[item.source_span()], "First item");
}

#[test]
fn citations_are_keyed_with_the_span_of_the_command() {
    let doc = read(ARTICLE);
    let cites: Vec<(Vec<&str>, &str)> = doc
        .metadata
        .citations
        .iter()
        .map(|c| {
            (
                c.keys.iter().map(String::as_str).collect(),
                &ARTICLE[c.span.clone()],
            )
        })
        .collect();
    assert_eq!(
        cites,
        [
            (vec!["adams2019"], "\\cite{adams2019}"),
            (vec!["adams2019"], "\\citet[p.~3]{adams2019}"),
            (vec!["baker2020", "cole2021"], "\\citep{baker2020,cole2021}"),
            (vec!["dunn2022"], "\\cite{dunn2022}"),
        ]
    );
    let doc = read(
        "\\begin{document}\nAs \\textcite[see][12]{a} and \\autocites(x)(y)[1]{b}[2]{c,d} said \\parencite*{e}.\n\\end{document}",
    );
    let keys: Vec<Vec<String>> = doc
        .metadata
        .citations
        .iter()
        .map(|c| c.keys.clone())
        .collect();
    assert_eq!(keys, [vec!["a"], vec!["b", "c", "d"], vec!["e"]]);
    assert_eq!(
        doc.blocks[0].text.as_str(),
        "As \u{FFFC} and \u{FFFC} said \u{FFFC}."
    );
}

#[test]
fn comments_escapes_and_paragraphs() {
    let source = "\\begin{document}\nOne line % a comment with \\cite{x}\ncontinues here.\n% a whole comment line\n\nSecond 50\\% paragraph.%\n  Glued.\n\\end{document}\n";
    let doc = read(source);
    assert_eq!(
        prose(&doc),
        [
            (BlockKind::Paragraph, "One line continues here."),
            (BlockKind::Paragraph, "Second 50% paragraph.Glued."),
        ]
    );
    assert!(doc.metadata.citations.is_empty());
}

#[test]
fn a_fragment_without_document_environment_is_all_body() {
    let doc = read("\\section{Results}\nThe values were higher then expected.\n");
    assert_eq!(
        prose(&doc),
        [
            (BlockKind::Heading(1), "Results"),
            (
                BlockKind::Paragraph,
                "The values were higher then expected."
            ),
        ]
    );
}

#[test]
fn chapters_make_sections_second_level_and_accents_compose() {
    let doc = read(
        "\\documentclass{report}\n\\usepackage[main=turkish,english]{babel}\n\\begin{document}\n\\chapter{Giri\\c{s}}\n\\section*{Ama\\c c}\nT\\\"{u}rk\\'e \\i{}\n\\end{document}",
    );
    assert_eq!(
        prose(&doc),
        [
            (BlockKind::Heading(1), "Giriş"),
            (BlockKind::Heading(2), "Amaç"),
            (BlockKind::Paragraph, "Türké ı"),
        ]
    );
    assert_eq!(doc.metadata.language.as_deref(), Some("tr"));
}

#[test]
fn turkish_abstract_environments_and_keyword_environments() {
    let doc = read(
        "\\begin{document}\n\\begin{ozet}\nBu çalışma göletleri inceler.\n\\end{ozet}\n\\begin{anahtarkelimeler}\ngölet, ışık\n\\end{anahtarkelimeler}\n\\selectlanguage{english}\n\\begin{abstract}\nThis study looks at ponds.\n\\end{abstract}\n\\begin{keywords}\nponds \\sep light\n\\end{keywords}\n\\end{document}",
    );
    let abstracts: Vec<(Option<&str>, &str)> = doc
        .metadata
        .abstracts
        .iter()
        .map(|a| (a.language.as_deref(), a.text.as_str()))
        .collect();
    assert_eq!(
        abstracts,
        [
            (Some("tr"), "Bu çalışma göletleri inceler."),
            (Some("en"), "This study looks at ponds."),
        ]
    );
    let keywords: Vec<(Option<&str>, Vec<&str>)> = doc
        .metadata
        .keywords
        .iter()
        .map(|k| {
            (
                k.language.as_deref(),
                k.items.iter().map(|i| i.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        keywords,
        [
            (Some("tr"), vec!["gölet", "ışık"]),
            (Some("en"), vec!["ponds", "light"]),
        ]
    );
    assert!(doc.blocks.is_empty());
}

#[test]
fn thebibliography_gives_keyed_entries() {
    let doc = read(
        "\\begin{document}\nText \\cite{a}.\n\\begin{thebibliography}{9}\n\\bibitem{a} Adams, P. (2019). \\emph{Light}. Water.\n\\bibitem[B20]{b} Baker, L. (2020).\n  Plants.\n\\end{thebibliography}\n\\end{document}",
    );
    let refs: Vec<(Option<&str>, &str)> = doc
        .metadata
        .references
        .iter()
        .map(|r| (r.key.as_deref(), r.text.as_str()))
        .collect();
    assert_eq!(
        refs,
        [
            (Some("a"), "Adams, P. (2019). Light. Water."),
            (Some("b"), "Baker, L. (2020). Plants."),
        ]
    );
    assert_eq!(prose(&doc), [(BlockKind::Paragraph, "Text \u{FFFC}.")]);
}

#[test]
fn included_files_become_parts_and_map_into_them() {
    let doc = read_with(&[
        ("main.tex", "\\begin{document}\nFirst part.\n\n\\input{methods}\n\nLast part.\n\\bibliography{refs}\n\\end{document}\n"),
        ("methods.tex", "\\section{Methods}\nValues were higher then expected.\n"),
        ("refs.bib", "@article{adams2019, author = {Adams, Paula}, title = {Light}, journal = {Water}, year = {2019}}\n"),
    ])
    .unwrap();
    let names: Vec<&str> = doc.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["dir/main.tex", "dir/methods.tex", "dir/refs.bib"]);
    assert_eq!(
        prose(&doc),
        [
            (BlockKind::Paragraph, "First part."),
            (BlockKind::Heading(1), "Methods"),
            (BlockKind::Paragraph, "Values were higher then expected."),
            (BlockKind::Paragraph, "Last part."),
        ]
    );
    let para = &doc.blocks[2].text;
    let at = para.as_str().find("then").unwrap();
    let span = para.to_source(at..at + 4);
    assert_eq!(&doc.text[span.clone()], "then");
    let (part, local) = crate::source::FilePart::locate_span(&doc.parts, &span);
    assert_eq!(part, 1);
    assert_eq!(
        &"\\section{Methods}\nValues were higher then expected.\n"[local],
        "then"
    );
    let entry = &doc.metadata.references[0];
    assert_eq!(entry.key.as_deref(), Some("adams2019"));
    assert_eq!(
        crate::source::FilePart::locate(&doc.parts, entry.text.source_span().start).0,
        2
    );
}

#[test]
fn a_missing_bib_is_a_warning_unless_tex_ships_it() {
    let main =
        "Text \\cite{a}.\n\\bibliographystyle{IEEEtran}\n\\bibliography{IEEEabrv,refs,gone}\n";
    let refs =
        "@article{a, author = {Adams, A.}, title = {Ponds}, journal = {Water}, year = {2019}}\n";
    let doc = read_with(&[("main.tex", main), ("refs.bib", refs)]).unwrap();
    // `IEEEabrv.bib` comes with IEEEtran in every TeX distribution; `gone.bib` is missing.
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(doc.warnings[0].1.contains("gone.bib"));
    let unread: Vec<&str> = doc
        .metadata
        .unread_bibliographies
        .iter()
        .map(|(file, _)| file.as_str())
        .collect();
    assert_eq!(unread, ["gone.bib"]);
    assert_eq!(doc.metadata.references.len(), 1);
}

#[test]
fn a_missing_include_is_a_warning_and_a_cycle_an_error() {
    let doc = read_with(&[("main.tex", "Text \\input{gone} more.\n")]).unwrap();
    assert_eq!(doc.warnings.len(), 1);
    assert!(doc.warnings[0].1.contains("gone.tex"));
    let error = read_with(&[
        ("main.tex", "\\input{a}\n"),
        ("a.tex", "A \\input{b}\n"),
        ("b.tex", "B \\input{a}\n"),
    ])
    .unwrap_err();
    assert!(error.contains("cycle"), "{error}");
    let error = read_with(&[("main.tex", "\\input{main}\n")]).unwrap_err();
    assert!(error.contains("cycle"), "{error}");
    // Each file includes the next twice: bounded by the file limit, not exponential.
    let files: Vec<(&'static str, &'static str)> = vec![
        ("main.tex", "\\input{a}\\input{a}"),
        ("a.tex", "\\input{b}\\input{b}"),
        ("b.tex", "\\input{c}\\input{c}"),
        ("c.tex", "\\input{d}\\input{d}"),
        ("d.tex", "\\input{e}\\input{e}"),
        ("e.tex", "\\input{f}\\input{f}"),
        ("f.tex", "\\input{g}\\input{g}"),
        ("g.tex", "\\input{h}\\input{h}"),
        ("h.tex", "\\input{i}\\input{i}"),
        ("i.tex", "\\input{j}\\input{j}"),
        ("j.tex", "Leaf text."),
    ];
    let doc = read_with(&files).unwrap();
    assert!(doc.parts.len() <= 501);
    assert!(!doc.warnings.is_empty());
    // Deeper than the limit is an error.
    let chain: Vec<(&'static str, &'static str)> = (0..20)
        .map(|i| {
            let name: &'static str = if i == 0 {
                "main.tex"
            } else {
                Box::leak(format!("f{i}.tex").into_boxed_str())
            };
            let body: &'static str = Box::leak(format!("\\input{{f{}}}", i + 1).into_boxed_str());
            (name, body)
        })
        .collect();
    let error = read_with(&chain).unwrap_err();
    assert!(error.contains("nests more than 16"), "{error}");
}

#[test]
fn hostile_input_never_panics() {
    let nested = format!(
        "\\begin{{document}}\n{}text{}\n",
        "{".repeat(10_000),
        "}".repeat(10_000)
    );
    let doc = read(&nested);
    assert_eq!(doc.blocks[0].text.as_str(), "text");
    let nested_emph = format!("{}x{}", "\\emph{".repeat(10_000), "}".repeat(10_000));
    assert_eq!(read(&nested_emph).blocks[0].text.as_str(), "x");
    let nested_sections = format!("{}x", "\\section{\\footnote{".repeat(5_000));
    let _ = read(&nested_sections);
    for hostile in [
        "}}}}{{{{",
        "\\",
        "\\begin{document",
        "\\begin{equation} no end",
        "$ unclosed math\n\nnext",
        "\\verb",
        "\\verb|",
        "\\cite{",
        "\\cite[",
        "\\section",
        "\\item\\item\\end{itemize}",
        "\\end{document}\\end{document}",
        "\\begin{abstract}\\begin{abstract}x\\end{abstract}",
        "\\'",
        "\\c",
        "\\\"{}",
        "é\\'{é}ü\\^",
        "\\input",
        "\\input{",
        "\\bibitem{x}",
        "\\begin{thebibliography}\\bibitem{x} y",
        "\\keywords{a,b",
        "%",
        "\\%\\",
        "--- `` '' ` '",
    ] {
        let _ = read(hostile);
    }
    let many = "\\foo{".repeat(50_000) + &"\\begin{equation}".repeat(20_000);
    let started = std::time::Instant::now();
    let _ = read(&many);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn every_slice_of_the_article_reads() {
    let step = 7;
    for start in (0..ARTICLE.len()).step_by(step) {
        for end in (start..=ARTICLE.len()).step_by(step * 5) {
            if ARTICLE.is_char_boundary(start) && ARTICLE.is_char_boundary(end) {
                let _ = read(&ARTICLE[start..end]);
            }
        }
    }
}

/// Documents made of random LaTeX tokens: none panics, and every block maps inside the text.
#[test]
fn token_soup_never_panics() {
    const TOKENS: &[&str] = &[
        "\\begin{document}",
        "\\end{document}",
        "\\section{",
        "\\footnote{",
        "\\cite{",
        "\\citep[",
        "]",
        "{",
        "}",
        "[",
        "$",
        "$$",
        "\\(",
        "\\)",
        "\\[",
        "\\]",
        "%",
        "\n",
        "\n\n",
        " ",
        "~",
        "--",
        "``",
        "''",
        "'",
        "`",
        "\\\\",
        "\\",
        "\\emph{",
        "\\label{",
        "\\begin{abstract}",
        "\\end{abstract}",
        "\\begin{itemize}",
        "\\item",
        "\\end{itemize}",
        "\\begin{equation}",
        "\\end{equation}",
        "\\verb|",
        "|",
        "\\keywords{",
        ",",
        "\\title{",
        "\\'",
        "\\c",
        "é",
        "ı",
        "word",
        "text.",
        "\\begin{thebibliography}{9}",
        "\\bibitem{",
        "\\input{x}",
        "\\begin{otherlanguage}{turkish}",
        "\\end{otherlanguage}",
        "\\selectlanguage{",
        "\\newcommand{\\x}[1]{",
        "#1",
        "&",
        "\\%",
        "\\unknown",
        "\\enquote{",
        "\\href{u}{",
        "\\é",
        "\\ı",
        "\\verb",
        "\\url{",
        "\\caption{",
        "\\bibliography{r}",
        "\\sep",
        "\\foreignlanguage{turkish}{",
        "\\mintinline{py}{",
        "\\begin{minted}{py}",
        "\\\"",
    ];
    let mut seed: u64 = 0x3545_F491_4F6C_DD1D;
    for _ in 0..3000 {
        let mut doc = String::new();
        for _ in 0..120 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            doc.push_str(TOKENS[(seed >> 33) as usize % TOKENS.len()]);
        }
        let read = read(&doc);
        for block in &read.blocks {
            let span = block.text.source_span();
            assert!(span.end <= read.text.len(), "{doc:?}");
            assert!(read.text.is_char_boundary(span.start) && read.text.is_char_boundary(span.end));
        }
    }
}

#[test]
fn a_chapter_in_an_included_file_is_the_top_level() {
    let doc = read_with(&[
        (
            "main.tex",
            "\\documentclass{itutez}\n\\begin{document}\n\\input{ch1}\n\\end{document}\n",
        ),
        (
            "ch1.tex",
            "\\chapter{Giriş}\nMetin.\n\\section{Amaç}\n\\subsection{Kapsam}\n",
        ),
    ])
    .unwrap();
    let levels: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        levels,
        [
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::Heading(2),
            BlockKind::Heading(3)
        ]
    );
}

#[test]
fn import_and_subimport_read_files_in_the_folders_they_name() {
    let doc = read_with(&[
        (
            "main.tex",
            "\\begin{document}\n\\import{chapters/}{one.tex}\n\\inputfrom{./chapters/}{three}\n\\end{document}\n",
        ),
        (
            "chapters/one.tex",
            "First chapter.\n\n\\subimport{parts/}{two.tex}\n\n\\input{four}\n",
        ),
        ("chapters/parts/two.tex", "Second part."),
        ("chapters/three.tex", "Third file."),
        ("chapters/four.tex", "Fourth, found in the import folder."),
    ])
    .unwrap();
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "First chapter.",
            "Second part.",
            "Fourth, found in the import folder.",
            "Third file."
        ],
        "{:?}",
        doc.warnings
    );
    let names: Vec<&str> = doc.parts.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"dir/chapters/parts/two.tex"), "{names:?}");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn path_joining_resolves_dot_steps() {
    assert_eq!(super::join_path("", "intro"), "intro.tex");
    assert_eq!(super::join_path("sections/", "a.tex"), "sections/a.tex");
    assert_eq!(super::join_path("sections/sub/", "../b"), "sections/b.tex");
    assert_eq!(super::join_folder("", "./parts"), "parts/");
    assert_eq!(super::join_folder("sections/", "parts/"), "sections/parts/");
    assert_eq!(super::folder_of("sections/a.tex"), "sections/");
}

const THESIS: &str = "\\documentclass{book}
\\begin{document}
\\chapter*{ÖZET}
Bu çalışmada küçük göletlerin çevrelerindeki tarlaları nasıl etkilediği incelenmiştir.

\\textbf{Anahtar Kelimeler:} göletler, tarlalar, böcekler

\\chapter*{Abstract}
This study looks at how small ponds change the fields around them.

Fields near a pond kept more insects.
\\tableofcontents
Text after the contents is not the abstract.
\\chapter{Introduction}
Ponds are old.
\\section{Summary}
A closing summary is a section of the body.
\\end{document}
";

#[test]
fn headings_that_name_an_abstract_open_one_until_the_next_break() {
    let doc = read(THESIS);
    let abstracts: Vec<(Option<&str>, &str)> = doc
        .metadata
        .abstracts
        .iter()
        .map(|a| (a.language.as_deref(), a.text.as_str()))
        .collect();
    assert_eq!(
        abstracts,
        [
            (
                Some("tr"),
                "Bu çalışmada küçük göletlerin çevrelerindeki tarlaları nasıl etkilediği incelenmiştir."
            ),
            (
                None,
                "This study looks at how small ponds change the fields around them.\nFields near a pond kept more insects."
            ),
        ]
    );
    let keywords = &doc.metadata.keywords;
    assert_eq!(keywords.len(), 1);
    let items: Vec<&str> = keywords[0].items.iter().map(|i| i.as_str()).collect();
    assert_eq!(items, ["göletler", "tarlalar", "böcekler"]);
    assert_eq!(&THESIS[keywords[0].key_span.clone()], "Anahtar Kelimeler");
    let blocks = prose(&doc);
    assert_eq!(
        blocks,
        [
            (
                BlockKind::Paragraph,
                "Text after the contents is not the abstract."
            ),
            (BlockKind::Heading(1), "Introduction"),
            (BlockKind::Paragraph, "Ponds are old."),
            (BlockKind::Heading(2), "Summary"),
            (
                BlockKind::Paragraph,
                "A closing summary is a section of the body."
            ),
        ]
    );
}

#[test]
fn abstract_environments_take_their_language_from_their_name_option_or_inner_language() {
    let doc = read(
        "\\begin{document}
\\begin{resumo}
Este estudo olha para os açudes.
\\end{resumo}
\\begin{resumo}[Abstract]
\\begin{otherlanguage*}{english}
This study looks at ponds.

\\noindent\\textbf{Keywords}: ponds. fields. insects.
\\end{otherlanguage*}
\\end{resumo}
\\begin{zusammenfassung}
Diese Arbeit betrachtet Teiche.
\\end{zusammenfassung}
\\begin{abstract}[Resumen]
Este trabajo estudia los estanques.
\\end{abstract}
\\end{document}",
    );
    let abstracts: Vec<Option<&str>> = doc
        .metadata
        .abstracts
        .iter()
        .map(|a| a.language.as_deref())
        .collect();
    assert_eq!(abstracts, [Some("pt"), Some("en"), Some("de"), Some("es")]);
    assert_eq!(
        doc.metadata.abstracts[1].text.as_str(),
        "This study looks at ponds."
    );
    let items: Vec<&str> = doc.metadata.keywords[0]
        .items
        .iter()
        .map(|i| i.as_str())
        .collect();
    assert_eq!(items, ["ponds", "fields", "insects"]);
}

#[test]
fn a_run_in_item_label_inside_an_abstract_is_a_keyword_list_in_its_items_language() {
    let doc = read(
        "\\begin{document}
\\begin{abstract}
This study looks at how small ponds change the fields around them over two summers.

  \\item[\\hskip\\labelsep\\bfseries\\itshape Palavras-chave.]\\itshape{
  software engineering; human computer interaction; mobile phones; personal assistants.}
\\end{abstract}
\\end{document}",
    );
    assert_eq!(doc.metadata.abstracts.len(), 1);
    assert!(
        !doc.metadata.abstracts[0].text.as_str().contains("Palavras"),
        "{}",
        doc.metadata.abstracts[0].text.as_str()
    );
    let list = &doc.metadata.keywords[0];
    let items: Vec<&str> = list.items.iter().map(|i| i.as_str()).collect();
    assert_eq!(
        items,
        [
            "software engineering",
            "human computer interaction",
            "mobile phones",
            "personal assistants"
        ]
    );
    // The label is Portuguese, the items are not: the language is left to the items (or to
    // the abstract they stand in), never taken from the label.
    assert_ne!(list.language.as_deref(), Some("pt"));
}

#[test]
fn keyword_commands_are_named_after_the_heading_words_of_each_language() {
    let doc = read(
        "\\palavraschave{açudes, campos}
\\schluesselwoerter{Teiche; Felder}
\\keywordsen{ponds, fields}
\\begin{IEEEkeywords}
ponds, light
\\end{IEEEkeywords}
",
    );
    let lists: Vec<(Option<&str>, usize)> = doc
        .metadata
        .keywords
        .iter()
        .map(|k| (k.language.as_deref(), k.items.len()))
        .collect();
    assert_eq!(
        lists,
        [(Some("pt"), 2), (Some("de"), 2), (Some("en"), 2), (None, 2)]
    );
}

#[test]
fn a_legacy_encoded_bib_is_read_with_one_note() {
    struct Legacy;
    impl Loader for Legacy {
        fn load(&self, relative: &str) -> Result<Loaded, String> {
            match relative {
                "refs.bib" => Ok(Loaded {
                    name: "dir/refs.bib".into(),
                    identity: "refs.bib".into(),
                    text: "@book{dunn2018, author = {Dunn, Renée}, title = {Cafés}, year = {2018}}"
                        .into(),
                    legacy: Some("windows-1252"),
                }),
                _ => Err(format!("cannot read `{relative}`")),
            }
        }
    }
    let main = "\\begin{document}\nText \\cite{dunn2018}.\n\\bibliography{refs}\n\\end{document}\n";
    let doc = read_text_with("dir/main.tex", Format::Latex, main.into(), &Legacy).unwrap();
    assert_eq!(doc.metadata.references.len(), 1);
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.notes[0].rule, "file-encoding");
    assert!(doc.notes[0].message.contains("dir/refs.bib"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}
