//! Importing a roster file in the browser: upload, see a preview of every change and problem
//! (nothing is written yet), then confirm. The upload is kept in the database between the two
//! steps, so the confirmation may reach any instance.

use super::forms::FormErrors;
use super::layout::Layout;
use super::render;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use trellis_core::roster::{ParseOptions, UnknownManager};
use trellis_core::{Error, FieldError};
use trellis_store::{ImportDraft, ImportOutcome};

#[derive(Template)]
#[template(path = "pages/admin/import.html")]
struct UploadPage {
    layout: Layout,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "pages/admin/import_preview.html")]
struct PreviewPage {
    layout: Layout,
    file_name: String,
    outcome: ImportOutcome,
    draft_id: Option<String>,
}

pub async fn upload_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let layout = Layout::for_viewer(&state, &viewer, "Import a roster").await?;
    Ok(render(&UploadPage { layout, errors: FormErrors::default() })?.into_response())
}

/// Parses `field=Column` lines into column overrides.
fn parse_overrides(text: &str) -> Result<Vec<(String, String)>, Error> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(i, line)| match line.split_once('=') {
            Some((field, column)) if !field.trim().is_empty() && !column.trim().is_empty() => {
                Ok((field.trim().to_string(), column.trim().to_string()))
            }
            _ => Err(Error::invalid("columns", format!("line {}: write field=Column, like name=Employee_Name", i + 1))),
        })
        .collect()
}

async fn read_upload(mut multipart: Multipart) -> Result<ImportDraft, Error> {
    let mut draft = ImportDraft {
        id: String::new(),
        file_name: String::new(),
        bytes: Vec::new(),
        options: ParseOptions::default(),
        unknown_manager: UnknownManager::Error,
        confirm_renames: false,
    };
    let bad_upload = |e: axum::extract::multipart::MultipartError| {
        Error::invalid("file", format!("the upload could not be read ({})", e.body_text()))
    };
    while let Some(field) = multipart.next_field().await.map_err(bad_upload)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                draft.file_name = field.file_name().unwrap_or("upload.csv").to_string();
                draft.bytes = field.bytes().await.map_err(bad_upload)?.to_vec();
            }
            "email_domain" | "ignore" | "date_format" | "name_order" | "active_values" | "inactive_values"
            | "top_values" | "delimiter" | "encoding" => {
                let value = field.text().await.map_err(bad_upload)?;
                draft.options.set(&name, &value).map_err(|message| Error::invalid(&name, message))?;
            }
            "columns" => draft.options.overrides = parse_overrides(&field.text().await.map_err(bad_upload)?)?,
            "skip_unknown" => draft.unknown_manager = UnknownManager::Skip,
            "confirm_renames" => draft.confirm_renames = true,
            _ => {}
        }
    }
    if draft.bytes.is_empty() {
        return Err(Error::Invalid(vec![FieldError::new("file", "choose a CSV file to upload")]));
    }
    Ok(draft)
}

/// Takes the upload, keeps it, and shows what importing it would do.
pub async fn preview(
    State(state): State<AppState>,
    viewer: Viewer,
    multipart: Multipart,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let draft = match read_upload(multipart).await {
        Ok(draft) => draft,
        Err(error) => {
            let layout = Layout::for_viewer(&state, &viewer, "Import a roster").await?;
            let page = UploadPage { layout, errors: FormErrors::from_error(error)? };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let store = state.store();
    let request = draft.request(true);
    let outcome = store.import_roster(Some(&viewer.actor.id), &request, "import").await?;
    let draft_id = if outcome.errors.is_empty() && outcome.created + outcome.updated > 0 {
        Some(store.save_import_draft(&viewer.actor.id, &draft).await?)
    } else {
        None
    };
    let status = if outcome.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = PreviewPage {
        layout: Layout::for_viewer(&state, &viewer, "Import preview").await?,
        file_name: draft.file_name,
        outcome,
        draft_id,
    };
    Ok((status, render(&page)?).into_response())
}

/// Imports a previewed upload. The roster may have changed since the preview, so the file is
/// checked again; with any problem nothing is written.
pub async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    viewer.actor.require_admin()?;
    let store = state.store();
    let draft = store.import_draft(&viewer.actor.id, &id).await?;
    let request = draft.request(false);
    let outcome = store.import_roster(Some(&viewer.actor.id), &request, "import").await?;
    if outcome.applied {
        store.delete_import_draft(&id).await?;
    }
    let status = if outcome.applied { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = PreviewPage {
        layout: Layout::for_viewer(&state, &viewer, "Import").await?,
        file_name: draft.file_name,
        outcome,
        draft_id: None,
    };
    Ok((status, render(&page)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_overrides;

    #[test]
    fn column_overrides_are_read_one_per_line() {
        let overrides = parse_overrides("name = Employee_Name\n\nmanager_email=Supervisor Mail\n").unwrap();
        assert_eq!(
            overrides,
            [("name".into(), "Employee_Name".into()), ("manager_email".into(), "Supervisor Mail".into())]
        );
        let error = parse_overrides("name\n").unwrap_err();
        assert!(error.to_string().contains("line 1"));
    }
}
