//! What a line looks like: a reference entry, a heading, an author line. Pure functions over text,
//! used by structure detection; they know nothing about where the line stands.

use std::sync::OnceLock;

use regex::Regex;

/// Words of `text`: whitespace-separated tokens that contain a letter or digit (a lone dash is
/// not a word), except that each Han, Kana or Hangul character counts as a word of its own, the
/// way Chinese, Japanese and Korean journals count length. Latin words and numbers between such
/// characters still count once each ("使用R语言" is five words).
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    // Whether the current run of non-CJK, non-space characters holds a letter or digit.
    let mut run_has_alphanumeric = false;
    for c in text.chars() {
        if c.is_whitespace() {
            count += usize::from(run_has_alphanumeric);
            run_has_alphanumeric = false;
        } else if is_cjk_word_char(c) {
            count += 1 + usize::from(run_has_alphanumeric);
            run_has_alphanumeric = false;
        } else if c.is_alphanumeric() {
            run_has_alphanumeric = true;
        }
    }
    count + usize::from(run_has_alphanumeric)
}

/// Whether `c` is a Han ideograph, a Hiragana or Katakana letter or a Hangul syllable or letter:
/// the characters CJK word counts count one by one. Punctuation of these scripts (`、`, `。`,
/// the Katakana middle dot) is not included.
pub fn is_cjk_word_char(c: char) -> bool {
    if (c as u32) < 0x1100 {
        return false;
    }
    matches!(c,
        '\u{1100}'..='\u{11FF}'      // Hangul Jamo
        | '\u{3005}'                 // 々, the ideographic iteration mark
        | '\u{3041}'..='\u{309F}'    // Hiragana
        | '\u{30A1}'..='\u{30FA}'    // Katakana letters (the middle dot U+30FB is punctuation)
        | '\u{30FC}'..='\u{30FF}'    // prolonged sound mark, iteration marks
        | '\u{3130}'..='\u{318F}'    // Hangul compatibility Jamo
        | '\u{31F0}'..='\u{31FF}'    // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{AC00}'..='\u{D7A3}'    // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9D}'    // halfwidth Katakana
        | '\u{20000}'..='\u{3134F}' // CJK extensions B-G
    )
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
    static ENTRY_NUMBER: OnceLock<Regex> = OnceLock::new();
    let first_line = text.lines().next().unwrap_or_default();
    // Every shape below holds a year or an undated mark: a line with neither is no entry, and
    // then no pattern is compiled or run (most lines of a manuscript, and all of a short one).
    if !may_hold_year_or_undated(first_line) {
        return false;
    }
    let head: String = first_line.chars().take(220).collect();
    // The author part before the year may be 200 characters long, and a name-and-year entry's
    // part before the year 160. The bounds are checked on the captured part: written into the
    // patterns, a bounded repetition of a Unicode class compiles into that many copies of it.
    // Each pattern is compiled when first asked for: the tests below stop at the first that
    // matches.
    let author_date = || {
        regex(
            &AUTHOR_DATE,
            r"^\p{Lu}([^()\n]*?)\(\s*(?:1[5-9]\d\d|20\d\d)[a-z]?(?:[,/–-][^)]{0,30})?\)",
        )
    };
    let author_undated = || {
        regex(
            &AUTHOR_UNDATED,
            r"^\p{Lu}([^()\n]*?)\((?:n\.\s?d\.|in press|forthcoming)[^)]{0,10}\)",
        )
    };
    let name_year = || {
        regex(
            &NAME_YEAR,
            r"^\p{Lu}[\p{L}'’\- ]+,\s([^()\n]+?)[.,]\s(?:1[5-9]\d\d|20\d\d)[a-z]?[.,]\s",
        )
    };
    // Whether `re` matches the head with its first group at most `most` characters long: the
    // group is lazy, so the first match has the shortest group there is.
    let matches_within = |re: &Regex, most: usize| {
        re.is_match(&head)
            && re
                .captures(&head)
                .and_then(|c| c.get(1))
                .is_some_and(|part| part.as_str().chars().count() <= most)
    };
    let numbered = || {
        regex(
            &NUMBERED,
            r"^(?:\[\d{1,4}\]|\d{1,4}[.)])\s+\p{Lu}.{10,}\b(?:1[5-9]\d\d|20\d\d)\b",
        )
    };
    // Vancouver names, then the title and the year further on, or the year right after the
    // names as ASM and some Vancouver variants put it (`Okafor C. 2019. Title.`).
    let vancouver = || {
        regex(
            &VANCOUVER,
            r"^\p{Lu}[\p{L}'’\-]+ \p{Lu}{1,3}(?:, \p{Lu}[\p{L}'’\-]+ \p{Lu}{1,3})*(?:, et al)?\. (?:.{10,}\b(?:1[5-9]\d\d|20\d\d)\b|(?:1[5-9]\d\d|20\d\d)[a-z]?\. )",
        )
    };
    // Name parts are not bounded in length: a bounded repetition of a Unicode letter class is
    // compiled as that many copies of it, which cost more time than reading a manuscript; the
    // surrounding commas and initials keep these patterns to author lists.
    // APA lists up to 20 authors, and 19, "…" and the last one beyond that: the year may stand
    // far from the start, after a run of "Surname, I.," names.
    let author_list = || {
        regex(
            &AUTHOR_LIST,
            r"^(?:\p{L}[\p{L}'’\- ]*, \p{Lu}\.(?:[ -]?\p{Lu}\.)*, (?:(?:&|…|\.\.\.) )?){2,}\p{L}[\p{L}'’\- ]*, \p{Lu}\.(?:[ -]?\p{Lu}\.)* \((?:1[5-9]\d\d|20\d\d)[a-z]?[,)]",
        )
    };
    let after_number = || {
        regex(&ENTRY_NUMBER, r"^(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")
            .find(&head)
            .map(|number| &head[number.end()..])
    };
    // Before each pattern, a quick test of what it needs (which may say yes wrongly, never no
    // wrongly) spares compiling and running it on most lines.
    let numbered_start = head
        .chars()
        .next()
        .is_some_and(|c| c == '[' || c.is_numeric());
    matches_within(author_date(), 200)
        || looks_like_cjk_reference_entry(&head)
        || (numbered_start
            && after_number()
                .is_some_and(|rest| may_be_vancouver(rest) && vancouver().is_match(rest)))
        || (may_be_undated(first_line) && matches_within(author_undated(), 200))
        || (may_be_name_year(&head) && matches_within(name_year(), 160))
        || (numbered_start && numbered().is_match(&head))
        || (may_be_vancouver(&head) && vancouver().is_match(&head))
        || (may_be_author_list(first_line) && author_list().is_match(first_line))
}

/// Whether `line` holds an undated mark in brackets: `(n.d.)`, `(n. d.)`, `(in press)`,
/// `(forthcoming)`.
fn may_be_undated(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memmem::find(bytes, b"(n.").is_some()
        || memchr::memmem::find(bytes, b"(in press").is_some()
        || memchr::memmem::find(bytes, b"(forthcoming").is_some()
}

/// Whether `text` starts like a Vancouver entry: a capitalised name, a space, capitals (the
/// initials) and then a comma or a full stop.
fn may_be_vancouver(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    while chars
        .next_if(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
        .is_some()
    {}
    if chars.next() != Some(' ') {
        return false;
    }
    let mut initials = 0;
    while chars.next_if(|c| c.is_uppercase()).is_some() {
        initials += 1;
    }
    initials > 0 && matches!(chars.next(), Some(',' | '.'))
}

/// Whether `text` starts like a name-and-year entry (`Blanshard, Alastair. 2006.`): a
/// capitalised name part ending in a comma, and somewhere a full stop or comma, a space and a
/// year.
fn may_be_name_year(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    while chars
        .next_if(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | ' '))
        .is_some()
    {}
    if chars.next() != Some(',') {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).any(|w| {
        matches!(w[0], '.' | ',')
            && w[1].is_whitespace()
            && matches!((w[2], w[3]), ('1', '5'..='9') | ('2', '0'))
    })
}

/// Whether `line` holds what an APA author list needs: a comma, a space, a capital and a full
/// stop (`, J.`).
fn may_be_author_list(line: &str) -> bool {
    line.match_indices(", ").any(|(at, _)| {
        let mut rest = line[at + 2..].chars();
        rest.next().is_some_and(char::is_uppercase) && rest.next() == Some('.')
    })
}

/// Whether `line` may hold what every reference-entry shape needs: a year from 1500 to 2099
/// (it starts "15" to "19" or "20"; the digits after those may be any Unicode digit, as `\d`
/// allows) or an undated mark in brackets (`(n.d.)`, `(n. d.)`, `(in press)`,
/// `(forthcoming)`). A quick test on bytes that may say yes wrongly, never no wrongly.
fn may_hold_year_or_undated(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes
        .windows(2)
        .any(|pair| matches!(pair, [b'1', b'5'..=b'9'] | [b'2', b'0']))
        || may_be_undated(line)
}

/// Whether the start of a line reads like a Chinese, Japanese or Korean reference entry: after an
/// optional entry number, CJK author names and a year, with a GB/T 7714 type mark (`[J]`, `[M]`,
/// `[EB/OL]`), a number, or the year in brackets after the authors (`山田太郎（2020）`,
/// `홍길동 (2020).`): `[1] 张三, 李四. 标题[J]. 期刊, 2020, 12(3): 45-67.`
fn looks_like_cjk_reference_entry(head: &str) -> bool {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static TYPE_MARK: OnceLock<Regex> = OnceLock::new();
    static YEAR_IN_BRACKETS: OnceLock<Regex> = OnceLock::new();
    // The entry starts with a CJK character after its number: without one, nothing to compile.
    if !head.chars().any(is_cjk_word_char) {
        return false;
    }
    let number = regex(&NUMBER, r"^(?:\[\d{1,4}\]|［\d{1,4}］|\d{1,4}[.)．、]?)\s*");
    let (numbered, rest) = match number.find(head) {
        Some(m) => (true, &head[m.end()..]),
        None => (false, head),
    };
    if !rest.chars().next().is_some_and(is_cjk_word_char) {
        return false;
    }
    // Digits around the year would make it part of a longer number; a CJK character after it
    // (2020年) is fine, so no word boundary is asked for.
    let year = regex(&YEAR, r"(?:^|\D)(?:1[5-9]\d\d|20\d\d)(?:\D|$)");
    if !year.is_match(rest) {
        return false;
    }
    if numbered {
        return true;
    }
    let type_mark = regex(
        &TYPE_MARK,
        r"\[(?:J|M|C|D|N|R|S|P|Z|G|A|EB/OL|J/OL|M/OL|DB/OL|CP/DK)\]",
    );
    if type_mark.is_match(rest) {
        return true;
    }
    let year_in_brackets = regex(&YEAR_IN_BRACKETS, r"[（(]\s*(?:1[5-9]\d\d|20\d\d)");
    let authors: String = rest.chars().take(60).collect();
    year_in_brackets.is_match(&authors)
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
            "Okafor C. 2019. Time spent watering in city gardens. Allotment Research 7:101–118.",
            "1. Okafor C. 2019. Time spent watering. Allotment Research 7:101–118.",
            "World Health Organization. (n.d.). Fact sheet.",
            // Chinese (GB/T 7714), Japanese and Korean entries.
            "[1] 张三, 李四. 城市花园土壤湿度研究[J]. 园艺学报, 2020, 12(3): 45-67.",
            "王五. 社区花园[M]. 北京: 科学出版社, 2019.",
            "山田太郎（2020）「都市農業の現状」『農業研究』12(3), 45-67.",
            "홍길동, 김철수 (2021). 도시 정원의 토양 수분. 한국원예학회지, 5(2), 10-20.",
            "3．佐藤花子. 土壌水分の測定. 土壌学雑誌. 2018; 4: 1-9.",
            // 21 and more authors put the year far from the start.
            "Zimmermann, K., Yilmaz, E., Xu, W., Wójcik, A., Varga, B., Ulloa, C., Torres, D., Svensson, E., Rasmussen, F., Quispe, G., Popescu, H., Olsen, I., Nowak, J., Murphy, K., Lund, L., Kovács, M., Jovanović, N., Ito, O., Hughes, P., … Bauer, W. (2024). Coordinated monitoring. Science, 5, 101–140.",
            "Lefèvre, J.-P., Moreau, É., Abernathy, C., Bakshi, M., Carvalho, T., Dubois, C., Eriksen, L., Fonseca, B., Gallagher, S. M., Hoffmann, K., Ivanova, D., Jansen, P., van der Berg, A., Kaur, H., & Lindgren, O. (2019a). Title.",
        ] {
            assert!(looks_like_reference_entry(entry), "{entry}");
        }
        for line in [
            "1. 引言",
            "本文于2020年开始研究城市花园的土壤。",
            "2020年以来的研究进展",
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
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count(" – … "), 0);
    }

    #[test]
    fn cjk_characters_count_one_word_each() {
        // Chinese: six characters, full-width punctuation not counted.
        assert_eq!(word_count("本文研究土壤。"), 6);
        assert_eq!(word_count("本文，研究；土壤。"), 6);
        // Latin words and numbers inside CJK text count once each.
        assert_eq!(word_count("使用R语言"), 5);
        assert_eq!(word_count("于2020年使用GIS数据"), 8);
        assert_eq!(word_count("基于 DNA 的方法"), 6);
        // Japanese kana and kanji, the prolonged sound mark belongs to the word; the middle dot
        // does not count.
        assert_eq!(word_count("データ・分析"), 5);
        assert_eq!(word_count("気候変動の影響"), 7);
        // Korean syllables one by one.
        assert_eq!(word_count("기후 변화"), 4);
        // Mixed with English prose.
        assert_eq!(word_count("The term 土壤 means soil."), 6);
    }
}
