//! Looking back through a calendar: the person uploads an .ics export and picks a date range,
//! sees every event in it (repeats expanded, on their organisation's clock), marks each as
//! loved, loathed or neither, and saves. Nothing is kept between the two steps except what the
//! preview form carries back, and the save writes every chosen entry or none.

use super::super::forms::{FormErrors, HtmlForm};
use super::super::layout::Layout;
use super::super::plan::own_space;
use super::super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::ToSpan;
use std::collections::HashMap;
use trellis_core::artefact::{Fields, Kind, MAX_LINE};
use trellis_core::calendar::{events_between, Occurrence};
use trellis_core::policy::Visibility;
use trellis_core::{Error, FieldError};
use trellis_store::NewArtefact;

#[derive(Template)]
#[template(path = "pages/journal/import.html")]
struct UploadPage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    from: String,
    to: String,
    time_zone: String,
}

/// One event offered for tagging.
pub struct Row {
    pub title: String,
    pub date: String,
    pub when: String,
    pub choice: String,
}

#[derive(Template)]
#[template(path = "pages/journal/import_preview.html")]
struct PreviewPage {
    layout: Layout,
    errors: FormErrors,
    person_id: String,
    file_name: String,
    events_in_file: usize,
    /// Events of the file that could not be read, with the reason.
    left_out: Vec<String>,
    rows: Vec<Row>,
    tags: String,
    visibility: Visibility,
    time_zone: String,
    /// Made when the preview is shown: saving it twice adds its entries once.
    once_key: String,
}

impl PreviewPage {
    fn visibilities(&self) -> [Visibility; 3] {
        Visibility::LINE
    }
}

const LOOKING_BACK_IS_THE_PERSONS: &str = "Only the person looks back through their own calendar.";

pub async fn upload_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (person, _) = own_space(&state, &viewer, &id, LOOKING_BACK_IS_THE_PERSONS).await?;
    let time_zone = crate::html::layout::reader_zone();
    let today = jiff::Timestamp::now().to_zoned(zone_named(&time_zone).unwrap_or(TimeZone::UTC)).date();
    let from = today.checked_sub(4.weeks()).unwrap_or(today);
    let page = UploadPage {
        layout: Layout::for_viewer(&state, &viewer, "Look back through your calendar").await?,
        errors: FormErrors::default(),
        person_id: person.to_string(),
        from: from.to_string(),
        to: today.to_string(),
        time_zone,
    };
    Ok(render(&page)?.into_response())
}

struct Upload {
    file_name: String,
    bytes: Vec<u8>,
    from: String,
    to: String,
    time_zone: String,
}

/// The zone of a name the person typed, if it names one.
fn zone_named(name: &str) -> Option<TimeZone> {
    TimeZone::get(name.trim()).ok()
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, Error> {
    let mut upload = Upload {
        file_name: String::new(),
        bytes: Vec::new(),
        from: String::new(),
        to: String::new(),
        time_zone: String::new(),
    };
    let bad = |e: axum::extract::multipart::MultipartError| {
        Error::invalid("calendar", format!("the upload could not be read ({})", e.body_text()))
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "calendar" => {
                upload.file_name = field.file_name().unwrap_or("calendar.ics").to_string();
                upload.bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            "from" => upload.from = field.text().await.map_err(bad)?,
            "to" => upload.to = field.text().await.map_err(bad)?,
            "time_zone" => upload.time_zone = field.text().await.map_err(bad)?.trim().to_string(),
            _ => {}
        }
    }
    Ok(upload)
}

fn parse_date(field: &str, value: &str) -> Result<Date, Error> {
    value.trim().parse().map_err(|_| Error::invalid(field, "should be a date like 2024-03-31"))
}

fn rows_of(occurrences: &[Occurrence]) -> Vec<Row> {
    occurrences
        .iter()
        .map(|o| Row {
            title: o.title.chars().take(MAX_LINE).collect(),
            date: o.date.to_string(),
            when: match o.time {
                Some(time) => format!("{} {}", o.date.strftime("%a %-d %b %Y"), time.strftime("%H:%M")),
                None => format!("{} (all day)", o.date.strftime("%a %-d %b %Y")),
            },
            choice: "skip".into(),
        })
        .collect()
}

/// Reads the upload and lists its events in the range for tagging.
pub async fn preview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, PageError> {
    let (person, _) = own_space(&state, &viewer, &id, LOOKING_BACK_IS_THE_PERSONS).await?;
    let mut upload = read_upload(multipart).await;
    if let Ok(upload) = upload.as_mut() {
        if upload.time_zone.is_empty() {
            upload.time_zone = crate::html::layout::reader_zone();
        }
    }
    let read = upload.as_ref().map_err(|e| Error::invalid("calendar", e.to_string())).and_then(|upload| {
        if upload.bytes.is_empty() {
            return Err(Error::invalid("calendar", "choose an .ics file exported from your calendar"));
        }
        let home = zone_named(&upload.time_zone).ok_or_else(|| {
            Error::invalid("time_zone", "is not a time zone Trellis knows; write it like Europe/Vienna")
        })?;
        let from = parse_date("from", &upload.from)?;
        events_between(&upload.bytes, from, parse_date("to", &upload.to)?, &home)
    });
    let (upload, read) = match (upload, read) {
        (Ok(upload), Ok(read)) => (upload, read),
        (upload, Err(error)) => {
            let (from, to, time_zone) = upload.map(|u| (u.from, u.to, u.time_zone)).unwrap_or_default();
            let page = UploadPage {
                layout: Layout::for_viewer(&state, &viewer, "Look back through your calendar").await?,
                errors: FormErrors::from_error(error)?,
                person_id: person.to_string(),
                from,
                to,
                time_zone,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        (Err(error), Ok(_)) => return Err(error.into()),
    };
    let page = PreviewPage {
        layout: Layout::for_viewer(&state, &viewer, "Tag your calendar").await?,
        errors: FormErrors::default(),
        person_id: person.to_string(),
        file_name: upload.file_name,
        events_in_file: read.events_in_file,
        rows: rows_of(&read.occurrences),
        left_out: read.left_out,
        tags: "calendar".into(),
        visibility: Visibility::Private,
        time_zone: upload.time_zone,
        once_key: trellis_store::new_secret(),
    };
    Ok(render(&page)?.into_response())
}

/// The rows the preview form sends back, with the person's choice for each.
fn rows_from_form(form: &HashMap<String, String>) -> Vec<Row> {
    let count: usize =
        form.get("rows").and_then(|n| n.parse().ok()).unwrap_or(0).min(trellis_core::calendar::MAX_OCCURRENCES);
    let get = |key: String| form.get(&key).cloned().unwrap_or_default();
    (0..count)
        .map(|i| Row {
            title: get(format!("title-{i}")),
            date: get(format!("date-{i}")),
            when: get(format!("when-{i}")),
            choice: get(format!("feeling-{i}")),
        })
        .collect()
}

/// Saves the loved and loathed events as journal entries, all or none.
pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (person, _) = own_space(&state, &viewer, &id, LOOKING_BACK_IS_THE_PERSONS).await?;
    let rows = rows_from_form(&form);
    let tags = form.get("tags").cloned().unwrap_or_default();
    let visibility = form.get("visibility").and_then(|v| Visibility::parse(v)).unwrap_or_default();
    let entries: Vec<NewArtefact> = rows
        .iter()
        .filter(|row| row.choice == "love" || row.choice == "loathe")
        .map(|row| NewArtefact {
            kind: Kind::JournalEntry,
            fields: Fields::from([
                ("activity".to_string(), row.title.clone()),
                ("feeling".to_string(), row.choice.clone()),
                ("on".to_string(), row.date.clone()),
                ("tags".to_string(), tags.clone()),
            ]),
            visibility,
            parent: None,
        })
        .collect();
    let once_key = form.get("once_key").filter(|key| !key.is_empty());
    let result = if entries.is_empty() {
        Err(Error::Invalid(vec![FieldError::new("form", "Mark at least one event as loved or loathed, or go back.")]))
    } else {
        state
            .store()
            .add_artefacts_once(&viewer.actor, &person, &entries, once_key.map(String::as_str))
            .await
            .map(|_| ())
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/people/{person}/plan/journal?done=imported")).into_response()),
        Err(Error::Conflict(_)) => {
            Ok(Redirect::to(&format!("/people/{person}/plan/journal?done=imported-already")).into_response())
        }
        Err(error) => {
            let page = PreviewPage {
                layout: Layout::for_viewer(&state, &viewer, "Tag your calendar").await?,
                errors: FormErrors::from_error(error)?,
                person_id: person.to_string(),
                file_name: form.get("file_name").cloned().unwrap_or_default(),
                events_in_file: form.get("events_in_file").and_then(|n| n.parse().ok()).unwrap_or(0),
                left_out: Vec::new(),
                rows,
                tags,
                visibility,
                time_zone: form.get("time_zone").cloned().unwrap_or_default(),
                once_key: once_key.cloned().unwrap_or_default(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
