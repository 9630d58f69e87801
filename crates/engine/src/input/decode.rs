//! Text decoding: UTF-8 (with or without BOM) and UTF-16 with a BOM.

use super::InputError;

/// Decodes a file's bytes to text, or says clearly why it cannot.
pub fn decode_text(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.is_empty() {
        return Err(InputError::plain("the file is empty (0 bytes)"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16 LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16 BE");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(InputError::plain("this is a zip archive, not a JSON file"));
    }
    if looks_like_utf16_without_bom(bytes) {
        return Err(InputError::plain(
            "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8, or as UTF-16 with a byte-order mark",
        ));
    }
    utf8(bytes)
}

/// ASCII text stored as UTF-16 has a zero in every other byte.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64)];
    sample.len() >= 4
        && (sample.iter().step_by(2).all(|b| *b == 0)
            || sample.iter().skip(1).step_by(2).all(|b| *b == 0))
}

fn utf8(bytes: &[u8]) -> Result<String, InputError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        InputError::plain(format!(
            "the file is not UTF-8 text (invalid byte at offset {at}); save it as UTF-8 or UTF-16 with a byte-order mark"
        ))
    })
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16, label: &str) -> Result<String, InputError> {
    if bytes.len() % 2 != 0 {
        return Err(InputError::plain(format!(
            "the file says it is {label} but has an odd number of bytes (truncated?)"
        )));
    }
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| {
            InputError::plain(format!(
                "the file says it is {label} but holds an invalid character sequence"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode_text(b"{\"a\":1}").unwrap(), "{\"a\":1}");
        assert_eq!(decode_text(b"\xEF\xBB\xBF{}").unwrap(), "{}");
    }

    #[test]
    fn decodes_utf16_both_orders() {
        assert_eq!(
            decode_text(&utf16le("{\"d\":\"é\"}")).unwrap(),
            "{\"d\":\"é\"}"
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("[1]".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(&be).unwrap(), "[1]");
    }

    #[test]
    fn explains_what_it_cannot_decode() {
        assert!(decode_text(b"").unwrap_err().message.contains("empty"));
        assert!(decode_text(b"\xFF\x00\x81")
            .unwrap_err()
            .message
            .contains("not UTF-8"));
        assert!(decode_text(&[0xFF, 0xFE, 0x41])
            .unwrap_err()
            .message
            .contains("odd number"));
        assert!(decode_text(b"PK\x03\x04rest")
            .unwrap_err()
            .message
            .contains("zip"));
        let no_bom: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode_text(&no_bom)
            .unwrap_err()
            .message
            .contains("without a byte-order mark"));
    }
}
