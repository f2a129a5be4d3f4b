//! Bytes to text: UTF-8 with or without a byte-order mark, UTF-16 with one.
//!
//! Anything else is refused with a message that says what was found, so that no file is checked
//! as garbage and nothing is silently altered.

/// Decodes a file's bytes, or says why they are not text galley can read.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.contains(&0) {
        return Err("file contains NUL bytes: it looks binary, not like a text manuscript".into());
    }
    utf8(bytes)
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
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Öz".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Öz");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Öz".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "Öz");
    }

    #[test]
    fn invalid_and_binary_input_is_refused() {
        assert!(decode(b"abc\xFFdef").unwrap_err().contains("offset 3"));
        assert!(decode(b"a\0b").unwrap_err().contains("NUL"));
    }
}
