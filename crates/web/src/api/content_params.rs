//! The words the content API takes, written out as enums so the OpenAPI document states them
//! (the handlers read the same words with the domain's own parsers). Documentation only.

#![allow(dead_code)]

use utoipa::ToSchema;

/// A kind of plan item.
#[derive(ToSchema)]
pub enum PlanKindParam {
    #[schema(rename = "journal")]
    Journal,
    #[schema(rename = "life-story")]
    LifeStory,
    #[schema(rename = "values")]
    Values,
    #[schema(rename = "same-work")]
    SameWork,
    #[schema(rename = "careers")]
    Careers,
    #[schema(rename = "dreams")]
    Dreams,
    #[schema(rename = "competencies")]
    Competencies,
    #[schema(rename = "grow")]
    Grow,
    #[schema(rename = "actions")]
    Actions,
    #[schema(rename = "weekly-skill")]
    WeeklySkill,
    #[schema(rename = "goals")]
    Goals,
    #[schema(rename = "mentors")]
    Mentors,
}

/// Who may read an item: its author alone, also their manager, also the managers above, or
/// (a life story's chapters and values only) also the people the author manages.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum VisibilityParam {
    Private,
    Shared,
    Upward,
    Reports,
}

/// A move on a conversation.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum MoveParam {
    Accept,
    Decline,
    Schedule,
    ProposeTime,
    ConfirmTime,
    Ready,
    NotReady,
    Hold,
    FollowUp,
    Cancel,
    Skip,
}

/// How an event felt.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum FeelingParam {
    Love,
    Loathe,
}
