//! Which citation style a manuscript follows, inferred from how its reference entries and its
//! in-text citations are written, so that form and order rules judge a manuscript by its own
//! style instead of assuming APA 7.
//!
//! Each entry and each citation casts the votes its form allows: a year in parentheses after the
//! authors and a period after it ("Adams, P. (2019). Title.") is APA; without the period
//! ("Hall, A. (2019) Title") Cite Them Right's Harvard; a year standing as a sentence after the
//! names ("Blanshard, Alastair. 2006. Title.") Chicago author-date; surnames in capitals
//! ("FREIRE, Paulo.", "(FREIRE, 1987)") and "Disponível em:" ABNT; numbered entries and numeric
//! citations Vancouver ("1. Adams P.") or IEEE ("[1] P. Adams,"). A style is inferred only when
//! enough votes agree and the citations do not contradict the entries; otherwise it is unknown,
//! and the style-specific rules stay quiet. This module decides nothing else and words no
//! diagnostic.

use super::intext::{Citation, Conjunction, Form, LocatorForm};
use super::numeric::NumericCitation;
use super::reference::{Joiner, Reference};

/// The style a manuscript was found to follow, with what was seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleInference {
    /// The id of the style inferred with confidence ("apa7", "abnt", "ieee" …); `None` when the
    /// evidence is too thin or contradicts itself.
    pub style: Option<&'static str>,
    /// What the decision rests on, one short sentence each.
    pub evidence: Vec<String>,
}

/// How many agreeing votes a decision needs at least.
const MIN_VOTES: usize = 3;

/// The share of the votes on one question the winning answer must hold.
const MAJORITY: f64 = 0.7;

/// One reference entry as the inference reads it: its text and its author-date reading, with
/// spans into that text.
pub struct EntryForm<'a> {
    pub text: &'a str,
    pub parsed: &'a Reference,
}

/// Votes counted over the entries.
#[derive(Debug, Default)]
struct EntryVotes {
    entries: usize,
    /// "(2019)." after the authors.
    paren_year_period: usize,
    /// "(2019) Title" after the authors.
    paren_year_bare: usize,
    /// "Names. 2019. Title."
    year_after_names: usize,
    /// "FREIRE, Paulo." / "BRASIL. Ministério".
    caps_author: usize,
    /// "Disponível em:", "Acesso em:".
    abnt_access: usize,
    /// "1. " / "[1] " before the entry.
    numbered: usize,
    bracket_numbered: usize,
    ampersand: usize,
    /// "doi:10." (APA 6).
    apa6_links: usize,
    /// "https://doi.org/10." (APA 7).
    doi_org: usize,
}

/// Votes counted over the in-text citations.
#[derive(Debug, Default)]
struct CitationVotes {
    comma: usize,
    no_comma: usize,
    ampersand_in_parentheses: usize,
    and_in_parentheses: usize,
    /// Parenthetical works cited by a surname in capitals: "(FREIRE, 1987)".
    caps_author: usize,
    /// "p." before a page range: "(FREIRE, 1987, p. 149-171)".
    p_for_range: usize,
    /// Three to five authors named without "et al." (APA 6's first citation).
    three_to_five_named: usize,
    author_date: usize,
    numeric_groups: usize,
}

/// Infers the style of a manuscript from its entries and citations.
pub fn infer(
    entries: &[EntryForm<'_>],
    citations: &[Citation],
    numeric: &[NumericCitation],
    numeric_round: &[NumericCitation],
) -> StyleInference {
    let e = entry_votes(entries);
    let c = citation_votes(citations, numeric, numeric_round);
    let mut evidence = Vec::new();
    let share = |part: usize, whole: usize| whole > 0 && part as f64 >= MAJORITY * whole as f64;
    let of = |part: usize, whole: usize, what: &str| format!("{part} of {whole} {what}");

    // Numeric: numbered entries and more numeric citations than author-date ones.
    if e.numbered >= MIN_VOTES
        && share(e.numbered, e.entries)
        && c.numeric_groups >= MIN_VOTES
        && c.numeric_groups > c.author_date
    {
        evidence.push(of(e.numbered, e.entries, "entries are numbered"));
        evidence.push(format!(
            "{} numeric citations against {} author-date ones",
            c.numeric_groups, c.author_date
        ));
        let ieee = e.bracket_numbered * 2 > e.numbered;
        evidence.push(if ieee {
            of(
                e.bracket_numbered,
                e.numbered,
                "entry numbers are in brackets (“[1]”)",
            )
        } else {
            of(
                e.numbered - e.bracket_numbered,
                e.numbered,
                "entry numbers are followed by a period (“1.”)",
            )
        });
        return StyleInference {
            style: Some(if ieee { "ieee" } else { "vancouver" }),
            evidence,
        };
    }
    if c.author_date + e.entries == 0 {
        return StyleInference::default();
    }
    if c.numeric_groups > c.author_date && c.numeric_groups >= MIN_VOTES {
        evidence.push(format!(
            "{} numeric citations against {} author-date ones, but the entries are not numbered",
            c.numeric_groups, c.author_date
        ));
        return StyleInference {
            style: None,
            evidence,
        };
    }

    // ABNT: surnames in capitals in the entries or the citations.
    let abnt_entries = e.caps_author.max(e.abnt_access);
    let abnt_by_entries = abnt_entries >= MIN_VOTES && abnt_entries * 2 >= e.entries;
    let parenthetical = c.comma + c.no_comma;
    let abnt_by_citations = c.caps_author >= MIN_VOTES && c.caps_author * 2 >= parenthetical;
    if abnt_by_entries || abnt_by_citations {
        if e.caps_author > 0 {
            evidence.push(of(
                e.caps_author,
                e.entries,
                "entries write the first surname in capitals (“FREIRE, Paulo.”)",
            ));
        }
        if e.abnt_access > 0 {
            evidence.push(of(
                e.abnt_access,
                e.entries,
                "entries say “Disponível em:” or “Acesso em:”",
            ));
        }
        if c.caps_author > 0 {
            evidence.push(of(
                c.caps_author,
                parenthetical,
                "parenthetical citations write the surname in capitals (“(FREIRE, 1987)”)",
            ));
        }
        if c.p_for_range > 0 {
            evidence.push(format!(
                "{} page ranges are labelled “p.” (“p. 149-171”)",
                c.p_for_range
            ));
        }
        // The entries must not plainly be another style's.
        let other = e.paren_year_period.max(e.year_after_names);
        if other > abnt_entries {
            evidence.push(format!(
                "but {other} entries are written in another style's form"
            ));
            return StyleInference {
                style: None,
                evidence,
            };
        }
        return StyleInference {
            style: Some("abnt"),
            evidence,
        };
    }

    // Author-date: the entries' year decides the family, the citations must agree.
    let formed = e.paren_year_period + e.paren_year_bare + e.year_after_names;
    let by_entries = if formed >= MIN_VOTES && share(e.paren_year_period, formed) {
        evidence.push(of(
            e.paren_year_period,
            formed,
            "dated entries put the year in parentheses after the authors, followed by a period (“Adams, P. (2019).”)",
        ));
        if e.ampersand > 0 {
            evidence.push(of(
                e.ampersand,
                e.entries,
                "entries join the last author with “&”",
            ));
        }
        Some(Family::Apa)
    } else if formed >= MIN_VOTES && share(e.paren_year_bare, formed) {
        evidence.push(of(
            e.paren_year_bare,
            formed,
            "dated entries put the year in parentheses with no period after it (“Hall, A. (2019) Title”)",
        ));
        Some(Family::Harvard)
    } else if formed >= MIN_VOTES && share(e.year_after_names, formed) {
        evidence.push(of(
            e.year_after_names,
            formed,
            "dated entries put the year after the names as a sentence of its own (“Lee, Kim. 2019.”)",
        ));
        Some(Family::Chicago)
    } else {
        if formed > 0 {
            let verdict = if formed < MIN_VOTES {
                format!(
                    "too few dated entries to tell where the year goes (at least {MIN_VOTES} needed)"
                )
            } else {
                "entries disagree on where the year goes".to_string()
            };
            evidence.push(format!(
                "{verdict}: {} “(2019).”, {} “(2019)”, {} “. 2019.”",
                e.paren_year_period, e.paren_year_bare, e.year_after_names
            ));
        }
        None
    };
    let judged = c.comma + c.no_comma;
    let by_citations = if judged >= MIN_VOTES && share(c.comma, judged) {
        evidence.push(of(
            c.comma,
            judged,
            "parenthetical citations put a comma before the year",
        ));
        let and = c.and_in_parentheses > c.ampersand_in_parentheses;
        if c.ampersand_in_parentheses + c.and_in_parentheses > 0 {
            evidence.push(format!(
                "authors inside parentheses are joined with “&” {} times, with “and” {} times",
                c.ampersand_in_parentheses, c.and_in_parentheses
            ));
        }
        Some(if and { Family::Harvard } else { Family::Apa })
    } else if judged >= MIN_VOTES && share(c.no_comma, judged) {
        evidence.push(of(
            c.no_comma,
            judged,
            "parenthetical citations write no comma before the year",
        ));
        Some(Family::Chicago)
    } else {
        if judged > 0 {
            let verdict = if judged < MIN_VOTES {
                format!(
                    "too few parenthetical citations to tell whether a comma goes before the year (at least {MIN_VOTES} needed)"
                )
            } else {
                "parenthetical citations disagree on the comma before the year".to_string()
            };
            evidence.push(format!(
                "{verdict}: {} with, {} without",
                c.comma, c.no_comma
            ));
        }
        None
    };
    let family = match (by_entries, by_citations) {
        (Some(a), Some(b)) if a == b => Some(a),
        // Harvard and APA both write "(Hall, 2019)"; the entries tell them apart, unless the
        // citations join authors with "and" again and again and never with "&": APA entries
        // with such citations are a house style, not APA.
        (Some(Family::Harvard), Some(Family::Apa)) => by_entries,
        (Some(Family::Apa), Some(Family::Harvard))
            if c.and_in_parentheses < MIN_VOTES || c.ampersand_in_parentheses > 0 =>
        {
            by_entries
        }
        (Some(_), Some(_)) => {
            evidence.push("the citations and the entries point to different styles".into());
            None
        }
        // Entries alone are evidence enough when the citations do not settle the question:
        // few of them, or mixed forms (which the form rules then report).
        (Some(a), None) => Some(a),
        _ => None,
    };
    let style = family.map(|family| match family {
        Family::Apa => {
            let apa6 = e.apa6_links + c.three_to_five_named;
            if apa6 >= 2 && apa6 > e.doi_org {
                evidence.push(format!(
                    "APA 6 forms: {} “doi:” links, {} first citations naming three to five authors; {} https://doi.org links",
                    e.apa6_links, c.three_to_five_named, e.doi_org
                ));
                "apa6"
            } else {
                "apa7"
            }
        }
        Family::Harvard => "harvard",
        Family::Chicago => "chicago-author-date",
    });
    StyleInference { style, evidence }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Apa,
    Harvard,
    Chicago,
}

fn entry_votes(entries: &[EntryForm<'_>]) -> EntryVotes {
    let mut v = EntryVotes {
        entries: entries.len(),
        ..EntryVotes::default()
    };
    for entry in entries {
        let text = entry.text;
        let parsed = entry.parsed;
        if let Some((_, marker)) = super::numeric::entry_number(text) {
            v.numbered += 1;
            if text[marker].trim_start().starts_with('[') {
                v.bracket_numbered += 1;
            }
        }
        if caps_first_author(text) {
            v.caps_author += 1;
        }
        if text.contains("Disponível em") || text.contains("Acesso em") {
            v.abnt_access += 1;
        }
        if parsed
            .authors
            .iter()
            .any(|a| matches!(&a.joiner, Some((Joiner::Word { word, .. }, _)) if word == "&"))
        {
            v.ampersand += 1;
        }
        if text.contains("doi:10.") {
            v.apa6_links += 1;
        }
        if text.contains("doi.org/10.") {
            v.doi_org += 1;
        }
        if parsed.year.is_none() || parsed.authors.is_empty() {
            continue;
        }
        let span = parsed.year_span.clone();
        let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
            continue;
        };
        let before = before.trim_end();
        if before.ends_with('(') {
            // After the closing parenthesis (and any date inside it).
            let Some(close) = after.find(')') else {
                continue;
            };
            if after[close + 1..].trim_start().starts_with('.') {
                v.paren_year_period += 1;
            } else {
                v.paren_year_bare += 1;
            }
        } else if before.ends_with('.')
            && span.start < 150
            && after.trim_start().starts_with(['.', ','])
        {
            v.year_after_names += 1;
        }
    }
    v
}

/// Whether the entry opens with a surname in capitals followed by a comma or a period:
/// "FREIRE, Paulo.", "BRASIL. Ministério da Saúde.", "COMISSÃO NACIONAL DA VERDADE." — and has
/// lowercase letters later (a list in capitals throughout says nothing).
fn caps_first_author(text: &str) -> bool {
    let body = text.trim_start();
    let body = match super::numeric::entry_number(body) {
        Some((_, marker)) => body[marker.end..].trim_start(),
        None => body,
    };
    let Some(end) = body.find([',', '.']) else {
        return false;
    };
    let head = &body[..end];
    let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && letters.iter().all(|c| c.is_uppercase())
        && head.split_whitespace().count() <= 6
        && body[end..].chars().any(char::is_lowercase)
}

fn citation_votes(
    citations: &[Citation],
    numeric: &[NumericCitation],
    numeric_round: &[NumericCitation],
) -> CitationVotes {
    let mut v = CitationVotes {
        numeric_groups: numeric.iter().map(|c| c.groups).sum::<usize>() + numeric_round.len(),
        ..CitationVotes::default()
    };
    for citation in citations.iter().filter(|c| c.certain) {
        for work in &citation.works {
            if work.title || work.defines.is_some() {
                continue;
            }
            v.author_date += 1;
            if let Some(locator) = &work.locator
                && locator.form == LocatorForm::Labelled("p".into())
                && locator.value.contains(['-', '–'])
            {
                v.p_for_range += 1;
            }
            let first_of_authors = work.span.start == work.authors_span.start;
            if citation.form != Form::Parenthetical || !first_of_authors {
                continue;
            }
            let name = work.first_author();
            let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
            // "(NATO, 2022)" is an abbreviation, "(FREIRE, 1987)" a surname in capitals.
            if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) {
                v.caps_author += 1;
            }
            if work.comma_before_year {
                v.comma += 1;
            } else if matches!(work.year.value, super::YearValue::Year(_)) {
                v.no_comma += 1;
            }
            for (conjunction, _) in &work.conjunctions {
                match conjunction {
                    Conjunction::Ampersand => v.ampersand_in_parentheses += 1,
                    Conjunction::And => v.and_in_parentheses += 1,
                    Conjunction::Other => {}
                }
            }
            if (3..=5).contains(&work.authors.len())
                && !work.et_al
                && work
                    .conjunctions
                    .iter()
                    .any(|(c, _)| *c == Conjunction::Ampersand)
            {
                v.three_to_five_named += 1;
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use crate::manuscript::Manuscript;
    use crate::source::{Format, read_text};

    /// The style inferred for a plain-text manuscript.
    fn inferred(text: &str) -> Option<&'static str> {
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let manuscript = Manuscript::detect(&document);
        super::super::analyse(&manuscript).style.style
    }

    #[test]
    fn apa_7_from_parenthesised_years_and_commas() {
        let text = "Ponds\n\nLight reaches the bottom (Adams, 2019; Baker & Cole, 2020). \
                    Diaz (2021) agrees (Evans et al., 2018).\n\nReferences\n\n\
                    Adams, P. (2019). Light in ponds. Water, 4(2), 10-19. https://doi.org/10.1/a\n\n\
                    Baker, L., & Cole, M. (2020). Plants and light. Water, 5(1), 1-9.\n\n\
                    Diaz, R. (2021). Regional patterns. Ecology, 7(3), 30-41.\n\n\
                    Evans, T., Ford, S., & Gale, R. (2018). Shade. Ecology, 4(1), 3-9.\n";
        assert_eq!(inferred(text), Some("apa7"));
    }

    #[test]
    fn apa_6_from_doi_prefixes_and_first_citations_naming_five_authors() {
        let text = "Ponds\n\nLight reaches the bottom (Adams, Baker, Cole, & Diaz, 2019). \
                    Later work agrees (Adams et al., 2019; Evans, 2018).\n\nReferences\n\n\
                    Adams, P., Baker, L., Cole, M., & Diaz, R. (2019). Light. Water, 4, 10-19. doi:10.1/a\n\n\
                    Evans, T. (2018). Shade. Ecology, 4(1), 3-9. doi:10.1/b\n\n\
                    Ford, S. (2017). Reeds. Ecology, 3(1), 1-2.\n";
        assert_eq!(inferred(text), Some("apa6"));
    }

    #[test]
    fn chicago_author_date_from_years_after_names_and_no_comma() {
        let text = "Protest\n\nMovements borrow forms (Tilly and Tarrow 2015, 87; Blanshard 2006). \
                    Zhou (2018) disagrees (Lee and Park 2019).\n\nReferences\n\n\
                    Blanshard, Alastair. 2006. Hercules: A Heroic Life. London: Granta.\n\n\
                    Lee, Kim, and Jae Park. 2019. Heroes Then and Now. Boston: Beacon.\n\n\
                    Tilly, Charles, and Sidney Tarrow. 2015. Contentious Politics. Oxford: Oxford University Press.\n\n\
                    Zhou, Lin. 2018. Myth and Memory. Chicago: University of Chicago Press.\n";
        assert_eq!(inferred(text), Some("chicago-author-date"));
    }

    #[test]
    fn abnt_from_surnames_in_capitals() {
        let text = "Educação\n\nA educação liberta (FREIRE, 1987, p. 149-171). Para Saviani (2008), \
                    a escola importa (BRASIL, 2018; SAVIANI, 2008).\n\nReferências\n\n\
                    BRASIL. Ministério da Educação. Base Nacional Comum Curricular. Brasília: MEC, 2018. \
                    Disponível em: http://basenacionalcomum.mec.gov.br. Acesso em: 3 mar. 2020.\n\n\
                    FREIRE, Paulo. Pedagogia do oprimido. Rio de Janeiro: Paz e Terra, 1987.\n\n\
                    SAVIANI, Dermeval. Escola e democracia. Campinas: Autores Associados, 2008.\n";
        assert_eq!(inferred(text), Some("abnt"));
    }

    #[test]
    fn vancouver_and_ieee_from_numbered_lists() {
        let vancouver = "Ponds\n\nLight reaches the bottom (1), plants follow (2, 3) and more (1).\n\n\
                         References\n\n\
                         1. Adams P. Light in ponds. Water. 2019;4:10-9.\n\n\
                         2. Baker L, Cole M. Plants and light. Water. 2020;5:1-9.\n\n\
                         3. Diaz R. Regional patterns. Ecology. 2021;7:30-41.\n";
        assert_eq!(inferred(vancouver), Some("vancouver"));
        let ieee = "Ponds\n\nLight reaches the bottom [1], plants follow [2], [3] and more [1].\n\n\
                    References\n\n\
                    [1] P. Adams, “Light in ponds,” Water, vol. 4, pp. 10-19, 2019.\n\n\
                    [2] L. Baker and M. Cole, “Plants and light,” Water, vol. 5, pp. 1-9, 2020.\n\n\
                    [3] R. Diaz, “Regional patterns,” Ecology, vol. 7, pp. 30-41, 2021.\n";
        assert_eq!(inferred(ieee), Some("ieee"));
    }

    #[test]
    fn thin_or_contradictory_evidence_is_no_style() {
        // Two entries and one citation: too little to tell.
        let thin = "Ponds\n\nLight matters (Adams, 2019).\n\nReferences\n\n\
                    Adams, P. (2019). Light in ponds. Water, 4(2), 10-19.\n\n\
                    Baker, L. (2020). Plants. Water, 5(1), 1-9.\n";
        assert_eq!(inferred(thin), None);
        // APA-looking entries, but the citations join authors with "and" throughout: a house
        // style, not APA.
        let house = "Ponds\n\nLight matters (Adams and Ruiz, 2019; Baker and Cole, 2020), \
                     shade too (Diaz and Evans, 2021; Ford, 2017).\n\nReferences\n\n\
                     Adams, P., & Ruiz, J. (2019). Light in ponds. Water, 4(2), 10-19.\n\n\
                     Baker, L., & Cole, M. (2020). Plants and light. Water, 5(1), 1-9.\n\n\
                     Diaz, R., & Evans, T. (2021). Shade. Ecology, 7(3), 30-41.\n\n\
                     Ford, S. (2017). Reeds. Ecology, 3(1), 1-2.\n";
        assert_eq!(inferred(house), None);
    }
}
