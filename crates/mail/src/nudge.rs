//! The words of mails that ask something of the reader — reminders, the weekly summary of a
//! team, the question of what a new manager may see — in one layout: a greeting, a few
//! sentences, a list when there is one, the actions as links, and a closing line saying why
//! the mail came and how to stop that kind.

use askama::Template;

/// One thing the reader can do from the mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub label: String,
    pub link: String,
}

impl Action {
    pub fn new(label: &str, link: String) -> Self {
        Self { label: label.to_string(), link }
    }
}

/// A mail that asks something of its reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nudge {
    /// The reader's name.
    pub name: String,
    pub subject: String,
    pub paragraphs: Vec<String>,
    /// Lines of a list (the people of a weekly summary).
    pub list: Vec<String>,
    pub actions: Vec<Action>,
    /// Why the mail came.
    pub why: String,
    /// Where one click stops this kind of mail, when it can be stopped.
    pub unsubscribe: Option<String>,
}

#[derive(Template)]
#[template(path = "nudge.txt")]
pub(crate) struct NudgeText<'a> {
    pub first_name: &'a str,
    pub nudge: &'a Nudge,
}

#[derive(Template)]
#[template(path = "nudge.html")]
pub(crate) struct NudgeHtml<'a> {
    pub first_name: &'a str,
    pub nudge: &'a Nudge,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Notice;

    #[test]
    fn a_nudge_has_its_sentences_links_and_a_way_to_stop_it() {
        let nudge = Nudge {
            name: "Ana Ruiz".into(),
            subject: "Are you ready for “Dreams”?".into(),
            paragraphs: vec!["“Dreams” is tomorrow at 14:00.".into()],
            list: vec!["Bo <Smith>".into()],
            actions: vec![Action::new("I'm ready", "https://t.example/mail/abc/ready".into())],
            why: "You get reminders of what is yours to do.".into(),
            unsubscribe: Some("https://t.example/unsubscribe/xyz".into()),
        };
        let composed = Notice::Nudge(nudge).compose().unwrap();
        assert_eq!(composed.subject, "Are you ready for “Dreams”?");
        assert!(composed.text.starts_with("Hello Ana,"), "{}", composed.text);
        assert!(composed.text.contains("I'm ready: https://t.example/mail/abc/ready"), "{}", composed.text);
        assert!(composed.text.contains("https://t.example/unsubscribe/xyz"));
        assert!(composed.html.contains("href=\"https://t.example/mail/abc/ready\""), "{}", composed.html);
        assert!(composed.html.contains("Bo &#60;Smith&#62;"), "{}", composed.html);
        assert_eq!(composed.unsubscribe.as_deref(), Some("https://t.example/unsubscribe/xyz"));
    }
}
