//! Tests of reading and checking playbook files.

use super::*;

const MINIMAL: &str = r#"
[playbook]
key = "check-in"
name = "Quarterly check-in"

[cadence]
every_days = 91

[[conversation]]
key = "check-in"
title = "How is the plan going?"
minutes = 30
exercises = ["action-plan"]

[[conversation.group]]
title = "Progress"

[[conversation.group.prompt]]
text = "Which action moved forward since we last talked?"
hint = "Even a small step counts."
"#;

#[test]
fn a_well_formed_playbook_is_read_whole() {
    let playbook = parse_playbook(MINIMAL).unwrap();
    assert_eq!(playbook.key, "check-in");
    assert_eq!(playbook.cadence.every_days, Some(91));
    let conversation = &playbook.conversations[0];
    assert_eq!((conversation.minutes, conversation.exercises.as_slice()), (30, &[Exercise::ActionPlan][..]));
    assert_eq!(conversation.groups[0].prompts[0].hint.as_deref(), Some("Even a small step counts."));
}

#[test]
fn problems_name_their_line_and_field() {
    let broken = MINIMAL
        .replace("minutes = 30", "minutes = -5")
        .replace(r#"exercises = ["action-plan"]"#, r#"exercises = ["action-plan", "juggling"]"#)
        .replace("text = \"Which action moved forward since we last talked?\"", "text = \"   \"");
    let problems = parse_playbook(&broken).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(text.iter().any(|p| p.starts_with("line 12, conversation[0].minutes: must be from 1 to 480")), "{text:?}");
    assert!(
        text.iter().any(|p| p.starts_with("line 13, conversation[0].exercises[1]: \"juggling\" is not an exercise")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|p| p.starts_with("line 19, conversation[0].group[0].prompt[0].text: must not be empty")),
        "{text:?}"
    );
}

#[test]
fn a_conversation_without_prompts_is_refused() {
    let without = MINIMAL.split("[[conversation.group.prompt]]").next().unwrap();
    let problems = parse_playbook(without).unwrap_err();
    assert_eq!(problems[0].field, "conversation[0].group[0].prompt");
    assert_eq!(problems[0].line, Some(16), "the group that has no prompts");
}

#[test]
fn syntax_errors_and_unknown_fields_point_at_their_line() {
    let problems = parse_playbook("[playbook]\nkey = \"x\"\nname = \n").unwrap_err();
    assert_eq!(problems[0].line, Some(3), "{problems:?}");
    let misspelt = MINIMAL.replace("minutes = 30", "minuets = 30");
    let problems = parse_playbook(&misspelt).unwrap_err();
    assert!(problems[0].message.contains("minuets"), "{problems:?}");
    assert!(problems[0].line.is_some());
}

#[test]
fn keys_must_be_plain_and_unique() {
    let doubled = format!("{MINIMAL}\n{}", &MINIMAL[MINIMAL.find("[[conversation]]").unwrap()..]);
    let problems =
        parse_playbook(&doubled.replace("key = \"check-in\"\nname", "key = \"Check In!\"\nname")).unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["playbook.key", "conversation[1].key"]);
}

#[test]
fn a_file_without_conversations_is_refused() {
    let problems = parse_playbook("[playbook]\nkey = \"empty\"\nname = \"Empty\"\n").unwrap_err();
    assert_eq!(problems[0].field, "conversation");
}

#[test]
fn deeply_nested_values_are_refused_not_a_stack_overflow() {
    for nested in ["x = ".to_string() + &"[".repeat(100_000), "x = ".to_string() + &"{ a = ".repeat(100_000)] {
        let text = format!("{MINIMAL}\n{nested}");
        let problems = parse_playbook(&text).unwrap_err();
        assert_eq!(problems[0].field, "file", "{problems:?}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC{0,300}") {
            let _ = parse_playbook(&text);
        }

        #[test]
        fn minutes_outside_the_range_are_always_refused(minutes in prop_oneof![-1000i64..1, 481i64..100_000]) {
            let text = MINIMAL.replace("minutes = 30", &format!("minutes = {minutes}"));
            let problems = parse_playbook(&text).unwrap_err();
            prop_assert_eq!(problems[0].field.as_str(), "conversation[0].minutes");
        }
    }
}
