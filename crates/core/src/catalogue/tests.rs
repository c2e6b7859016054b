//! The built-in catalogue as the pages use it: lookups, search order, suggestions.

use super::*;

#[test]
fn both_sources_are_loaded_in_full() {
    let catalogue = Catalogue::builtin();
    assert_eq!(catalogue.career_count(Source::Onet), 1110);
    assert_eq!(catalogue.career_count(Source::Esco), 2942);
    let groups = |g: &str| catalogue.competencies().iter().filter(|c| c.group == g).count();
    assert_eq!((groups("skill"), groups("work-style"), groups("transversal")), (35, 16, 105));
    let developers = catalogue.career("onet:15-1132.00").unwrap();
    assert_eq!(developers.title, "Software Developers, Applications");
    assert!(catalogue.career("onet:99-9999.99").is_none());
}

#[test]
fn search_puts_title_matches_first_and_needs_every_word() {
    let catalogue = Catalogue::builtin();
    let page = catalogue.search_careers("  Nurse ", Some(Source::Onet), 0, 500);
    assert!(page.total > 3);
    let first_summary_only = page.careers.iter().position(|c| !c.title.to_lowercase().contains("nurse"));
    if let Some(at) = first_summary_only {
        assert!(page.careers[at..].iter().all(|c| !c.title.to_lowercase().contains("nurse")));
    }
    let both = catalogue.search_careers("software quality", None, 0, 50);
    assert!(both.careers.iter().all(|c| {
        let text = format!("{} {}", c.title, c.summary).to_lowercase();
        text.contains("software") && text.contains("quality")
    }));
    let everything = catalogue.search_careers("", None, 20, 10);
    assert_eq!((everything.total, everything.careers.len()), (1110 + 2942, 10));
    assert_eq!(catalogue.search_careers("qqqzzz", None, 0, 10).total, 0);
}

#[test]
fn suggestions_are_the_ten_most_important_from_the_data() {
    let catalogue = Catalogue::builtin();
    let suggested = catalogue.suggestions("onet:11-1011.00");
    assert_eq!(suggested.len(), MAX_SUGGESTIONS);
    let names: Vec<&str> = suggested.iter().map(|c| c.name).collect();
    assert!(names.contains(&"Integrity") || names.contains(&"Leadership"), "{names:?}");
    let esco = catalogue.search_careers("software developer", Some(Source::Esco), 0, 1).careers[0].reference();
    assert!(catalogue.suggestions(&esco).is_empty());
    assert!(catalogue.suggestions("not a reference").is_empty());
}
