//! Bytes to text: UTF-8 with or without a byte-order mark, UTF-16 with one, and legacy
//! single-byte files (Windows-1252, or Windows-1254 when the bytes look Turkish).
//!
//! A legacy file is decoded and the result says which encoding was assumed, so that the user is
//! told once and can save the file as UTF-8. Binary files (NUL bytes) and UTF-8 files with a
//! broken sequence among good ones are refused with a message that says what was found: nothing
//! is checked as garbage and nothing is silently altered. This module must not guess beyond
//! these two legacy encodings.

use encoding_rs::{Encoding, WINDOWS_1252, WINDOWS_1254};

/// Decoded text, and the legacy encoding that was assumed when the file was not Unicode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `Some("windows-1252")` when the file was decoded from a legacy single-byte encoding.
    pub legacy: Option<&'static str>,
}

/// Decodes a file's bytes, or says why they are not text galley can read.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let unicode = |text: String| Decoded { text, legacy: None };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest).map(unicode);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(unicode);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(unicode);
    }
    if bytes.contains(&0) {
        if looks_like_bomless_utf16(bytes) {
            return Err(
                "file contains NUL bytes: it looks like UTF-16 without a byte-order mark; \
                 save it as UTF-8 (or as UTF-16 with a byte-order mark)"
                    .into(),
            );
        }
        return Err("file contains NUL bytes: it looks binary, not like a text manuscript".into());
    }
    match utf8(bytes) {
        Ok(text) => Ok(unicode(text)),
        // Valid multi-byte UTF-8 next to a bad byte is a damaged UTF-8 file, not a legacy one:
        // decoding it as Windows-1252 would turn every "ö" into "Ã¶".
        Err(message) if has_utf8_sequences(bytes) => Err(message),
        Err(_) => Ok(legacy(bytes)),
    }
}

/// Whether the bytes look like mostly-Latin text in UTF-16 without a byte-order mark: the bytes
/// at odd offsets (little-endian) or at even offsets (big-endian) are nearly all NUL, the others
/// nearly never.
fn looks_like_bomless_utf16(bytes: &[u8]) -> bool {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return false;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 10 <= pairs;
    (mostly(odd_nul) && rarely(even_nul)) || (mostly(even_nul) && rarely(odd_nul))
}

/// Decodes with the single-byte encoding the bytes suggest.
fn legacy(bytes: &[u8]) -> Decoded {
    let encoding: &'static Encoding = if looks_turkish(bytes) {
        WINDOWS_1254
    } else {
        WINDOWS_1252
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        legacy: Some(if encoding == WINDOWS_1254 {
            "windows-1254"
        } else {
            "windows-1252"
        }),
    }
}

/// Whether the bytes that are Turkish letters in Windows-1254 (ı İ ş Ş ğ Ğ) but rare letters in
/// Windows-1252 (ý Ý þ Þ ð Ð) make up a good share of the non-ASCII bytes.
fn looks_turkish(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let turkish = bytes
        .iter()
        .filter(|b| matches!(b, 0xFD | 0xDD | 0xFE | 0xDE | 0xF0 | 0xD0))
        .count();
    turkish > 0 && turkish * 5 >= high
}

/// Whether the bytes hold at least one well-formed multi-byte UTF-8 sequence.
fn has_utf8_sequences(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => return !valid.is_ascii(),
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                if !valid.is_ascii() {
                    return true;
                }
                let skip = error.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    return false;
                }
            }
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        format!("file is not valid UTF-8 (first bad byte at offset {at}); save it as UTF-8")
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 file has an odd number of bytes: it is truncated".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "UTF-16 file contains an unpaired surrogate".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bomless_utf16_is_refused_with_its_likely_cause() {
        let le: Vec<u8> = "Ponds".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "Ponds".encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let error = decode(&bytes).unwrap_err();
            assert!(
                error.contains("UTF-16 without a byte-order mark"),
                "{error}"
            );
        }
        let binary = decode(b"abc\0\x01\x02").unwrap_err();
        assert!(binary.contains("looks binary"), "{binary}");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let decoded = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(decoded.text, "abc");
        assert_eq!(decoded.legacy, None);
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Öz".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "Öz");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Öz".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "Öz");
    }

    #[test]
    fn damaged_utf8_and_binary_input_is_refused() {
        assert!(
            decode(
                "café \u{e9}\u{e9}"
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain([0xFF])
                    .collect::<Vec<_>>()
                    .as_slice()
            )
            .unwrap_err()
            .contains("not valid UTF-8")
        );
        assert!(decode(b"a\0b").unwrap_err().contains("NUL"));
    }

    #[test]
    fn latin_legacy_bytes_are_read_as_windows_1252() {
        let decoded = decode(b"caf\xE9 na\xEFve \x93quoted\x94 r\xE9sum\xE9").unwrap();
        assert_eq!(decoded.text, "café naïve “quoted” résumé");
        assert_eq!(decoded.legacy, Some("windows-1252"));
    }

    #[test]
    fn turkish_legacy_bytes_are_read_as_windows_1254() {
        // "Araştırma ağı için öz" in Windows-1254.
        let decoded = decode(b"Ara\xFEt\xFDrma a\xF0\xFD i\xE7in \xF6z").unwrap();
        assert_eq!(decoded.text, "Araştırma ağı için öz");
        assert_eq!(decoded.legacy, Some("windows-1254"));
    }

    #[test]
    fn crlf_is_kept_for_the_readers() {
        let decoded = decode(b"a\r\nb\xE9\r\n").unwrap();
        assert_eq!(decoded.text, "a\r\nbé\r\n");
    }
}
