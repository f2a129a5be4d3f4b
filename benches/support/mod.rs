//! A generated manuscript shared by the benchmarks: deterministic, about as many words as asked,
//! with title, abstract, keywords, numbered sections, citations (some without an entry), a
//! reference list and the mistakes the rules look for.

const SURNAMES: &[&str] = &[
    "Smith",
    "Yılmaz",
    "Garcia",
    "Okafor",
    "Chen",
    "Novak",
    "Haddad",
    "Larsen",
    "Moreau",
    "Tanaka",
    "Kowalski",
    "Silva",
    "Demir",
    "Andersson",
    "Rossi",
    "Nguyen",
];

const SENTENCES: &[&str] = &[
    "Small ponds are common on farms but are often filled in or left to dry",
    "We sampled forty ponds on twelve farms in spring and late summer",
    "The principle investigator checked every identification against the reference collection",
    "Ponds with some shade held more beetle species then fully open ponds",
    "Soil moisture was measured at three depths with a calibrated probe",
    "The effect of grazing on plant cover was weaker than expected",
    "These results are consistent with earlier surveys of upland streams",
    "Its not clear whether the pattern holds in wetter years",
    "The the samples were stored at four degrees before analysis",
    "Participants recieved a short questionnaire about land management",
    "A mixed model with farm as a random effect was fitted to the counts",
    "Rates of recovery differed between sites, as shown in Figure 2",
    "All members must abode by the sampling protocol agreed in advance",
    "Table 1 summarises the descriptive statistics for each group",
];

/// A deterministic manuscript of roughly `words` words with title, abstract, keywords,
/// numbered sections, citations (some without an entry) and a reference list.
pub fn manuscript(words: usize, markdown: bool) -> String {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let h = |level: usize, text: &str| {
        if markdown {
            format!("{} {text}\n\n", "#".repeat(level))
        } else {
            format!("{text}\n\n")
        }
    };
    let mut out = String::new();
    out.push_str(&h(1, "Small ponds and beetle diversity in farmland"));
    out.push_str(&h(2, "Abstract"));
    let mut abs = String::new();
    for _ in 0..9 {
        abs.push_str(SENTENCES[next(SENTENCES.len())]);
        abs.push_str(". ");
    }
    out.push_str(abs.trim_end());
    out.push_str("\n\nKeywords: ponds, farmland, beetles, shade, grazing\n\n");
    let mut count = 0;
    let sections = [
        "Introduction",
        "Methods",
        "Results",
        "Discussion",
        "Conclusion",
    ];
    let per_section = words / sections.len();
    for (i, section) in sections.iter().enumerate() {
        out.push_str(&h(2, &format!("{}. {section}", i + 1)));
        let mut in_section = 0;
        while in_section < per_section {
            let mut para = String::new();
            for _ in 0..5 {
                let s = SENTENCES[next(SENTENCES.len())];
                para.push_str(s);
                if next(4) == 0 {
                    let name = SURNAMES[next(SURNAMES.len())];
                    para.push_str(&format!(" ({name}, {})", 2000 + next(24)));
                }
                para.push_str(". ");
                in_section += s.split_whitespace().count() + 2;
            }
            out.push_str(para.trim_end());
            out.push_str("\n\n");
        }
        count += in_section;
    }
    let _ = count;
    out.push_str(&h(2, "References"));
    for (i, name) in SURNAMES.iter().enumerate().skip(2) {
        out.push_str(&format!(
            "{name}, A. ({}). Ponds and streams in farmland {i}. Journal of Applied Ecology, 12(3), 45-67.\n\n",
            2000 + i
        ));
    }
    out
}
