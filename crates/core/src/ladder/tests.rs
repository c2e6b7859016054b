//! The three ladder formats against real files: the Financial Times' job families (MIT), a
//! Monzo progression framework (MIT), and Trellis's own TOML; and the mistakes each is refused
//! for, in words.

use super::{front_matter, job_family, toml_format};

fn testdata(path: &str) -> String {
    let full = format!("{}/../../../shared/testdata/career-ladders/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(full).expect("../shared/testdata beside the checkout")
}

#[test]
fn a_job_family_splits_into_parallel_tracks_at_its_ic_and_pm_levels() {
    let ladder =
        job_family::parse(&testdata("ft-engineering-progression/data_job-families_engineering.yml"), "FT").unwrap();
    assert_eq!(ladder.name, "Engineering");
    assert_eq!(ladder.competencies.len(), 9);
    let tracks: Vec<(&str, Vec<&str>)> =
        ladder.tracks.iter().map(|t| (t.key.as_str(), t.levels.iter().map(|l| l.key.as_str()).collect())).collect();
    assert_eq!(
        tracks,
        vec![
            (
                "individual-contributor",
                vec!["junior", "engineer", "senior-1", "senior-2-ic", "principal-ic", "tech-director"]
            ),
            ("people-manager", vec!["junior", "engineer", "senior-1", "senior-2-pm", "principal-pm", "tech-director"]),
        ]
    );
    let order: Vec<&str> = ladder.levels().iter().map(|l| l.key.as_str()).collect();
    assert_eq!(
        order,
        [
            "junior",
            "engineer",
            "senior-1",
            "senior-2-ic",
            "senior-2-pm",
            "principal-ic",
            "principal-pm",
            "tech-director"
        ]
    );
    let expectations: usize = ladder.levels().iter().map(|l| l.expectations.len()).sum();
    assert_eq!(expectations, 72, "every competency of the file, each once");
    let senior = ladder.positions("senior-1");
    assert_eq!(senior.len(), 2);
    assert_eq!(senior[0].next.map(|l| l.key.as_str()), Some("senior-2-ic"));
    assert_eq!(
        senior[1].further.iter().map(|l| l.key.as_str()).collect::<Vec<_>>(),
        vec!["principal-pm", "tech-director"]
    );
    let operations =
        job_family::parse(&testdata("ft-engineering-progression/data_job-families_operations.yml"), "FT").unwrap();
    assert_eq!(operations.tracks.len(), 1);
}

#[test]
fn a_progression_framework_is_read_from_its_front_matter() {
    let ladder =
        front_matter::parse(&testdata("monzo-progression-framework/engineering_backend.md"), "Backend", "Monzo")
            .unwrap();
    assert_eq!(ladder.name, "Backend Engineering Framework");
    let levels = &ladder.tracks[0].levels;
    assert_eq!(levels.len(), 6);
    assert_eq!(ladder.competencies[0].key, "communication");
    let first = &levels[0].expectations[0];
    assert_eq!(
        (first.competency.as_str(), first.text.as_str()),
        ("communication", "Provides regular status updates to their mentor/buddy")
    );
    assert!(
        levels[1].expectations.iter().any(|e| e.text.starts_with("Provides helpful and actionable feedback")),
        "example criteria count too"
    );
    let written_out =
        front_matter::parse(&testdata("monzo-progression-framework/design_product-design.md"), "Design", "Monzo")
            .unwrap();
    assert_eq!((written_out.name.as_str(), written_out.tracks[0].levels.len()), ("Product Design Framework", 6));
    let names: Vec<&str> = written_out.competencies.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(&names[..3], ["Knowledge", "Ownership", "Collaboration"]);
    assert!(written_out.tracks[0].levels[0].expectations[0].text.starts_with("You are early on in your design career"));
    for file in
        ["generic.md", "people.md", "product.md", "marketing.md", "design_user-research.md", "customer-operations.md"]
    {
        let text = testdata(&format!("monzo-progression-framework/{file}"));
        let read = front_matter::parse(&text, file, "Monzo");
        assert!(read.is_ok(), "{file}: {:?}", read.err());
    }
}

#[test]
fn trellis_own_format_reads_and_names_its_mistakes_by_line() {
    let text = r#"
[ladder]
name = "Support"
credit = "Acme"

[[competency]]
key = "care"
name = "Customer care"

[[track]]
key = "ic"
name = "Individual contributor"

[[track.level]]
key = "s1"
name = "Support engineer"
expect = [{ competency = "care", text = "Answers tickets kindly and on time." }]

[[track.level]]
key = "s2"
name = "Senior support engineer"
expect = [{ competency = "care", text = "Coaches others on hard conversations." }]
"#;
    let ladder = toml_format::parse(text).unwrap();
    assert_eq!(
        (ladder.key.as_str(), ladder.positions("s1")[0].next.map(|l| l.name.as_str())),
        ("support", Some("Senior support engineer"))
    );
    let unknown = toml_format::parse(
        &text.replace("competency = \"care\", text = \"Coaches", "competency = \"carre\", text = \"Coaches"),
    )
    .unwrap_err();
    assert_eq!(
        unknown,
        vec!["Level \"Senior support engineer\" expects something of \"carre\", which is not one of its competencies."]
    );
    let typo = toml_format::parse(&text.replace("name = \"Support\"", "nmae = \"Support\"")).unwrap_err();
    assert!(typo[0].starts_with("Line 2") || typo[0].starts_with("Line 3"), "{typo:?}");
}

#[test]
fn files_that_are_not_ladders_are_refused_in_words() {
    let readme = testdata("jorgef-engineeringladders/README.md");
    assert!(front_matter::parse(&readme, "x", "y").unwrap_err()[0].contains("no front matter"));
    let yaml_error = job_family::parse("name: [unclosed", "x").unwrap_err();
    assert!(yaml_error[0].starts_with("The YAML could not be read"), "{yaml_error:?}");
    let huge = "a".repeat(super::MAX_FILE_BYTES + 1);
    assert!(toml_format::parse(&huge).unwrap_err()[0].contains("larger than"));
    let bomb = "a: &a [1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d]\n";
    assert!(job_family::parse(bomb, "x").is_err(), "nested aliases are not expanded into a ladder");
}

#[test]
fn the_example_in_the_documentation_is_a_ladder() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/ladders.md")).unwrap();
    let start = doc.find("```toml").unwrap() + "```toml".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let ladder = toml_format::parse(example).unwrap();
    let positions = ladder.positions("s1");
    assert_eq!(positions.len(), 2, "the level sits on both tracks");
    assert_eq!(positions[1].next.map(|l| l.name.as_str()), Some("Support lead"));
}
