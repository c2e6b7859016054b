//! The CSRF token as pages carry it: the session's secret token XOR-ed with a fresh random pad,
//! the pad in front. Every page therefore holds different bytes for the same secret, so a
//! compressed page's size tells an attacker who injects text nothing about the token (the
//! BREACH attack on compressed HTTPS responses).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

/// The token to put in a page, for the session's `secret` token.
pub fn mask(secret: &str) -> String {
    let secret = secret.as_bytes();
    let mut pad = vec![0u8; secret.len()];
    rand::rngs::OsRng.fill_bytes(&mut pad);
    let mut masked = pad.clone();
    masked.extend(secret.iter().zip(&pad).map(|(byte, pad)| byte ^ pad));
    URL_SAFE_NO_PAD.encode(masked)
}

/// The secret a page's token was made from; `None` for something no page carried.
pub fn unmask(token: &str) -> Option<Vec<u8>> {
    let bytes = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    if bytes.is_empty() || bytes.len() % 2 != 0 {
        return None;
    }
    let (pad, masked) = bytes.split_at(bytes.len() / 2);
    Some(masked.iter().zip(pad).map(|(byte, pad)| byte ^ pad).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_carries_other_bytes_for_the_same_secret() {
        let secret = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";
        let (first, second) = (mask(secret), mask(secret));
        assert_ne!(first, second);
        assert!(!first.contains(secret));
        assert_eq!(unmask(&first).unwrap(), secret.as_bytes());
        assert_eq!(unmask(&second).unwrap(), secret.as_bytes());
    }

    #[test]
    fn what_no_page_carried_unmasks_to_nothing() {
        assert_eq!(unmask("not base64 !"), None);
        assert_eq!(unmask(""), None);
        assert_eq!(unmask("YWJj"), None);
        assert_ne!(unmask("YWJjZA").unwrap(), b"abcd");
    }
}
