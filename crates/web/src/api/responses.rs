//! The errors every operation can answer, added to each operation of the OpenAPI document in
//! one place so the document never forgets one: 400 (query string), 401 (token), 429 and 500
//! everywhere; 404 where the path names something; 413, 415 and 422 where a body is sent; 405
//! for a method the path does not take.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::Modify;

/// Adds the common error responses (see the module comment).
pub struct CommonErrors;

const EVERYWHERE: [(&str, &str); 3] = [
    ("400", "The query string has a problem; `fields` names each parameter."),
    ("401", "No valid API token was given (`WWW-Authenticate: Bearer`)."),
    ("500", "Something went wrong on the server."),
];
const WITH_PATH: [(&str, &str); 1] = [("404", "Nothing with that id, or not visible to this token.")];
const WITH_BODY: [(&str, &str); 3] = [
    ("413", "The body is larger than accepted."),
    ("415", "The body is not of the documented content type."),
    ("422", "The body cannot be accepted; `fields` names each problem."),
];

fn add(operation: &mut Operation, errors: &[(&str, &str)]) {
    for (status, description) in errors {
        if operation.responses.responses.contains_key(*status) {
            continue;
        }
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiErrorBody"))).build();
        let response = ResponseBuilder::new().description(*description).content("application/json", content).build();
        operation.responses.responses.insert((*status).to_string(), response.into());
    }
}

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let named = path.contains('{');
            for operation in
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
            {
                add(operation, &EVERYWHERE);
                if named {
                    add(operation, &WITH_PATH);
                }
                if operation.request_body.is_some() {
                    add(operation, &WITH_BODY);
                }
            }
        }
    }
}
