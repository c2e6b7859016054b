//! The stylesheet, the script and the icon, embedded in the binary and served at URLs that carry a hash of
//! their content, so browsers may cache them for a year and still never see a stale copy.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

struct Asset {
    url: String,
    content_type: &'static str,
    body: &'static [u8],
}

fn asset(stem: &str, extension: &str, content_type: &'static str, body: &'static [u8]) -> Asset {
    let digest = Sha256::digest(body);
    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    Asset { url: format!("/assets/{stem}.{hash}.{extension}"), content_type, body }
}

static ASSETS: LazyLock<[Asset; 4]> = LazyLock::new(|| {
    // The time zones people choose from, one per line, for the script to offer as a list.
    let zones: &'static [u8] =
        Box::leak(trellis_core::conversation::schedule::time_zone_names().join("\n").into_bytes().into_boxed_slice());
    [
        asset("trellis", "css", "text/css; charset=utf-8", include_bytes!("../assets/trellis.css")),
        asset("trellis", "js", "text/javascript; charset=utf-8", include_bytes!("../assets/trellis.js")),
        asset("favicon", "svg", "image/svg+xml", include_bytes!("../assets/favicon.svg")),
        asset("zones", "txt", "text/plain; charset=utf-8", zones),
    ]
});

/// The URL of the stylesheet.
pub fn css_url() -> &'static str {
    &ASSETS[0].url
}

/// The URL of the script.
pub fn js_url() -> &'static str {
    &ASSETS[1].url
}

/// The URL of the icon.
pub fn icon_url() -> &'static str {
    &ASSETS[2].url
}

/// The URL of the list of time zones.
pub fn zones_url() -> &'static str {
    &ASSETS[3].url
}

/// `/favicon.ico`, asked for by browsers that do not read the page's icon link: the same icon.
pub async fn favicon() -> Response {
    let icon = &ASSETS[2];
    ([(header::CONTENT_TYPE, icon.content_type), (header::CACHE_CONTROL, "public, max-age=86400")], icon.body)
        .into_response()
}

/// Serves an embedded asset by its hashed name.
pub async fn serve_asset(Path(name): Path<String>) -> Response {
    let wanted = format!("/assets/{name}");
    match ASSETS.iter().find(|a| a.url == wanted) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            asset.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
