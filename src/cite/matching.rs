//! Matching cited works to reference entries: on the folded first-author surname (case and
//! diacritics folded) plus the year and its letter; group authors also by an abbreviation defined
//! in the text ("[NATO]"), in the entry, or by the initials of the group name.
//!
//! Entries are indexed by key once, so each lookup is a hash probe, never a scan of the list.
//! When nothing matches, a near miss is looked for among entries of the same year that share a
//! first letter: a similar surname, or an entry whose initial is the cited surname's first letter
//! (given name and surname swapped: "Aksar, 2021" against "Yusuf, A. (2021)"). This module only
//! decides; it never words a diagnostic.

use std::collections::HashMap;

use super::intext::{CitedWork, initials};
use super::reference::Reference;
use super::token::fold;
use super::year::Year;
use crate::similarity::edit_distance;

/// How a cited work relates to the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one entry.
    Found(usize),
    /// Several entries with the same author and year and no letters to tell them apart.
    Ambiguous(Vec<usize>),
    /// Entries by this author exist, none from the cited year.
    YearMismatch(Vec<usize>),
    /// No entry; maybe a near miss.
    NotFound(Option<NearMiss>),
    /// Not in the list from the cited year, but given in full in a note ("CLARK, K.; HOLQUIST,
    /// M. Mikhail Bakhtin. Cambridge: Harvard University Press, 1984." as a footnote to a
    /// translation that quotes the original); with the entries its link or author points at.
    InNote(Vec<usize>),
}

/// An entry that is probably the one meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearMiss {
    pub entry: usize,
    pub kind: NearKind,
}

/// Why an entry is a near miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NearKind {
    /// The cited surname is close in spelling to the entry's.
    SimilarName,
    /// The entry's initial is the first letter of the cited surname: given name and surname may
    /// be swapped in the entry.
    SwappedNames,
}

/// The last capitalised word of a name of several words ("Ailton Krenak" → "Krenak"), for a
/// citation whose name took in a given name or a preposition before the surname; `None` for a
/// name of one word.
fn trailing_surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut take = 1;
    // "de Hosmer Jr." → "Hosmer Jr.".
    if words.len() >= 3
        && matches!(
            words.last()?.trim_end_matches('.'),
            "Jr" | "JR" | "Sr" | "SR" | "Filho" | "Neto" | "Júnior"
        )
    {
        take = 2;
    }
    let first = words.len().checked_sub(take)?;
    let lead = words[first];
    if words.len() <= take || !lead.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // `lead` is a slice of `name`: its offset is where the surname starts.
    let at = lead.as_ptr() as usize - name.as_ptr() as usize;
    Some(&name[at..])
}

/// The reference list, indexed for lookups.
pub struct Index<'a> {
    entries: &'a [Reference],
    by_key: HashMap<String, Vec<usize>>,
    /// (first letter of the surname, year) → entries, for similar-name near misses.
    by_letter_year: HashMap<(char, Year), Vec<usize>>,
    /// (first letter of the first author's given name, year) → entries, for swapped names.
    by_initial_year: HashMap<(char, Year), Vec<usize>>,
    /// Abbreviations defined in the text: folded "nato" → folded full name.
    abbreviations: HashMap<String, String>,
    /// Entries without an author, by the first word of their title.
    by_title_word: HashMap<String, Vec<usize>>,
}

impl<'a> Index<'a> {
    /// Indexes `entries`; `abbreviations` are (abbreviation, full name) pairs defined in the text.
    pub fn new(entries: &'a [Reference], abbreviations: &[(String, String)]) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_letter_year: HashMap<(char, Year), Vec<usize>> = HashMap::new();
        let mut by_initial_year: HashMap<(char, Year), Vec<usize>> = HashMap::new();
        let mut by_title_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if entry.has_no_author()
                && let Some(word) = name_key(&entry.lead).split(' ').next()
            {
                by_title_word.entry(word.to_string()).or_default().push(i);
            }
            let Some(author) = entry.first_author() else {
                continue;
            };
            let key = name_key(&author.surname);
            let mut keys = vec![key.clone()];
            // "Berg, Anneke van der" is cited as "van der Berg" or as "Berg".
            if let Some(full) = author.surname_with_particle() {
                keys.push(name_key(&full));
            }
            if author.group {
                let abbr = initials(&author.surname);
                if abbr.chars().count() >= 2 {
                    keys.push(name_key(&abbr));
                }
            }
            if let Some(abbr) = &entry.abbreviation {
                keys.push(name_key(abbr));
            }
            keys.dedup();
            for k in keys {
                by_key.entry(k).or_default().push(i);
            }
            if let Some(year) = entry.year {
                if let Some(letter) = key.chars().next() {
                    by_letter_year
                        .entry((letter, base(year)))
                        .or_default()
                        .push(i);
                }
                if let Some(initial) = author
                    .initial()
                    .and_then(|c| fold(&c.to_string()).chars().next())
                {
                    by_initial_year
                        .entry((initial, base(year)))
                        .or_default()
                        .push(i);
                }
            }
        }
        let abbreviations = abbreviations
            .iter()
            .map(|(abbr, full)| (name_key(abbr), name_key(full)))
            .collect();
        Self {
            entries,
            by_key,
            by_letter_year,
            by_initial_year,
            abbreviations,
            by_title_word,
        }
    }

    /// Entries whose first author is `name` (folded), directly or through an abbreviation.
    fn by_author(&self, name: &str) -> Vec<usize> {
        let key = name_key(name);
        let mut found = self.by_key.get(&key).cloned().unwrap_or_default();
        if let Some(full) = self.abbreviations.get(&key)
            && let Some(more) = self.by_key.get(full)
        {
            for i in more {
                if !found.contains(i) {
                    found.push(*i);
                }
            }
        }
        found
    }

    /// Entries without an author whose title starts with the cited (short) title.
    fn by_title(&self, title: &str) -> Vec<usize> {
        let key = name_key(title);
        let Some(first) = key.split(' ').next() else {
            return Vec::new();
        };
        self.by_title_word
            .get(first)
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&i| {
                        let lead = name_key(&self.entries[i].lead);
                        lead == key || lead.starts_with(&format!("{key} "))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Resolves one cited work.
    pub fn resolve(&self, work: &CitedWork) -> Resolution {
        if work.title {
            // A one-word title ("Shade. (2020).") reads like a group author.
            let mut candidates = self.by_title(work.first_author());
            if candidates.is_empty() {
                candidates = self.by_author(work.first_author());
            }
            if candidates.is_empty() {
                return Resolution::NotFound(None);
            }
            return self.among(work, candidates);
        }
        let mut candidates = self.by_author(work.first_author());
        // "Organisation for Economic Co-operation and Development" reads like two authors.
        if candidates.is_empty() && work.authors.len() >= 2 && !work.et_al {
            candidates = self.by_author(&work.joined_authors());
        }
        // "de Ailton Krenak (2019)", "o xamã Davi Kopenawa (2010)", "Segundo Shor, Berry e
        // McCarty (2010)": words before the surname (a preposition, a given name, the word that
        // opens the sentence) were read into the first name.
        if candidates.is_empty()
            && let Some(name) = work.authors.first()
            && let Some(surname) = trailing_surname(&name.text)
        {
            candidates = self.by_author(surname);
        }
        let resolution = if candidates.is_empty() {
            Resolution::NotFound(self.near_miss(work))
        } else {
            self.among(work, candidates)
        };
        match resolution {
            Resolution::NotFound(_) | Resolution::YearMismatch(_) => self
                .with_name_before_comma(work)
                .map_or(resolution, Resolution::Found),
            found => found,
        }
    }

    /// "Morais, Dias (1955)": the one entry of the cited year whose first author is the name
    /// before the comma and whose other authors include the cited one.
    fn with_name_before_comma(&self, work: &CitedWork) -> Option<usize> {
        let first = work.name_before_comma.as_deref()?;
        let cited = name_key(work.first_author());
        let fits: Vec<usize> = self
            .by_author(first)
            .into_iter()
            .filter(|&i| {
                let entry = &self.entries[i];
                entry.has_year(work.year)
                    && (entry
                        .authors
                        .iter()
                        .skip(1)
                        .any(|a| name_key(&a.surname) == cited)
                        || name_key(names_part(&entry.lead))
                            .split(' ')
                            .skip(1)
                            .any(|w| w == cited))
            })
            .collect();
        match fits.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Picks the entry of the cited year among the entries by the cited author (or title).
    fn among(&self, work: &CitedWork, candidates: Vec<usize>) -> Resolution {
        let same_year: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| self.entries[i].has_year(work.year))
            .collect();
        match same_year.len() {
            0 => Resolution::YearMismatch(candidates),
            1 => Resolution::Found(same_year[0]),
            _ => {
                let narrowed = self.narrow(work, &same_year);
                match narrowed.as_slice() {
                    [one] => Resolution::Found(*one),
                    [] => Resolution::Ambiguous(same_year),
                    more => Resolution::Ambiguous(more.to_vec()),
                }
            }
        }
    }

    /// Tells same-year entries apart by the other authors the citation names.
    fn narrow(&self, work: &CitedWork, candidates: &[usize]) -> Vec<usize> {
        if work.et_al {
            return candidates
                .iter()
                .copied()
                .filter(|&i| self.entries[i].authors.len() >= 3)
                .collect();
        }
        candidates
            .iter()
            .copied()
            .filter(|&i| {
                let entry = &self.entries[i];
                entry.authors.len() == work.authors.len()
                    && entry
                        .authors
                        .iter()
                        .zip(&work.authors)
                        .skip(1)
                        .all(|(a, b)| {
                            let cited = name_key(&b.text);
                            name_key(&a.surname) == cited
                                || a.surname_with_particle()
                                    .is_some_and(|full| name_key(&full) == cited)
                        })
            })
            .collect()
    }

    fn near_miss(&self, work: &CitedWork) -> Option<NearMiss> {
        let cited = name_key(work.first_author());
        let letter = cited.chars().next()?;
        let year = base(work.year);
        if let Some(list) = self.by_letter_year.get(&(letter, year)) {
            for &i in list {
                let Some(author) = self.entries[i].first_author() else {
                    continue;
                };
                let theirs = name_key(&author.surname);
                let allowed = if cited.chars().count() >= 6 { 2 } else { 1 };
                if edit_distance(&cited, &theirs) <= allowed {
                    return Some(NearMiss {
                        entry: i,
                        kind: NearKind::SimilarName,
                    });
                }
            }
        }
        // The swap: the entry's given-name initial is the cited surname's first letter, and only
        // one entry of that year fits.
        if let Some(list) = self.by_initial_year.get(&(letter, year))
            && let [i] = list.as_slice()
            && self.entries[*i].first_author().is_some_and(|a| !a.group)
        {
            return Some(NearMiss {
                entry: *i,
                kind: NearKind::SwappedNames,
            });
        }
        None
    }
}

/// The names that open an entry: its text up to the first period that does not close an
/// initial ("MORAIS, Francisco; DIAS, José Lopes" of "MORAIS, Francisco; DIAS, José Lopes.
/// Estudantes…").
fn names_part(lead: &str) -> &str {
    let mut from = 0;
    while let Some(at) = lead[from..].find(". ") {
        let end = from + at;
        let word = lead[..end].rsplit([' ', '.', ',']).next().unwrap_or("");
        if word.chars().count() > 1 {
            return &lead[..end];
        }
        from = end + 2;
    }
    lead
}

/// The lookup key of a name: folded (case, accents, apostrophes), without one-letter words, so
/// that "U.S. Department of State" in the list matches "(Department of State, 2020)" and
/// "(U.S. Department of State, 2020)" alike.
fn name_key(name: &str) -> String {
    fold(name)
        .split(' ')
        .filter(|w| w.chars().count() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The year without its letter, for near-miss buckets.
fn base(year: Year) -> Year {
    Year {
        value: year.value,
        suffix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::{intext, reference};

    fn entries(texts: &[&str]) -> Vec<Reference> {
        texts.iter().map(|t| reference::parse(t)).collect()
    }

    fn resolve(index: &Index<'_>, citation: &str) -> Vec<Resolution> {
        intext::parse(citation)
            .iter()
            .flat_map(|c| c.works.iter().map(|w| index.resolve(w)))
            .collect()
    }

    #[test]
    fn surname_and_year_with_folding() {
        let list = entries(&[
            "Tür, Ö. (2000). Nato’s relations. NATO.",
            "Goda. S. (2015). European security.",
            "Smith, J. (2008). The relationship.",
            "Smith, J. (2010). Another one.",
        ]);
        let index = Index::new(&list, &[]);
        assert_eq!(resolve(&index, "(Tür, 2000)"), [Resolution::Found(0)]);
        assert_eq!(resolve(&index, "(TUR, 2000)"), [Resolution::Found(0)]);
        assert_eq!(resolve(&index, "(Goda, 2015)"), [Resolution::Found(1)]);
        assert_eq!(resolve(&index, "Smith (2010)"), [Resolution::Found(3)]);
        assert_eq!(
            resolve(&index, "(Smith, 2009)"),
            [Resolution::YearMismatch(vec![2, 3])]
        );
    }

    #[test]
    fn group_authors_by_abbreviation() {
        let list = entries(&[
            "North Atlantic Treaty Organization. (2018). The NATO Command Structure.",
            "North Atlantic Treaty Organization. (2016). Enlargement.",
            "North Atlantic Treaty Organization. (2016). Support.",
            "World Health Organisation. (2020). Report.",
            "Organisation for Economic Co-operation and Development. (2019). Outlook.",
            "U.S. Department of State. (2021). Country reports.",
        ]);
        let index = Index::new(&list, &[]);
        assert_eq!(resolve(&index, "(NATO, 2018)"), [Resolution::Found(0)]);
        assert_eq!(
            resolve(&index, "(NATO, 2016)"),
            [Resolution::Ambiguous(vec![1, 2])]
        );
        let defined = [("WHO".to_string(), "World Health Organisation".to_string())];
        let index = Index::new(&list, &defined);
        assert_eq!(resolve(&index, "(WHO, 2020)"), [Resolution::Found(3)]);
        assert_eq!(
            resolve(
                &index,
                "(Organisation for Economic Co-operation and Development, 2019; OECD, 2019)"
            ),
            [Resolution::Found(4), Resolution::Found(4)]
        );
        assert_eq!(
            resolve(
                &index,
                "(U.S. Department of State, 2021; Department of State, 2021)"
            ),
            [Resolution::Found(5), Resolution::Found(5)]
        );
    }

    #[test]
    fn letters_and_coauthors_tell_entries_apart() {
        let list = entries(&[
            "Lee, K. (2019a). One.",
            "Lee, K. (2019b). Two.",
            "Park, J., & Kim, S. (2020). Three.",
            "Park, J., & Cho, M. (2020). Four.",
        ]);
        let index = Index::new(&list, &[]);
        assert_eq!(resolve(&index, "(Lee, 2019b)"), [Resolution::Found(1)]);
        assert_eq!(
            resolve(&index, "(Lee, 2019)"),
            [Resolution::Ambiguous(vec![0, 1])]
        );
        assert_eq!(
            resolve(&index, "(Park & Cho, 2020)"),
            [Resolution::Found(3)]
        );
    }

    #[test]
    fn particles_written_after_the_given_names_match_either_way() {
        let list = entries(&[
            "Berg, Anneke van der. 2012. Polder Water Levels. Lowland Ecology 3: 1–19.",
            "Okafor, Chidi, and Marta de Souza. 2022. Mats. Biology 17: 300–315.",
            "Okafor, Chidi, and Ravi Patel. 2022. Ponds. Biology 17: 316–320.",
        ]);
        let index = Index::new(&list, &[]);
        assert_eq!(
            resolve(&index, "(van der Berg 2012; Berg 2012)"),
            [Resolution::Found(0), Resolution::Found(0)]
        );
        // Co-authors written given names first tell same-year entries apart.
        assert_eq!(
            resolve(&index, "(Okafor and de Souza 2022; Okafor and Patel 2022)"),
            [Resolution::Found(1), Resolution::Found(2)]
        );
    }

    #[test]
    fn works_without_author_match_by_the_start_of_the_title() {
        let list = entries(&[
            "Light in ponds and lakes. (2019). Water Journal, 4(2), 10-19.",
            "Shade. (2020). Water Journal, 5(2), 1-2.",
        ]);
        let index = Index::new(&list, &[]);
        assert_eq!(
            resolve(&index, "(“Light in Ponds,” 2019; “Shade,” 2020)"),
            [Resolution::Found(0), Resolution::Found(1)]
        );
        assert_eq!(
            resolve(&index, "(“Light in Ponds,” 2018)"),
            [Resolution::YearMismatch(vec![0])]
        );
        assert_eq!(
            resolve(&index, "(“Darkness,” 2019)"),
            [Resolution::NotFound(None)]
        );
    }

    #[test]
    fn near_misses() {
        let list = entries(&[
            "Yusuf, A. (2021). Teoride ve Uygulamada Uluslararası Hukuk.",
            "Johnson, K. (2019). Title.",
        ]);
        let index = Index::new(&list, &[]);
        assert_eq!(
            resolve(&index, "(Aksar, 2021)"),
            [Resolution::NotFound(Some(NearMiss {
                entry: 0,
                kind: NearKind::SwappedNames
            }))]
        );
        assert_eq!(
            resolve(&index, "(Jonson, 2019)"),
            [Resolution::NotFound(Some(NearMiss {
                entry: 1,
                kind: NearKind::SimilarName
            }))]
        );
        assert_eq!(
            resolve(&index, "(Aksar, 2020)"),
            [Resolution::NotFound(None)]
        );
        assert_eq!(
            resolve(&index, "(MccGwire, 2008)"),
            [Resolution::NotFound(None)]
        );
    }
}
