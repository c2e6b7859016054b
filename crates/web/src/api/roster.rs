//! `/api/v1/roster/import`: import a CSV roster (the same rules as the command line and the web
//! upload: all or nothing, idempotent, every problem named by row and column).

use super::roster_params::{DateFormatParam, DelimiterParam, EncodingParam, NameOrderParam, UnknownManagerParam};
use super::views::ImportOutcomeView;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use trellis_core::roster::{ParseOptions, UnknownManager};
use trellis_core::Error;
use trellis_store::ImportRequest;

/// Reads the import's query: `dry_run`, `confirm_renames`, `unknown_manager`, `map` (repeated), and the options
/// of `ParseOptions::set` (the lists repeated).
fn read_query(query: Option<&str>) -> Result<ImportRequest, Error> {
    let mut options = ParseOptions::default();
    let mut unknown = UnknownManager::Error;
    let mut dry_run = false;
    let mut confirm_renames = false;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        // An empty value is a choice not made, as a form leaves it.
        if value.trim().is_empty() {
            continue;
        }
        match key.as_ref() {
            "dry_run" => dry_run = matches!(value.as_ref(), "true" | "1" | "yes"),
            "confirm_renames" => confirm_renames = matches!(value.as_ref(), "true" | "1" | "yes"),
            "email_domain" | "date_format" | "name_order" | "delimiter" | "encoding" => {
                options.set(&key, &value).map_err(|message| Error::invalid(key.as_ref(), message))?;
            }
            // One item per parameter, repeatable: a comma inside a value is kept.
            "ignore" | "active_values" | "inactive_values" | "top_value" => {
                options.set(&key, &format!("{value}\n")).map_err(|message| Error::invalid(key.as_ref(), message))?;
            }
            "unknown_manager" => {
                unknown = match value.as_ref() {
                    "error" => UnknownManager::Error,
                    "skip" => UnknownManager::Skip,
                    other => {
                        return Err(Error::invalid("unknown_manager", format!("\"{other}\" is not error or skip")))
                    }
                }
            }
            "map" => match value.split_once('=') {
                Some((field, column)) => options.overrides.push((field.trim().to_string(), column.trim().to_string())),
                None => return Err(Error::invalid("map", format!("\"{value}\" is not field=Column"))),
            },
            other => return Err(Error::invalid(other, "is not a parameter of this endpoint")),
        }
    }
    Ok(ImportRequest { bytes: Vec::new(), options, unknown_manager: unknown, dry_run, confirm_renames })
}

/// Imports a roster from a CSV body (people team only). Answers 200 when applied or for a clean
/// dry run, 422 with every problem when refused (nothing is written).
#[utoipa::path(post, path = "/api/v1/roster/import", tag = "people", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "The roster file, with a header row (UTF-8, UTF-16 or Windows-1252)."),
    params(
        ("dry_run" = Option<bool>, Query, description = "Check and report without writing."),
        ("email_domain" = Option<String>, Query, description = "Completes e-mail values that are user names."),
        ("unknown_manager" = Option<UnknownManagerParam>, Query, description = "`error` (default) or `skip`."),
        ("map" = Option<Vec<String>>, Query, pattern = r"^(name|first_name|last_name|email|employee_id|title|department|manager|manager_email|manager_employee_id|manager_name|start_date|active)=.*\S.*$", description = "`field=Column`, repeatable, e.g. `name=Employee_Name`."),
        ("ignore" = Option<Vec<String>>, Query, description = "A column to leave out, repeatable."),
        ("date_format" = Option<DateFormatParam>, Query, description = "`dmy` or `mdy`, for dates like 7/5/2011 (found from the file when it shows)."),
        ("name_order" = Option<NameOrderParam>, Query, description = "`first-last` or `last-first` (found from the file when every name has one comma)."),
        ("active_values" = Option<Vec<String>>, Query, description = "A status meaning active, repeatable."),
        ("inactive_values" = Option<Vec<String>>, Query, description = "A status meaning inactive, repeatable."),
        ("top_value" = Option<Vec<String>>, Query, description = "A manager value meaning nobody (e.g. `XX`), repeatable."),
        ("delimiter" = Option<DelimiterParam>, Query, description = "`comma`, `semicolon`, `tab` or `bar` (found from the header)."),
        ("encoding" = Option<EncodingParam>, Query, description = "`utf-8`, `windows-1252` or `utf-16` (found from the file)."),
        ("confirm_renames" = Option<bool>, Query, description = "Allow renaming more than three people."),
    ),
    responses((status = 200, body = ImportOutcomeView), (status = 422, body = ImportOutcomeView), (status = 413, body = crate::error::ApiErrorBody)))]
pub async fn import_roster(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<(StatusCode, Json<ImportOutcomeView>), ApiError> {
    caller.require_admin()?;
    let request = ImportRequest { bytes: body.to_vec(), ..read_query(query.as_deref()).map_err(ApiError::bad_query)? };
    let outcome = state.store().import_roster(Some(&caller.id), &request, "api").await?;
    let status = if outcome.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Json(outcome.into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_options_and_rejects_unknown_ones() {
        let request =
            read_query(Some("dry_run=true&map=name%3DEmployee+Name&map=email%3DMail&unknown_manager=skip")).unwrap();
        assert!(request.dry_run && !request.confirm_renames);
        assert_eq!(request.unknown_manager, UnknownManager::Skip);
        let overrides = [("name".into(), "Employee Name".into()), ("email".into(), "Mail".into())];
        assert_eq!(request.options.overrides, overrides);
        let reading = read_query(Some("top_value=XX&top_value=N%2FA&date_format=dmy&ignore=Cost%2C+Centre")).unwrap();
        assert_eq!(reading.options.top_values, ["XX", "N/A"]);
        assert_eq!(reading.options.ignore, ["Cost, Centre"], "one item per parameter, commas kept");
        assert_eq!(read_query(Some("date_format=ymd")).unwrap_err().field_errors()[0].field, "date_format");
        assert_eq!(read_query(Some("dryrun=1")).unwrap_err().field_errors()[0].field, "dryrun");
    }
}
