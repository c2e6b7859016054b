//! The `filter` of a Users query (RFC 7644 §3.4.2.2), as far as provisioning needs it: equality
//! on `userName`, `externalId`, `id` or `emails.value`, several joined by `and`. That covers
//! how Okta and Microsoft Entra look a person up before they create or link them; anything
//! else is refused with `invalidFilter`, naming what could not be read.

use super::{ScimError, CORE_USER};

/// The longest filter accepted, in bytes.
const MAX_FILTER_BYTES: usize = 1000;

/// An attribute a filter may compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterAttribute {
    UserName,
    ExternalId,
    Id,
    Email,
}

/// `attribute eq "value"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equality {
    pub attribute: FilterAttribute,
    pub value: String,
}

/// Reads a filter into the comparisons that must all hold.
pub fn parse(raw: &str) -> Result<Vec<Equality>, ScimError> {
    if raw.len() > MAX_FILTER_BYTES {
        return Err(ScimError::invalid_filter(format!("The filter is longer than {MAX_FILTER_BYTES} bytes.")));
    }
    let tokens = tokens(raw)?;
    let mut comparisons = Vec::new();
    let mut rest = tokens.as_slice();
    loop {
        let [Token::Word(attribute), Token::Word(operator), value, tail @ ..] = rest else {
            return Err(ScimError::invalid_filter(
                "A filter here is attribute eq \"value\", joined by and: userName eq \"ana@example.org\".",
            ));
        };
        if !operator.eq_ignore_ascii_case("eq") {
            return Err(ScimError::invalid_filter(format!("Only eq is supported, not {operator}.")));
        }
        let value = match value {
            Token::Text(text) => text.clone(),
            Token::Word(word) => word.clone(),
        };
        if value.chars().any(char::is_control) {
            return Err(ScimError::invalid_filter("A filter value cannot hold control characters."));
        }
        comparisons.push(Equality { attribute: attribute_of(attribute)?, value });
        match tail {
            [] => return Ok(comparisons),
            [Token::Word(and), more @ ..] if and.eq_ignore_ascii_case("and") => rest = more,
            _ => return Err(ScimError::invalid_filter("Only and may join comparisons.")),
        }
    }
}

fn attribute_of(raw: &str) -> Result<FilterAttribute, ScimError> {
    let name = raw.strip_prefix(CORE_USER).and_then(|r| r.strip_prefix(':')).unwrap_or(raw).to_ascii_lowercase();
    match name.as_str() {
        "username" => Ok(FilterAttribute::UserName),
        "externalid" => Ok(FilterAttribute::ExternalId),
        "id" => Ok(FilterAttribute::Id),
        "emails" | "emails.value" => Ok(FilterAttribute::Email),
        _ => Err(ScimError::invalid_filter(format!(
            "Users can be filtered by userName, externalId, id or emails.value, not {raw}."
        ))),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Text(String),
}

fn tokens(raw: &str) -> Result<Vec<Token>, ScimError> {
    let mut tokens = Vec::new();
    let mut chars = raw.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut text = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => text.push(chars.next().ok_or_else(unclosed)?),
                    Some(c) => text.push(c),
                    None => return Err(unclosed()),
                }
            }
            tokens.push(Token::Text(text));
        } else if c == '(' || c == ')' || c == '[' || c == ']' {
            return Err(ScimError::invalid_filter("Grouping with brackets is not supported."));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace() && **c != '"') {
                word.push(c);
                chars.next();
            }
            tokens.push(Token::Word(word));
        }
    }
    Ok(tokens)
}

fn unclosed() -> ScimError {
    ScimError::invalid_filter("A quoted value is not closed.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lookups_of_identity_providers_are_read() {
        assert_eq!(
            parse("userName eq \"ana@acme.test\"").unwrap(),
            vec![Equality { attribute: FilterAttribute::UserName, value: "ana@acme.test".into() }]
        );
        let both = parse("externalId eq \"00u1\" and emails.value EQ \"a\\\"b\"").unwrap();
        assert_eq!(both[0].attribute, FilterAttribute::ExternalId);
        assert_eq!(both[1], Equality { attribute: FilterAttribute::Email, value: "a\"b".into() });
        assert_eq!(parse(&format!("{CORE_USER}:userName eq \"x\"")).unwrap()[0].attribute, FilterAttribute::UserName);
    }

    #[test]
    fn other_filters_are_refused_in_words() {
        for bad in [
            "userName eq \"a\u{0}b\"",
            "userName co \"a\"",
            "title eq \"x\"",
            "userName eq \"a",
            "(userName eq \"a\")",
            "userName eq \"a\" or id eq \"b\"",
            "userName",
        ] {
            let error = parse(bad).unwrap_err();
            assert_eq!(error.scim_type, Some("invalidFilter"), "{bad}");
        }
    }
}
