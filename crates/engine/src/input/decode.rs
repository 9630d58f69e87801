//! Text decoding: UTF-8 (with or without BOM) and UTF-16 with a BOM.
//! UTF-32 (with a BOM, or without one when its zero bytes give it away) and
//! UTF-16 without a BOM are recognised and refused with a message that says
//! so, instead of failing later as broken JSON.

use std::borrow::Cow;

use super::InputError;

/// Decodes a file's bytes to text, or says clearly why it cannot.
pub fn decode_text(bytes: &[u8]) -> Result<String, InputError> {
    decode(bytes).map(Cow::into_owned)
}

/// Like [`decode_text`], without a copy when the bytes are UTF-8 already
/// (a big file is then held once, not twice).
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    if bytes.is_empty() {
        return Err(InputError::plain("the file is empty (0 bytes)"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    // Before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
    if let Some(order) = utf32(bytes) {
        return Err(InputError::plain(format!(
            "the file is UTF-32 text ({order}); UTF-32 is not supported: save it as UTF-8, or as UTF-16 with a byte-order mark"
        )));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16 LE").map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16 BE").map(Cow::Owned);
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

/// UTF-32 by its byte-order mark, or without one by its zero bytes: read
/// four bytes at a time in one byte order, every unit of the file's start
/// is a character other than NUL — in particular its high byte is zero —
/// which never happens to UTF-8 text (no zero bytes) nor to UTF-16 text
/// (JSON's characters are above U+0010, so two of them never make a valid
/// character). Says which byte order.
fn utf32(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) {
        return Some("little-endian, with a byte-order mark");
    }
    if bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF]) {
        return Some("big-endian, with a byte-order mark");
    }
    let sample = &bytes[..bytes.len().min(256)];
    let units = sample.chunks_exact(4);
    if units.len() < 2 {
        return None;
    }
    let all_chars = |read: fn([u8; 4]) -> u32| {
        units.clone().all(|u| {
            let v = read([u[0], u[1], u[2], u[3]]);
            v != 0 && char::from_u32(v).is_some()
        })
    };
    if all_chars(u32::from_le_bytes) {
        Some("little-endian, without a byte-order mark")
    } else if all_chars(u32::from_be_bytes) {
        Some("big-endian, without a byte-order mark")
    } else {
        None
    }
}

/// ASCII text stored as UTF-16 has a zero in every other byte.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64)];
    sample.len() >= 4
        && (sample.iter().step_by(2).all(|b| *b == 0)
            || sample.iter().skip(1).step_by(2).all(|b| *b == 0))
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let at = e.valid_up_to();
        InputError::plain(format!(
            "the file is not UTF-8 text (invalid byte at offset {at}); save it as UTF-8 or UTF-16 with a byte-order mark"
        ))
    })
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16, label: &str) -> Result<String, InputError> {
    if !bytes.len().is_multiple_of(2) {
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

    fn utf32(s: &str, bom: bool, le: bool) -> Vec<u8> {
        let mut chars: Vec<u32> = s.chars().map(u32::from).collect();
        if bom {
            chars.insert(0, 0xFEFF);
        }
        chars
            .into_iter()
            .flat_map(|c| if le { c.to_le_bytes() } else { c.to_be_bytes() })
            .collect()
    }

    #[test]
    fn refuses_utf32_in_every_form() {
        for bom in [true, false] {
            for le in [true, false] {
                for text in ["{\"data\": [{\"d\": \"é 中 😀\"}]}", "[]", "{}"] {
                    let err = decode_text(&utf32(text, bom, le)).unwrap_err();
                    assert!(
                        err.message.contains("UTF-32 is not supported"),
                        "bom {bom}, le {le}, {text}: {}",
                        err.message
                    );
                    let order = if le { "little-endian" } else { "big-endian" };
                    assert!(err.message.contains(order), "{}", err.message);
                }
            }
        }
        // UTF-16 that merely starts like UTF-32 LE's mark (a NUL first) is
        // still not taken for UTF-8; plain and UTF-16 text are not UTF-32.
        assert_eq!(decode_text(b"[1, 2]").unwrap(), "[1, 2]");
        assert!(decode_text(&utf16le("[\"\u{4e2d}\u{6587}\"]")).is_ok());
        assert!(decode_text(b"\0\0\0\0\0\0\0\0")
            .unwrap_err()
            .message
            .contains("without a byte-order mark"));
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
