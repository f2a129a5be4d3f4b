//! Structured-abstract labels: which words open the sections of a structured abstract
//! ("Background:", "Methods:", "Results:", "Conclusions:", "目的：", "【结果】") in which languages
//! (`rules/data/abstract-sections.toml`, compiled into the binary), and which of them a paragraph
//! holds.
//!
//! Structure detection uses this to recognise an abstract that has no "Abstract" heading. It
//! only reads labels; where the paragraph stands is for the caller to judge.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::language::{LangCode, canonical};
use super::lexicon::fold;

/// The built-in label table's text.
pub const ABSTRACT_SECTIONS_TOML: &str = include_str!("../../rules/data/abstract-sections.toml");

/// The most characters a label has (the longest is "materiales y métodos").
const LONGEST_LABEL_CHARS: usize = 32;

/// A section of a structured abstract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Background, objective, purpose, aims: the label a structured abstract opens with.
    Opening,
    Methods,
    Results,
    Conclusions,
    /// The further sections some medical journals ask for.
    Setting,
    Participants,
    Interventions,
    Outcomes,
}

impl Section {
    fn bit(self) -> u8 {
        match self {
            Section::Opening => 1,
            Section::Methods => 2,
            Section::Results => 4,
            Section::Conclusions => 8,
            Section::Setting => 16,
            Section::Participants => 32,
            Section::Interventions => 64,
            Section::Outcomes => 128,
        }
    }
}

/// The sections whose labels a text holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sections(u8);

impl Sections {
    /// The one section `section`.
    pub fn of(section: Section) -> Sections {
        Sections(section.bit())
    }

    /// Whether the label of `section` was seen.
    pub fn has(self, section: Section) -> bool {
        self.0 & section.bit() != 0
    }

    /// Adds the sections of `other`.
    pub fn add(&mut self, other: Sections) {
        self.0 |= other.0;
    }

    /// Whether these are the labels of a whole structured abstract: an opening, results, and
    /// methods or conclusions.
    pub fn is_structured_abstract(self) -> bool {
        self.has(Section::Opening)
            && self.has(Section::Results)
            && (self.has(Section::Methods) || self.has(Section::Conclusions))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    languages: std::collections::BTreeMap<String, LanguageEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageEntry {
    opening: Vec<String>,
    methods: Vec<String>,
    results: Vec<String>,
    conclusions: Vec<String>,
    #[serde(default)]
    setting: Vec<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    interventions: Vec<String>,
    #[serde(default)]
    outcomes: Vec<String>,
}

/// Folded label → its section and the languages that use it.
struct Labels {
    by_label: HashMap<String, (Section, Vec<LangCode>)>,
}

impl Labels {
    fn get() -> &'static Labels {
        static LABELS: OnceLock<Labels> = OnceLock::new();
        LABELS.get_or_init(|| {
            Labels::parse(ABSTRACT_SECTIONS_TOML).expect("built-in label table is valid")
        })
    }

    fn parse(text: &str) -> Result<Labels, String> {
        let file: TableFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_label: HashMap<String, (Section, Vec<LangCode>)> = HashMap::new();
        for (code, entry) in &file.languages {
            let code = canonical(code).ok_or_else(|| format!("unknown language code `{code}`"))?;
            for (section, words) in [
                (Section::Opening, &entry.opening),
                (Section::Methods, &entry.methods),
                (Section::Results, &entry.results),
                (Section::Conclusions, &entry.conclusions),
                (Section::Setting, &entry.setting),
                (Section::Participants, &entry.participants),
                (Section::Interventions, &entry.interventions),
                (Section::Outcomes, &entry.outcomes),
            ] {
                for word in words {
                    let slot = by_label
                        .entry(fold(word))
                        .or_insert_with(|| (section, Vec::new()));
                    if slot.0 != section {
                        return Err(format!("`{word}` names two different sections"));
                    }
                    slot.1.push(code);
                }
            }
        }
        Ok(Labels { by_label })
    }
}

/// The label at the very start of `text`, if there is one: `Label:` / `Label：` (emphasis
/// around it allowed) or a bracketed `【Label】` / `[Label]`. Returns its section and languages.
pub fn label_at_start(text: &str) -> Option<(Section, &'static [LangCode])> {
    let text = text.trim_start().trim_start_matches(['*', '_']);
    // Only the first few characters can hold a label: reading no further keeps a scan over every
    // sentence of a long paragraph linear.
    let window_end = text
        .char_indices()
        .nth(LONGEST_LABEL_CHARS + 2)
        .map_or(text.len(), |(at, _)| at);
    let text = &text[..window_end];
    let label = if let Some(inner) = text.strip_prefix('【') {
        &inner[..inner.find('】')?]
    } else if let Some(inner) = text.strip_prefix('[') {
        &inner[..inner.find(']')?]
    } else {
        let colon = text.find([':', '：'])?;
        &text[..colon]
    };
    if label.chars().count() > LONGEST_LABEL_CHARS || label.contains(['.', '。', '\n']) {
        return None;
    }
    let label = label.trim().trim_matches(['*', '_']).trim();
    Labels::get()
        .by_label
        .get(&fold(label))
        .map(|(section, languages)| (*section, languages.as_slice()))
}

/// The section a label names ("Objectives", "Design", "Bulgular"), in any language of the table;
/// a colon or full stop after it and emphasis around it are allowed.
pub fn section_of_label(label: &str) -> Option<Section> {
    let label = label
        .trim()
        .trim_matches(['*', '_'])
        .trim_end_matches([':', '：', '.'])
        .trim();
    if label.is_empty() || label.chars().count() > LONGEST_LABEL_CHARS {
        return None;
    }
    Labels::get().by_label.get(&fold(label)).map(|(s, _)| *s)
}

/// The sections whose labels stand alone on a line of `text` ("Objective" over its paragraph,
/// "Methods:" with nothing after it).
pub fn sections_on_own_lines(text: &str) -> Sections {
    let mut found = Sections::default();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('#');
        if let Some(section) = section_of_label(line) {
            found.0 |= section.bit();
        }
    }
    found
}

/// The languages of the opening label `text` starts with ("Background:", "目的："), if any.
pub fn opening_label(text: &str) -> Option<&'static [LangCode]> {
    match label_at_start(text)? {
        (Section::Opening, languages) => Some(languages),
        _ => None,
    }
}

/// The sections whose labels start `text` or one of its sentences.
pub fn sections(text: &str) -> Sections {
    let mut found = Sections::default();
    let mut consider = |at: usize| {
        if let Some((section, _)) = label_at_start(&text[at..]) {
            found.0 |= section.bit();
        }
    };
    consider(0);
    for (at, c) in text.char_indices() {
        if matches!(c, '.' | '。' | '!' | '?' | '！' | '？' | ';' | '；' | '\n') {
            consider(at + c.len_utf8());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_paragraph_structured_abstract_has_all_its_sections() {
        let text = "Background: Ponds in towns are drained. Methods: We surveyed forty ponds. \
                    Results: Half of them held water all year. Conclusions: Ponds need care.";
        // "Background" is an Italian label too.
        assert_eq!(opening_label(text), Some(&["en", "it"][..]));
        let found = sections(text);
        for section in [
            Section::Opening,
            Section::Methods,
            Section::Results,
            Section::Conclusions,
        ] {
            assert!(found.has(section), "{section:?}");
        }
        assert!(found.is_structured_abstract());
    }

    #[test]
    fn labels_in_other_languages_and_brackets_are_found() {
        let chinese = "【目的】研究城市池塘。【方法】调查四十个池塘。【结果】一半常年有水。【结论】池塘需要保护。";
        assert!(opening_label(chinese).is_some_and(|l| l.contains(&"zh")));
        assert!(sections(chinese).is_structured_abstract());
        let portuguese = "Objetivo: estudar lagoas. Métodos: visitamos quarenta lagoas. \
                          Resultados: metade tinha água. Conclusões: as lagoas precisam de cuidado.";
        assert_eq!(opening_label(portuguese), Some(&["es", "pt"][..]));
        assert!(sections(portuguese).is_structured_abstract());
        let korean =
            "목적: 연못을 연구하였다. 방법: 연못 사십 곳을 조사하였다. 결과: 절반에 물이 있었다.";
        assert!(sections(korean).is_structured_abstract());
        assert!(opening_label("BACKGROUND: upper-case labels count").is_some());
    }

    #[test]
    fn prose_and_partial_label_sets_are_not_structured_abstracts() {
        // The word alone, with no colon, is not a label.
        assert!(opening_label("Background noise was measured: it was low.").is_none());
        // An opening label without results is not enough.
        assert!(!sections("Aim: to test. Methods: a survey.").is_structured_abstract());
        // A label must start the text or a sentence.
        assert!(!sections("The background: results: none").has(Section::Results));
        assert!(opening_label("Introduction").is_none());
        assert!(opening_label("").is_none());
        assert!(opening_label("【目的").is_none());
    }

    #[test]
    fn labels_name_their_sections_with_synonyms_and_in_other_languages() {
        for (label, section) in [
            ("Objectives", Section::Opening),
            ("Aims:", Section::Opening),
            ("**Design**", Section::Methods),
            ("Findings.", Section::Results),
            ("Interpretation", Section::Conclusions),
            ("Main outcome measures", Section::Outcomes),
            ("Participants", Section::Participants),
            ("Objetivo", Section::Opening),
            ("Conclusiones", Section::Conclusions),
            ("Yöntem", Section::Methods),
            ("Bulgular", Section::Results),
            ("SONUÇ", Section::Conclusions),
        ] {
            assert_eq!(section_of_label(label), Some(section), "{label}");
        }
        for prose in [
            "Ponds",
            "",
            "The methods we used",
            "Results of the survey were clear",
        ] {
            assert_eq!(section_of_label(prose), None, "{prose}");
        }
        let own = sections_on_own_lines("Objective\nTo survey ponds.\n\nSetting:\nThree towns.\n");
        assert!(own.has(Section::Opening) && own.has(Section::Setting));
        assert!(!own.has(Section::Results));
    }

    #[test]
    fn table_is_sorted_and_parses() {
        Labels::parse(ABSTRACT_SECTIONS_TOML).unwrap();
        let file: TableFile = toml::from_str(ABSTRACT_SECTIONS_TOML).unwrap();
        for (code, entry) in &file.languages {
            for list in [
                &entry.opening,
                &entry.methods,
                &entry.results,
                &entry.conclusions,
                &entry.setting,
                &entry.participants,
                &entry.interventions,
                &entry.outcomes,
            ] {
                let mut sorted = list.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(
                    list, &sorted,
                    "list for {code} is not sorted and deduplicated"
                );
            }
        }
        let codes: Vec<_> = file.languages.keys().collect();
        let position = |code: &str| {
            ABSTRACT_SECTIONS_TOML
                .find(&format!("[languages.{code}]"))
                .unwrap()
        };
        assert!(codes.windows(2).all(|w| position(w[0]) < position(w[1])));
    }
}
