//! What a line looks like: a reference entry, a heading, an author line. Pure functions over text,
//! used by structure detection; they know nothing about where the line stands.

use std::sync::OnceLock;

use regex::Regex;

/// Whitespace-separated tokens that contain a letter or digit (a lone dash is not a word).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count()
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern compiles"))
}

/// A section number at the start of a heading: `1.`, `2.3`, `IV.`, `A.`.
pub fn heading_number(text: &str) -> Option<&str> {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &NUMBER,
        r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.|[A-H]\.)\s+",
    );
    re.find(text).map(|m| m.as_str().trim_end())
}

/// Whether `text` reads like the first line of a reference-list entry: an author part followed
/// early by a year (`Smith, J. (2020).`, `Goda. S. (2015)`, `Blanshard, Alastair. 2006.`,
/// `North Atlantic Treaty Organization. (2022, 16 March)`), or a numbered entry with a year.
pub fn looks_like_reference_entry(text: &str) -> bool {
    static AUTHOR_DATE: OnceLock<Regex> = OnceLock::new();
    static AUTHOR_UNDATED: OnceLock<Regex> = OnceLock::new();
    static NAME_YEAR: OnceLock<Regex> = OnceLock::new();
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    static VANCOUVER: OnceLock<Regex> = OnceLock::new();
    static AUTHOR_LIST: OnceLock<Regex> = OnceLock::new();
    let first_line = text.lines().next().unwrap_or_default();
    let head: String = first_line.chars().take(220).collect();
    // The author part before the year may be 200 characters long, and a name-and-year entry's
    // part before the year 160. The bounds are checked on the captured part: written into the
    // patterns, a bounded repetition of a Unicode class compiles into that many copies of it.
    let author_date = regex(
        &AUTHOR_DATE,
        r"^\p{Lu}([^()\n]*?)\(\s*(?:1[5-9]\d\d|20\d\d)[a-z]?(?:[,/–-][^)]{0,30})?\)",
    );
    let author_undated = regex(
        &AUTHOR_UNDATED,
        r"^\p{Lu}([^()\n]*?)\((?:n\.\s?d\.|in press|forthcoming)[^)]{0,10}\)",
    );
    let name_year = regex(
        &NAME_YEAR,
        r"^\p{Lu}[\p{L}'’\- ]+,\s([^()\n]+?)[.,]\s(?:1[5-9]\d\d|20\d\d)[a-z]?[.,]\s",
    );
    // Whether `re` matches the head with its first group at most `most` characters long: the
    // group is lazy, so the first match has the shortest group there is.
    let matches_within = |re: &Regex, most: usize| {
        re.is_match(&head)
            && re
                .captures(&head)
                .and_then(|c| c.get(1))
                .is_some_and(|part| part.as_str().chars().count() <= most)
    };
    let numbered = regex(
        &NUMBERED,
        r"^(?:\[\d{1,4}\]|\d{1,4}[.)])\s+\p{Lu}.{10,}\b(?:1[5-9]\d\d|20\d\d)\b",
    );
    let vancouver = regex(
        &VANCOUVER,
        r"^\p{Lu}[\p{L}'’\-]+ \p{Lu}{1,3}(?:, \p{Lu}[\p{L}'’\-]+ \p{Lu}{1,3})*(?:, et al)?\. .{10,}\b(?:1[5-9]\d\d|20\d\d)\b",
    );
    // Name parts are not bounded in length: a bounded repetition of a Unicode letter class is
    // compiled as that many copies of it, which cost more time than reading a manuscript; the
    // surrounding commas and initials keep these patterns to author lists.
    // APA lists up to 20 authors, and 19, "…" and the last one beyond that: the year may stand
    // far from the start, after a run of "Surname, I.," names.
    let author_list = regex(
        &AUTHOR_LIST,
        r"^(?:\p{L}[\p{L}'’\- ]*, \p{Lu}\.(?:[ -]?\p{Lu}\.)*, (?:(?:&|…|\.\.\.) )?){2,}\p{L}[\p{L}'’\- ]*, \p{Lu}\.(?:[ -]?\p{Lu}\.)* \((?:1[5-9]\d\d|20\d\d)[a-z]?[,)]",
    );
    matches_within(author_date, 200)
        || matches_within(author_undated, 200)
        || matches_within(name_year, 160)
        || numbered.is_match(&head)
        || vancouver.is_match(&head)
        || author_list.is_match(first_line)
}

/// Whether a single line is shaped like a heading: short, no sentence punctuation at its end,
/// starting with a capital letter or a section number.
pub fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    if text.contains('\n') || text.is_empty() || text.chars().count() > 150 {
        return false;
    }
    let words = word_count(text);
    if words == 0 || words > 16 {
        return false;
    }
    let body = match heading_number(text) {
        Some(number) => text[number.len()..].trim_start(),
        None => text,
    };
    let Some(first) = body.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_numeric()) {
        return false;
    }
    !body.ends_with(['.', ',', ';', '!', '?', '…']) && !body.ends_with("...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_entries_in_common_styles_are_recognised() {
        for entry in [
            "Belkin, B., Mix, Derek., Woehrel S. (2014). NATO: Response to the crisis.",
            "Goda. S. (2015). European security architecture and the conflict in Ukraine.",
            "North Atlantic Treaty Organization. (2022, 16 March). NATO’s response.",
            "Blanshard, Alastair. 2006. Hercules: A Heroic Life. London: Granta.",
            "[12] A. Author and B. Writer, “A title,” IEEE Trans., vol. 3, 2019.",
            "3. Smith J, Jones AB. Something about trials. Lancet. 2020;395:10-12.",
            "4) Smith J, Jones AB. Something about trials. Lancet. 2020;395:10-12.",
            "Smith J, Jones AB. Something about trials. Lancet. 2020;395:10-12.",
            "World Health Organization. (n.d.). Fact sheet.",
            // 21 and more authors put the year far from the start.
            "Zimmermann, K., Yilmaz, E., Xu, W., Wójcik, A., Varga, B., Ulloa, C., Torres, D., Svensson, E., Rasmussen, F., Quispe, G., Popescu, H., Olsen, I., Nowak, J., Murphy, K., Lund, L., Kovács, M., Jovanović, N., Ito, O., Hughes, P., … Bauer, W. (2024). Coordinated monitoring. Science, 5, 101–140.",
            "Lefèvre, J.-P., Moreau, É., Abernathy, C., Bakshi, M., Carvalho, T., Dubois, C., Eriksen, L., Fonseca, B., Gallagher, S. M., Hoffmann, K., Ivanova, D., Jansen, P., van der Berg, A., Kaur, H., & Lindgren, O. (2019a). Title.",
        ] {
            assert!(looks_like_reference_entry(entry), "{entry}");
        }
        for line in [
            "1. NATO’s Expansion from the Point of Ukraine And Russia",
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
            "In June 1997, fifty officials stated in an open letter that the effort was an error.",
            "Sosyal Medyada Paylaş",
            "Many authors have written on this topic over the years, including scholars of ecology, hydrology and geography, and the debates about small waters have been long, detailed and often heated, especially about ponds in farmland and in towns, as the review by Adams, B. (2020) shows.",
        ] {
            assert!(!looks_like_reference_entry(line), "{line}");
        }
    }

    #[test]
    fn headings_are_short_unpunctuated_lines() {
        assert!(looks_like_heading(
            "1. NATO’s Expansion from the Point of Ukraine And Russia"
        ));
        assert!(looks_like_heading(
            "Effects of War on Security Policies of NATO"
        ));
        assert!(looks_like_heading("2.1 Data collection"));
        assert!(!looks_like_heading("This is a sentence."));
        assert!(!looks_like_heading("the lowercase start of a line"));
        assert_eq!(heading_number("IV. Results"), Some("IV."));
        assert_eq!(heading_number("Results"), None);
    }

    #[test]
    fn words_need_a_letter_or_digit() {
        assert_eq!(word_count("one – two  three 4"), 4);
    }
}
