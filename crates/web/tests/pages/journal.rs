//! HTTP tests of the journal's calendar look-back and its summary: a real export is read and
//! tagged, a malformed one is refused with its reason and stores nothing, only the person
//! imports, and the summary shows a manager only what was shared. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::artefact::Kind;
use trellis_testkit::team::{import_team_with_passwords, signed_in, VIENNA_MORNING};
use trellis_testkit::{both_engines, TestApp, Visitor};

fn testdata(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../../shared/testdata/icalendar/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The value of the hidden input `name` on a page.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name}")) + marker.len();
    body[start..].split('"').next().unwrap().to_string()
}

async fn upload(visitor: &Visitor, import: &str, file: &str, from: &str, to: &str) -> trellis_testkit::Page {
    visitor.get(import).await;
    let file_name = file.rsplit('/').next().unwrap();
    visitor
        .upload_as(import, ("calendar", file_name, "text/calendar"), testdata(file), &[("from", from), ("to", to)])
        .await
}

/// The preview's form as a browser would send it, with `feelings` chosen row by row.
fn tagged(preview: &str, feelings: &[&str]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> =
        ["rows", "time_zone", "once_key"].iter().map(|k| (k.to_string(), hidden(preview, k))).collect();
    form.push(("tags".into(), "calendar".into()));
    form.push(("visibility".into(), "private".into()));
    for (i, feeling) in feelings.iter().enumerate() {
        for field in ["title", "date", "when"] {
            form.push((format!("{field}-{i}"), hidden(preview, &format!("{field}-{i}"))));
        }
        form.push((format!("feeling-{i}"), feeling.to_string()));
    }
    form
}

both_engines! {
    async fn each_row_of_the_look_back_has_its_own_controls_in_the_persons_zone_and_saves_once(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        ana.get(&import).await;
        let fields = [("from", "2024-11-01"), ("to", "2024-11-30"), ("time_zone", "Europe/Vienna")];
        let preview = ana.upload_as(&import, ("calendar", "vienna.ics", "text/calendar"), VIENNA_MORNING.as_bytes().to_vec(), &fields).await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert!(preview.has("at their times in Europe/Vienna") && preview.has("Mon 4 Nov 2024 10:00"), "shown on Ana's clock: {}", preview.body);
        for i in 0..3 {
            assert_eq!(preview.body.matches(&format!("name=\"feeling-{i}\"")).count(), 3, "row {i} has its own three choices");
            for value in ["love", "loathe", "skip"] {
                assert_eq!(preview.body.matches(&format!("id=\"feeling-{i}-{value}\"")).count(), 1, "ids are unique");
            }
        }
        let form = tagged(&preview.body, &["loathe", "love", "skip"]);
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(ana.post(&format!("{import}/save"), &fields).await.status, 303);
        let again = ana.post(&format!("{import}/save"), &fields).await;
        assert_eq!(again.location(), Some(format!("/people/{}/plan/journal?done=imported-already", team.id("Ana")).as_str()));
        let entries = db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::JournalEntry)).await.unwrap();
        let mut saved: Vec<(&str, &str)> = entries.iter().map(|e| (e.field("activity"), e.field("feeling"))).collect();
        saved.sort();
        assert_eq!(saved, [("Mentoring Sam", "love"), ("Stand-up", "loathe")], "each feeling on its own event, once");
    }

    async fn a_busy_years_export_of_five_megabytes_previews_a_month(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        assert!(ana.get(&import).await.has("Up to 16 MB"), "the limit is on the form");
        let mut file = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        let mut i = 0;
        while file.len() < 5_000_000 {
            let (month, day, hour) = (1 + (i / 28) % 12, 1 + i % 28, 8 + i % 9);
            file.push_str(&format!("BEGIN:VEVENT\r\nUID:{i}@test\r\nDTSTART:2025{month:02}{day:02}T{hour:02}0000Z\r\nDTEND:2025{month:02}{day:02}T{hour:02}3000Z\r\nSUMMARY:Meeting {i} about the planning of the quarter, with an agenda long enough to be real\r\nEND:VEVENT\r\n"));
            i += 1;
        }
        file.push_str("END:VCALENDAR\r\n");
        let fields = [("from", "2025-03-01"), ("to", "2025-03-07"), ("time_zone", "UTC")];
        let preview = ana.upload_as(&import, ("calendar", "year.ics", "text/calendar"), file.into_bytes(), &fields).await;
        assert_eq!(preview.status, 200, "{}", preview.body.chars().take(400).collect::<String>());
        assert!(preview.has("in this range"), "{}", preview.body.chars().take(400).collect::<String>());
    }

    async fn an_event_that_cannot_be_read_is_left_out_and_named_on_the_preview(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        let preview = upload(&ana, &import, "malformed/icalendar__issue_722_missing_timezones.ics", "2014-08-01", "2014-09-30").await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert!(preview.has("1 event of the file could not be read and is left out"), "{}", preview.body);
        assert!(preview.has("it has no start (DTSTART)"), "{}", preview.body);
    }

    async fn a_time_zone_that_does_not_exist_is_refused_by_name(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        ana.get(&import).await;
        let fields = [("from", "2024-11-01"), ("to", "2024-11-30"), ("time_zone", "Mars/Olympus")];
        let refused = ana.upload_as(&import, ("calendar", "vienna.ics", "text/calendar"), VIENNA_MORNING.as_bytes().to_vec(), &fields).await;
        assert_eq!(refused.status, 422);
        assert!(refused.has("not a time zone Trellis knows") && refused.has("value=\"Mars/Olympus\""), "{}", refused.body);
    }

    async fn a_calendar_export_is_tagged_into_the_journal(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        let preview = upload(&ana, &import, "recurrence-timezones/recurring-ical-events__each_week_but_two_deleted.ics", "2019-03-01", "2019-04-30").await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert!(preview.has("6 events in this range"), "eight weeks less two deleted: {}", preview.body);
        assert_eq!(hidden(&preview.body, "rows"), "6");

        let mut form: Vec<(String, String)> = vec![("rows".into(), "6".into()), ("tags".into(), "calendar, team".into()), ("visibility".into(), "shared".into()), ("once_key".into(), hidden(&preview.body, "once_key"))];
        for i in 0..6 {
            for field in ["title", "date", "when"] {
                form.push((format!("{field}-{i}"), hidden(&preview.body, &format!("{field}-{i}"))));
            }
            let feeling = match i { 0 => "love", 1 => "loathe", _ => "skip" };
            form.push((format!("feeling-{i}"), feeling.into()));
        }
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let saved = ana.post(&format!("{import}/save"), &fields).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let entries = db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::JournalEntry)).await.unwrap();
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().all(|e| e.field("activity") == "test6" && e.field("tags") == "calendar, team"));
        let feelings: Vec<&str> = entries.iter().map(|e| e.field("feeling")).collect();
        assert!(feelings.contains(&"love") && feelings.contains(&"loathe"));

        let none = ana.post(&format!("{import}/save"), &[("rows", "1"), ("title-0", "x"), ("date-0", "2019-03-04"), ("feeling-0", "skip")]).await;
        assert_eq!(none.status, 422);
        assert!(none.has("Mark at least one event"));

        let summary = ana.get(&format!("/people/{}/journal/summary", team.id("Ana"))).await;
        assert!(summary.has("1 loved and 1 loathed"), "{}", summary.body);
        assert!(summary.has("role=\"img\"") && summary.has("<th scope=\"row\">2019-"), "a picture and its table");
        assert!(summary.has("<strong>calendar</strong>: loved 1, loathed 1"));
    }

    async fn a_malformed_calendar_is_refused_and_nothing_is_stored(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let import = format!("/people/{}/journal/import", team.id("Ana"));
        let refused = upload(&ana, &import, "malformed/icalendar__broken_dtstart.ics", "2024-01-01", "2024-03-01").await;
        assert_eq!(refused.status, 422);
        assert!(refused.has("This file cannot be imported") && refused.has("DTSTART"), "{}", refused.body);
        let cut_short = upload(&ana, &import, "malformed/icalendar__small_bad_calendar.ics", "2024-01-01", "2024-03-01").await;
        assert!(cut_short.has("cut short"), "{}", cut_short.body);
        let too_long = upload(&ana, &import, "recurrence-timezones/icaljs__rdate_exdate.ics", "2020-01-01", "2024-03-01").await;
        assert_eq!(too_long.status, 422);
        assert!(too_long.has("longer than 400 days") && too_long.has("value=\"2020-01-01\""), "the range is kept");
        assert!(db.store.artefacts(&team.actor("Ana"), &team.id("Ana"), Some(Kind::JournalEntry)).await.unwrap().is_empty());
    }

    async fn only_the_person_imports_and_the_manager_summary_shows_what_is_shared(db) {
        let team = import_team_with_passwords(&db.store).await;
        let app = TestApp::start(db).await;
        let ana = signed_in(&app, "Ana").await;
        let journal = format!("/people/{}/plan/journal", team.id("Ana"));
        ana.get(&journal).await;
        ana.post(&journal, &[("activity", "Mentoring the interns"), ("feeling", "love"), ("on", "2024-05-06"), ("visibility", "shared")]).await;
        ana.post(&journal, &[("activity", "Secret loathed task"), ("feeling", "loathe"), ("on", "2024-05-07"), ("visibility", "private")]).await;

        let lena = signed_in(&app, "Lena").await;
        assert_eq!(lena.get(&format!("/people/{}/journal/import", team.id("Ana"))).await.status, 403);
        let summary = lena.get(&format!("/people/{}/journal/summary", team.id("Ana"))).await;
        assert_eq!(summary.status, 200);
        assert!(summary.has("1 loved and 0 loathed"), "{}", summary.body);
        assert!(!summary.has("Secret"));
        for outsider in ["Hana", "Ben"] {
            let visitor = signed_in(&app, outsider).await;
            assert_eq!(visitor.get(&format!("/people/{}/journal/summary", team.id("Ana"))).await.status, 403, "{outsider}");
        }
    }
}
