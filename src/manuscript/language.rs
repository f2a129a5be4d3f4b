//! Language identification (whatlang) and language codes.
//!
//! galley speaks ISO 639-1 codes (`en`, `tr`, `pt`) in configuration and output; whatlang speaks
//! ISO 639-3. This module converts between them, names languages in English for messages, and
//! decides when a detection is trustworthy enough to act on.

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

/// Identifies the language of `text`. Very short texts give an unreliable result or none.
pub fn detect(text: &str) -> Option<Detection> {
    let text = sample(text);
    let info = Detector::new().detect(text)?;
    let code = from_whatlang(info.lang())?;
    let words = text.split_whitespace().count();
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
        Some(space) if space > 0 => &text[..space],
        _ => &text[..end],
    }
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
    fn detects_english_and_turkish_prose() {
        let en = detect("The committee reviewed the proposal and decided that further evidence was needed before any decision.").unwrap();
        assert_eq!(en.code, "en");
        let tr = detect("Bu çalışmada güvenlik politikalarının neye elverdiği ve hangi önlemlerin alınabileceği ele alınacaktır.").unwrap();
        assert_eq!(tr.code, "tr");
    }
}
