//! The words each choice of a roster import takes, for the OpenAPI document only: the query
//! is read by `ParseOptions::set`, which also takes a few other spellings.
#![allow(dead_code)]

#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownManagerParam {
    Error,
    Skip,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateFormatParam {
    Dmy,
    Mdy,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NameOrderParam {
    FirstLast,
    LastFirst,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DelimiterParam {
    Comma,
    Semicolon,
    Tab,
    Bar,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub enum EncodingParam {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "windows-1252")]
    Windows1252,
    #[serde(rename = "utf-16")]
    Utf16,
}
