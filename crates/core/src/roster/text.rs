//! An import file as text, whatever saved it: UTF-8 with or without a byte-order mark,
//! UTF-16 ("Unicode text" from Excel), or Windows-1252 (Excel's "CSV" in much of Europe and
//! the Americas); and the character between values, found from the header line (a comma, a
//! semicolon where the comma is the decimal sign, a tab, or a bar).

use super::options::TextEncoding;
use super::ImportProblem;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Whether the bytes look like UTF-16 without a byte-order mark: text with a zero byte
/// beside most characters.
fn looks_like_utf16le(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(400) & !1];
    let odd_zeros = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    sample.len() >= 4 && odd_zeros * 4 >= sample.len()
}

fn decoded(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The file's text, in the encoding given or the one it shows, and that encoding's name when it
/// is not UTF-8 (for saying how the file was read).
pub fn decode(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<(String, Option<&'static str>), ImportProblem> {
    let text = decode_text(bytes, encoding)?;
    let shown = match encoding {
        Some(TextEncoding::Utf8) => None,
        Some(TextEncoding::Windows1252) => Some("Windows-1252"),
        Some(TextEncoding::Utf16) => Some("UTF-16"),
        None if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) => Some("UTF-16"),
        None if std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).is_ok() => None,
        None if looks_like_utf16le(bytes) => Some("UTF-16"),
        None => Some("Windows-1252"),
    };
    Ok((text, shown))
}

fn decode_text(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<String, ImportProblem> {
    let utf16 = |bytes: &[u8]| match bytes {
        [0xFE, 0xFF, rest @ ..] => decoded(UTF_16BE, rest),
        [0xFF, 0xFE, rest @ ..] => decoded(UTF_16LE, rest),
        _ => decoded(UTF_16LE, bytes),
    };
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match encoding {
        Some(TextEncoding::Utf16) => Ok(utf16(bytes)),
        Some(TextEncoding::Windows1252) => Ok(decoded(WINDOWS_1252, without_bom)),
        Some(TextEncoding::Utf8) => String::from_utf8(without_bom.to_vec()).map_err(|error| {
            let line = 1 + without_bom[..error.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count();
            ImportProblem::row(
                line,
                "is not UTF-8 text; save the file as UTF-8, or say how it was saved with --encoding windows-1252",
            )
        }),
        None if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) => Ok(utf16(bytes)),
        None => match std::str::from_utf8(without_bom) {
            Ok(text) => Ok(text.to_string()),
            Err(_) if looks_like_utf16le(bytes) => Ok(utf16(bytes)),
            Err(_) => Ok(decoded(WINDOWS_1252, without_bom)),
        },
    }
}

/// The delimiter the header line uses most, outside quotes; a comma when it shows none.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
                entry.1 += 1;
            }
        }
    }
    counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_spreadsheets_save_reads_as_the_same_text() {
        let text = "name;email\nJosé Müller;jose@acme.test\n";
        let cp1252: Vec<u8> = WINDOWS_1252.encode(text).0.into_owned();
        assert_ne!(cp1252, text.as_bytes(), "é and ü are single bytes there");
        assert_eq!(decode(&cp1252, None).unwrap(), (text.to_string(), Some("Windows-1252")));
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, None).unwrap(), (text.to_string(), Some("UTF-16")));
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare, None).unwrap().0, text, "UTF-16 without a byte-order mark");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, None).unwrap(), (text.to_string(), None));
        let refused = decode(&cp1252, Some(TextEncoding::Utf8)).unwrap_err();
        assert_eq!(refused.row, Some(2));
        assert!(refused.message.contains("--encoding windows-1252"), "{}", refused.message);
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(sniff_delimiter("name,email\n"), b',');
        assert_eq!(sniff_delimiter("name;email;\"a,b\"\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("name\temail\tmanager\n"), b'\t');
        assert_eq!(sniff_delimiter("name\n"), b',');
    }
}
