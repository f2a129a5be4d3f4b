//! Language identification (whatlang) and language codes.
//!
//! galley speaks ISO 639-1 codes (`en`, `tr`, `pt`) in configuration and output; whatlang speaks
//! ISO 639-3. This module converts between them, names languages in English for messages, and
//! decides when a detection is trustworthy enough to act on.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use whatlang::{Detector, Lang};

/// ISO 639-1 code, whatlang's ISO 639-3 code (if whatlang knows the language), English name.
const LANGUAGES: &[(&str, Option<&str>, &str)] = &[
    ("af", Some("afr"), "Afrikaans"),
    ("ak", Some("aka"), "Akan"),
    ("am", Some("amh"), "Amharic"),
    ("ar", Some("ara"), "Arabic"),
    ("az", Some("aze"), "Azerbaijani"),
    ("be", Some("bel"), "Belarusian"),
    ("bg", Some("bul"), "Bulgarian"),
    ("bn", Some("ben"), "Bengali"),
    ("bs", None, "Bosnian"),
    ("ca", Some("cat"), "Catalan"),
    ("cs", Some("ces"), "Czech"),
    ("cy", Some("cym"), "Welsh"),
    ("da", Some("dan"), "Danish"),
    ("de", Some("deu"), "German"),
    ("el", Some("ell"), "Greek"),
    ("en", Some("eng"), "English"),
    ("eo", Some("epo"), "Esperanto"),
    ("es", Some("spa"), "Spanish"),
    ("et", Some("est"), "Estonian"),
    ("eu", None, "Basque"),
    ("fa", Some("pes"), "Persian"),
    ("fi", Some("fin"), "Finnish"),
    ("fr", Some("fra"), "French"),
    ("ga", None, "Irish"),
    ("gl", None, "Galician"),
    ("gu", Some("guj"), "Gujarati"),
    ("he", Some("heb"), "Hebrew"),
    ("hi", Some("hin"), "Hindi"),
    ("hr", Some("hrv"), "Croatian"),
    ("hu", Some("hun"), "Hungarian"),
    ("hy", Some("hye"), "Armenian"),
    ("id", Some("ind"), "Indonesian"),
    ("is", None, "Icelandic"),
    ("it", Some("ita"), "Italian"),
    ("ja", Some("jpn"), "Japanese"),
    ("jv", Some("jav"), "Javanese"),
    ("ka", Some("kat"), "Georgian"),
    ("kk", None, "Kazakh"),
    ("km", Some("khm"), "Khmer"),
    ("kn", Some("kan"), "Kannada"),
    ("ko", Some("kor"), "Korean"),
    ("ky", None, "Kyrgyz"),
    ("la", Some("lat"), "Latin"),
    ("lt", Some("lit"), "Lithuanian"),
    ("lv", Some("lav"), "Latvian"),
    ("mk", Some("mkd"), "Macedonian"),
    ("ml", Some("mal"), "Malayalam"),
    ("mr", Some("mar"), "Marathi"),
    ("ms", None, "Malay"),
    ("my", Some("mya"), "Burmese"),
    ("nb", Some("nob"), "Norwegian"),
    ("ne", Some("nep"), "Nepali"),
    ("nl", Some("nld"), "Dutch"),
    ("or", Some("ori"), "Odia"),
    ("pa", Some("pan"), "Punjabi"),
    ("pl", Some("pol"), "Polish"),
    ("pt", Some("por"), "Portuguese"),
    ("ro", Some("ron"), "Romanian"),
    ("ru", Some("rus"), "Russian"),
    ("si", Some("sin"), "Sinhala"),
    ("sk", Some("slk"), "Slovak"),
    ("sl", Some("slv"), "Slovenian"),
    ("sn", Some("sna"), "Shona"),
    ("sq", None, "Albanian"),
    ("sr", Some("srp"), "Serbian"),
    ("sv", Some("swe"), "Swedish"),
    ("ta", Some("tam"), "Tamil"),
    ("te", Some("tel"), "Telugu"),
    ("th", Some("tha"), "Thai"),
    ("tk", Some("tuk"), "Turkmen"),
    ("tl", Some("tgl"), "Tagalog"),
    ("tr", Some("tur"), "Turkish"),
    ("uk", Some("ukr"), "Ukrainian"),
    ("ur", Some("urd"), "Urdu"),
    ("uz", Some("uzb"), "Uzbek"),
    ("vi", Some("vie"), "Vietnamese"),
    ("yi", Some("yid"), "Yiddish"),
    ("zh", Some("cmn"), "Chinese"),
    ("zu", Some("zul"), "Zulu"),
];

/// An ISO 639-1 language code known to galley.
pub type LangCode = &'static str;

/// The canonical code for `code` (`"EN"`, `"eng"` and `"en"` all give `"en"`).
pub fn canonical(code: &str) -> Option<LangCode> {
    let lower = code.trim().to_ascii_lowercase();
    let lower = lower.split(['-', '_']).next().unwrap_or_default();
    LANGUAGES
        .iter()
        .find(|(iso1, iso3, _)| *iso1 == lower || *iso3 == Some(lower))
        .map(|(iso1, _, _)| *iso1)
}

/// English name of a language code, or the code itself when unknown.
pub fn name(code: &str) -> String {
    match LANGUAGES.iter().find(|(iso1, _, _)| *iso1 == code) {
        Some((_, _, name)) => (*name).to_string(),
        None => code.to_string(),
    }
}

/// A detection result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub code: LangCode,
    pub reliable: bool,
}

/// Whether detections are kept by text ([`keep_results`]).
static KEEPING: AtomicBool = AtomicBool::new(false);

/// What [`detect`] and [`confirms`] answered, by the sample of text they read (and, for
/// `confirms`, the language asked about).
#[derive(Default)]
struct Kept {
    detected: HashMap<String, Option<Detection>, foldhash::fast::RandomState>,
    confirmed: HashMap<(LangCode, String), bool, foldhash::fast::RandomState>,
}

/// The most answers kept: a few long documents' paragraphs. Past it they are forgotten and
/// found again.
const KEEP_AT_MOST: usize = 20_000;

fn kept() -> std::sync::MutexGuard<'static, Kept> {
    static KEPT: OnceLock<Mutex<Kept>> = OnceLock::new();
    KEPT.get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// From now on, language detections of this process are kept by the text they read, so a
/// paragraph unchanged since the last check is not detected again. For the language server,
/// which re-checks one document after every small edit; a run over many files would only fill
/// memory. The answers are the same either way: detection reads nothing but the text.
pub fn keep_results() {
    KEEPING.store(true, Ordering::Relaxed);
}

/// `answer` for `key`, kept in `table` when results are kept.
fn remembered<K, V>(
    table: impl Fn(&mut Kept) -> &mut HashMap<K, V, foldhash::fast::RandomState>,
    key: impl FnOnce() -> K,
    lookup: impl FnOnce(&HashMap<K, V, foldhash::fast::RandomState>) -> Option<V>,
    answer: impl FnOnce() -> V,
) -> V
where
    K: std::hash::Hash + Eq,
    V: Copy,
{
    if !KEEPING.load(Ordering::Relaxed) {
        return answer();
    }
    if let Some(known) = lookup(table(&mut kept())) {
        return known;
    }
    // Found without the lock: rules ask for languages side by side.
    let value = answer();
    let mut guard = kept();
    let map = table(&mut guard);
    if map.len() >= KEEP_AT_MOST {
        map.clear();
    }
    map.insert(key(), value);
    value
}

/// Identifies the language of `text`. Very short texts give an unreliable result or none.
pub fn detect(text: &str) -> Option<Detection> {
    let text = sample(text);
    remembered(
        |k| &mut k.detected,
        || text.to_string(),
        |m| m.get(text).copied(),
        || detect_sample(text),
    )
}

/// [`detect`] on a sample already cut.
fn detect_sample(text: &str) -> Option<Detection> {
    let info = Detector::new().detect(text)?;
    let code = from_whatlang(info.lang())?;
    // Chinese and Japanese put no spaces between words: each of their characters counts.
    let words = text.split_whitespace().count()
        + text
            .chars()
            .filter(|&c| super::shapes::is_cjk_word_char(c))
            .count();
    Some(Detection {
        code,
        reliable: info.is_reliable() && words >= 5 || info.confidence() > 0.9 && words >= 12,
    })
}

/// The most text a detection reads: whatlang's answer is settled well before this many bytes
/// (its own examples are single sentences), and reading a whole chapter of one paragraph would
/// cost time in the length of the text for nothing.
const SAMPLE_BYTES: usize = 1024;

/// The beginning of `text`, at most [`SAMPLE_BYTES`] long, cut after a whole word.
fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        // Text without spaces (Chinese, Japanese) is cut at a character instead.
        Some(space) if space > end / 2 => &text[..space],
        _ => &text[..end],
    }
}

/// Function words that are frequent in one language and rare in the others listed: the cheap
/// way to see that a paragraph is written in the language already known for its document.
/// A word is in one list only: words two of these languages share ("a", "in", "la", "con")
/// are left out.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "de",
        &[
            "der", "die", "und", "den", "nicht", "ist", "mit", "sich", "auf", "dem", "eine", "ein",
            "auch", "werden", "wird", "oder", "wurde", "sind", "zu", "im", "bei", "nach",
        ],
    ),
    (
        "en",
        &[
            "the", "of", "and", "to", "is", "that", "for", "with", "are", "was", "this", "which",
            "by", "from", "be", "have", "were", "it", "not", "on", "as", "their", "has", "been",
            "these", "or", "can", "but", "they", "its",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "su", "es", "al", "lo", "como", "más", "pero", "sus", "fue",
            "este", "sí", "porque", "esta", "cuando", "muy", "sin", "sobre",
        ],
    ),
    (
        "fr",
        &[
            "les", "et", "du", "est", "une", "dans", "qui", "pour", "pas", "au", "sur", "ce",
            "sont", "avec", "plus", "par", "ne", "se", "aux", "cette", "ou", "été", "leur", "ses",
        ],
    ),
    (
        "it",
        &[
            "di", "che", "è", "per", "sono", "della", "gli", "non", "si", "nel", "alla", "anche",
            "delle", "dei", "questo", "più", "essere", "nella", "tra",
        ],
    ),
    (
        "pt",
        &[
            "os", "do", "dos", "em", "um", "uma", "com", "não", "é", "na", "no", "ao", "foi",
            "ser", "pela", "pelo", "são", "está", "também", "seu", "sua", "nas",
        ],
    ),
    (
        "tr",
        &[
            "ve",
            "bir",
            "bu",
            "için",
            "ile",
            "de",
            "olarak",
            "olan",
            "gibi",
            "daha",
            "çok",
            "ise",
            "en",
            "kadar",
            "sonra",
            "göre",
            "ancak",
            "veya",
            "her",
            "olduğu",
            "arasında",
            "değil",
            "tarafından",
            "şekilde",
        ],
    ),
];

/// Whether `text` reads as `code` by its function words: at least one word in seven is one of
/// that language's, and no other listed language comes close. A confirmed paragraph of the
/// document's own language needs no detection, which costs a hundred times more; anything
/// unclear (too few words, a language not listed, another language's words) returns false,
/// and the caller detects.
pub fn confirms(code: &str, text: &str) -> bool {
    let Some(own_index) = FUNCTION_WORDS.iter().position(|(c, _)| *c == code) else {
        return false;
    };
    let text = sample(text);
    let code = FUNCTION_WORDS[own_index].0;
    remembered(
        |k| &mut k.confirmed,
        || (code, text.to_string()),
        // A tuple key is looked up whole: the sample is copied (at most a kilobyte).
        |m| m.get(&(code, text.to_string())).copied(),
        || confirms_sample(own_index, text),
    )
}

/// [`confirms`] for the language at `own_index` of [`FUNCTION_WORDS`], on a sample already cut.
fn confirms_sample(own_index: usize, text: &str) -> bool {
    static LANGUAGE_OF: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let language_of = LANGUAGE_OF.get_or_init(|| {
        FUNCTION_WORDS
            .iter()
            .enumerate()
            .flat_map(|(i, (_, words))| words.iter().map(move |w| (*w, i)))
            .collect()
    });
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        // Function words are short: longer words need no lookup.
        if word.len() > 12 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if let Some(&i) = language_of.get(lower.as_str()) {
            counts[i] += 1;
        }
    }
    let own = counts[own_index];
    let strongest_other = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own_index)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    words >= 12 && own * 7 >= words && own >= strongest_other * 3
}

/// Identifies the language of `text` among `candidates` only (for example the languages a heading
/// word belongs to).
pub fn detect_among(text: &str, candidates: &[LangCode]) -> Option<Detection> {
    let allow: Vec<Lang> = candidates
        .iter()
        .filter_map(|code| to_whatlang(code))
        .collect();
    if allow.is_empty() {
        return None;
    }
    let info = Detector::with_allowlist(allow).detect(sample(text))?;
    Some(Detection {
        code: from_whatlang(info.lang())?,
        reliable: info.is_reliable(),
    })
}

fn from_whatlang(lang: Lang) -> Option<LangCode> {
    LANGUAGES
        .iter()
        .find(|(_, iso3, _)| *iso3 == Some(lang.code()))
        .map(|(iso1, _, _)| *iso1)
}

fn to_whatlang(code: &str) -> Option<Lang> {
    let (_, iso3, _) = LANGUAGES.iter().find(|(iso1, _, _)| *iso1 == code)?;
    Lang::from_code(iso3.as_ref()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_canonical_and_named() {
        assert_eq!(canonical("EN"), Some("en"));
        assert_eq!(canonical("tur"), Some("tr"));
        assert_eq!(canonical("pt-BR"), Some("pt"));
        assert_eq!(canonical("xx"), None);
        assert_eq!(name("pt"), "Portuguese");
        assert_eq!(name("qq"), "qq");
    }

    #[test]
    fn table_is_sorted_and_every_whatlang_code_resolves() {
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        for (iso1, iso3, _) in LANGUAGES {
            if iso3.is_some() {
                assert!(
                    to_whatlang(iso1).is_some(),
                    "{iso1} does not map to whatlang"
                );
            }
        }
    }

    #[test]
    fn long_texts_are_sampled_at_a_word_and_character_boundary() {
        let turkish = "Güvenlik politikalarının çözümlenmesi ağır bir iştir. ".repeat(200);
        let cut = sample(&turkish);
        assert!(cut.len() <= SAMPLE_BYTES && cut.len() > SAMPLE_BYTES / 2);
        assert!(turkish.starts_with(cut) && !cut.ends_with(char::is_whitespace));
        let unbroken = "ğ".repeat(SAMPLE_BYTES);
        assert!(sample(&unbroken).len() <= SAMPLE_BYTES);
        assert_eq!(detect(&turkish).unwrap().code, "tr");
        assert_eq!(sample("short text"), "short text");
    }

    #[test]
    fn chinese_japanese_and_korean_prose_is_detected_reliably() {
        // No spaces between words: their characters are what makes a text long enough to trust.
        for (code, text) in [
            ("zh", "本文研究了城市社区花园中覆盖物对土壤湿度的影响。"),
            ("ja", "本研究では、都市の共同菜園における土壌水分を調べた。"),
            ("ko", "이 연구는 도시 공동체 정원의 토양 수분을 조사하였다."),
        ] {
            let found = detect(text).unwrap();
            assert_eq!(found.code, code, "{text}");
            assert!(found.reliable, "{text}");
        }
        // A long paragraph with one early space is sampled by characters, not cut at the space.
        let chinese = format!(
            "摘要 {}",
            "本文研究了城市社区花园中覆盖物对土壤湿度的影响。".repeat(60)
        );
        assert!(sample(&chinese).len() > SAMPLE_BYTES / 2);
    }

    #[test]
    fn function_word_lists_share_no_word() {
        let mut seen = std::collections::HashSet::new();
        for (code, words) in FUNCTION_WORDS {
            for word in *words {
                assert!(seen.insert(*word), "{code}: {word} is in two lists");
            }
        }
    }

    #[test]
    fn function_words_confirm_only_the_language_written() {
        let english = "The committee reviewed the proposal and decided that further evidence was needed before any decision could be taken by the board.";
        let turkish = "Bu çalışmada güvenlik politikalarının neye elverdiği ve hangi önlemlerin alınabileceği ayrıntılı olarak ele alınacaktır ve sonuçlar tartışılacaktır.";
        let portuguese = "Os resultados mostram que a recuperação da vegetação foi mais lenta nas áreas com menos sedimento e que o tema precisa de mais estudos.";
        let spanish = "Los resultados muestran que la recuperación de la vegetación fue más lenta en las zonas con menos sedimento y que el tema necesita más estudios.";
        let german = "Die Ergebnisse zeigen, dass sich die Vegetation in den Gebieten mit weniger Sediment langsamer erholt hat und dass weitere Studien nötig sind.";
        assert!(confirms("en", english));
        assert!(confirms("tr", turkish));
        assert!(confirms("pt", portuguese));
        assert!(confirms("es", spanish));
        assert!(confirms("de", german));
        for (code, text) in [
            ("en", turkish),
            ("en", german),
            ("tr", english),
            ("pt", spanish),
            ("es", portuguese),
            ("en", portuguese),
        ] {
            assert!(!confirms(code, text), "{code}: {text}");
        }
        // Too short to say, or a language without a list: the caller detects.
        assert!(!confirms("en", "The end of the story."));
        assert!(!confirms(
            "nl",
            "De resultaten laten zien dat de vegetatie zich langzamer herstelde in gebieden met minder sediment."
        ));
        // What is confirmed is what detection finds.
        for (code, text) in [
            ("en", english),
            ("tr", turkish),
            ("pt", portuguese),
            ("es", spanish),
            ("de", german),
        ] {
            assert_eq!(detect(text).unwrap().code, code);
        }
    }

    #[test]
    fn kept_answers_are_the_answers() {
        let texts = [
            "The results of the survey show that most ponds hold water through the summer and dry out in autumn.",
            "Bu çalışmada öğrencilerin okuma alışkanlıkları ve akademik başarıları arasındaki ilişki bir anket ile incelenmiştir ve sonuçlar tartışılmıştır.",
            "Os resultados mostram que a maioria dos alunos não tem acesso a uma biblioteca na escola.",
            "Short one.",
        ];
        let answers = |texts: &[&str]| -> Vec<(Option<Detection>, bool, bool)> {
            texts
                .iter()
                .map(|t| (detect(t), confirms("en", t), confirms("tr", t)))
                .collect()
        };
        // Found before results are kept (unless another test kept them already: the same).
        let fresh: Vec<_> = texts
            .iter()
            .map(|t| {
                let t = sample(t);
                (
                    detect_sample(t),
                    confirms_sample(1, t),
                    confirms_sample(6, t),
                )
            })
            .collect();
        assert_eq!(FUNCTION_WORDS[1].0, "en");
        assert_eq!(FUNCTION_WORDS[6].0, "tr");
        keep_results();
        assert_eq!(answers(&texts), fresh, "found and kept");
        assert_eq!(answers(&texts), fresh, "read from what was kept");
        assert!(fresh[0].1 && fresh[1].2, "the samples are confirmed");
        let kept = kept();
        assert!(kept.detected.contains_key(texts[0]));
        assert!(kept.confirmed.contains_key(&("tr", texts[1].to_string())));
    }

    #[test]
    fn detects_english_and_turkish_prose() {
        let en = detect("The committee reviewed the proposal and decided that further evidence was needed before any decision.").unwrap();
        assert_eq!(en.code, "en");
        let tr = detect("Bu çalışmada güvenlik politikalarının neye elverdiği ve hangi önlemlerin alınabileceği ele alınacaktır.").unwrap();
        assert_eq!(tr.code, "tr");
    }
}
