use super::*;

fn d(raw: &str, order: Option<DateOrder>) -> String {
    read_date(raw, order).map(|d| d.to_string()).unwrap_or_else(|e| format!("error: {e}"))
}

#[test]
fn common_date_formats_are_read() {
    for (raw, expected) in [
        ("2011-07-05", "2011-07-05"),
        ("2011/07/05", "2011-07-05"),
        ("2011-07-05T00:00:00", "2011-07-05"),
        ("2011-07-05 09:30", "2011-07-05"),
        ("13/5/2011", "2011-05-13"),
        ("5/13/2011", "2011-05-13"),
        ("05.07.2011", "error"),
        ("7/7/2011", "2011-07-07"),
        ("5 Jul 2011", "2011-07-05"),
        ("05-Jul-2011", "2011-07-05"),
        ("July 5, 2011", "2011-07-05"),
        ("5 July 2011", "2011-07-05"),
        ("2011 Jul 5", "2011-07-05"),
        ("31/12/99", "1999-12-31"),
    ] {
        let read = d(raw, None);
        assert!(read.starts_with(expected), "{raw}: {read}");
    }
}

#[test]
fn an_ambiguous_date_needs_the_order_and_says_both_readings() {
    let refused = d("7/5/2011", None);
    assert!(refused.contains("could be 7 May 2011 or 5 July 2011"), "{refused}");
    assert!(refused.contains("--date-format dmy"), "{refused}");
    assert_eq!(d("7/5/2011", Some(DateOrder::DayFirst)), "2011-05-07");
    assert_eq!(d("7/5/2011", Some(DateOrder::MonthFirst)), "2011-07-05");
    assert_eq!(d("13/5/2011", Some(DateOrder::MonthFirst)), "2011-05-13", "only one reading exists");
    assert!(d("31/2/2011", Some(DateOrder::DayFirst)).contains("not a day of the calendar"));
    assert!(d("soon", None).contains("is not a date"));
    assert!(d("13/13/2011", None).contains("is not a date"));
}

#[test]
fn the_file_shows_the_order_when_one_value_can_only_be_read_one_way() {
    assert_eq!(date_order_shown(&["7/5/2011", "13/5/2011"]), Some(DateOrder::DayFirst));
    assert_eq!(date_order_shown(&["7/5/2011", "5/13/2011"]), Some(DateOrder::MonthFirst));
    assert_eq!(date_order_shown(&["7/5/2011", "1/2/2012"]), None);
    assert_eq!(date_order_shown(&["13/5/2011", "5/13/2011"]), None, "a file that shows both says nothing");
    assert_eq!(date_order_shown(&["2011-07-05"]), None);
}

#[test]
fn status_words_of_real_hr_systems_are_known_and_the_organisations_own_win() {
    for active in ["Active", "Leave of Absence", "On Leave", "Future Start", "Full-Time", "", "yes", "Employed"] {
        assert_eq!(read_status(active, &[], &[]), Ok(true), "{active}");
    }
    for gone in ["Voluntarily Terminated", "Terminated for Cause", "Inactive", "Retired", "Laid off", "no", "Leaver"] {
        assert_eq!(read_status(gone, &[], &[]), Ok(false), "{gone}");
    }
    let unknown = read_status("Garden leave pending", &[], &["garden leave pending".into()]);
    assert_eq!(unknown, Ok(false), "the organisation's word wins");
    let refused = read_status("Alumni", &[], &[]).unwrap_err();
    assert!(refused.contains("--inactive-values \"Alumni\""), "{refused}");
}

#[test]
fn names_written_last_name_first_are_turned_round() {
    assert_eq!(display_name("Park, Lena", NameOrder::LastFirst), "Lena Park");
    assert_eq!(display_name("  Ruiz ,  Ana Maria ", NameOrder::LastFirst), "Ana Maria Ruiz");
    assert_eq!(display_name("Park, Lena", NameOrder::FirstLast), "Park, Lena");
    assert_eq!(display_name("Lena Park", NameOrder::LastFirst), "Lena Park");
    assert_eq!(name_order_shown(&["Park, Lena", "Ruiz, Ana", ""]), NameOrder::LastFirst);
    assert_eq!(name_order_shown(&["Park, Lena", "Ana Ruiz"]), NameOrder::FirstLast);
    assert_eq!(name_order_shown(&["Smith, Jr., John"]), NameOrder::FirstLast);
}
