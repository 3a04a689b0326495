//! Turning the bytes of a file into text: byte-order marks, UTF-8, UTF-16, legacy single-byte
//! encodings (detected with `chardetng`), binary detection and line-ending normalisation.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::ReadError;

/// Decodes `bytes` as text. `declared` is an encoding label found in the file itself (an HTML
/// `<meta charset>`), used when the bytes are not UTF-8.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) || bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
    {
        return Err(ReadError::UnsupportedEncoding("UTF-32".to_string()));
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(e) => {
                return Err(ReadError::Binary {
                    reason: format!(
                        "byte order mark says UTF-8 but byte {} is not UTF-8",
                        e.valid_up_to() + 3
                    ),
                });
            }
        }
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_with(UTF_16LE, rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_with(UTF_16BE, rest)?
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        decode_with(encoding, bytes)?
    } else {
        if let Some(i) = bytes.iter().position(|&b| b == 0) {
            return Err(ReadError::Binary {
                reason: format!("NUL byte at offset {i}"),
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let encoding = match declared {
                    Some(label) => Encoding::for_label(label.trim().as_bytes())
                        .ok_or_else(|| ReadError::UnsupportedEncoding(label.trim().to_string()))?,
                    None => {
                        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
                        detector.feed(bytes, true);
                        detector.guess(None, Utf8Detection::Allow)
                    }
                };
                decode_with(encoding, bytes)?
            }
        }
    };
    check_text(&text)?;
    Ok(normalize_newlines(text))
}

/// UTF-16 without a byte-order mark: text in Latin script has a NUL in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(2000)];
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, ReadError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|cow| cow.into_owned())
        .ok_or_else(|| ReadError::Binary {
            reason: format!("bytes are not valid {}", encoding.name()),
        })
}

/// Rejects text that is mostly control characters (a binary file that happened to decode) and
/// text without any visible character.
fn check_text(text: &str) -> Result<(), ReadError> {
    if let Some(i) = text.find('\0') {
        return Err(ReadError::Binary {
            reason: format!("NUL character at offset {i}"),
        });
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(100_000) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}') {
            control += 1;
        }
    }
    if control * 20 > total {
        return Err(ReadError::Binary {
            reason: format!("{control} control characters in {total}"),
        });
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(())
}

/// CRLF and lone CR become LF.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn encodings() {
        let text = "Südkorea „warnt“ vor Eskalation – 10.000 Soldaten.";
        assert_eq!(decode(text.as_bytes(), None).unwrap(), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, None).unwrap(), text);
        assert_eq!(decode(&utf16(text, false), None).unwrap(), text);
        assert_eq!(decode(&utf16(text, true), None).unwrap(), text);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Die Gespräche über „Sicherheit“ dauerten länger als geplant. Große Sorge in Südkorea.",
        );
        assert_eq!(
            decode(&cp1252, None).unwrap(),
            "Die Gespräche über „Sicherheit“ dauerten länger als geplant. Große Sorge in Südkorea."
        );
        assert_eq!(decode(b"a\r\nb\rc\n", None).unwrap(), "a\nb\nc\n");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, None).unwrap(), text);
        assert_eq!(decode(&be, None).unwrap(), text);
    }

    #[test]
    fn bad_bytes() {
        assert!(matches!(decode(b"", None), Err(ReadError::Empty)));
        assert!(matches!(decode(b" \n\t ", None), Err(ReadError::Empty)));
        assert!(matches!(
            decode(b"ab\0cd", None),
            Err(ReadError::Binary { .. })
        ));
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0], None),
            Err(ReadError::UnsupportedEncoding(_))
        ));
        assert!(matches!(
            decode(b"caf\xe9", Some("x-no-such-charset")),
            Err(ReadError::UnsupportedEncoding(_))
        ));
        let controls: Vec<u8> = (1u8..9).cycle().take(200).collect();
        assert!(matches!(
            decode(&controls, None),
            Err(ReadError::Binary { .. })
        ));
    }
}
