//! Rules for passwords people choose. Length is what matters; no composition rules.

use crate::Error;

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks a new password and its confirmation.
pub fn check_new_password(password: &str, confirmation: &str) -> Result<(), Error> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(Error::invalid("password", format!("must be at least {MIN_PASSWORD_CHARS} characters")));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(Error::invalid("password", format!("must be at most {MAX_PASSWORD_CHARS} characters")));
    }
    if password.trim().is_empty() {
        return Err(Error::invalid("password", "must not be only spaces"));
    }
    if password != confirmation {
        return Err(Error::invalid("password_confirmation", "does not match the password"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_length_and_a_matching_confirmation() {
        assert!(check_new_password("short", "short").is_err());
        assert!(check_new_password("          ", "          ").is_err());
        let error = check_new_password("long enough now", "long enough n0w").unwrap_err();
        assert_eq!(error.field_errors()[0].field, "password_confirmation");
        assert!(check_new_password("long enough now", "long enough now").is_ok());
    }
}
