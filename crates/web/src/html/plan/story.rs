//! A person's story (life-story chapters and values) can be told to the people they manage:
//! which visibilities the person is offered for it, and who may open those pages.

use super::open_space;
use crate::auth::Viewer;
use crate::error::PageError;
use crate::state::AppState;
use trellis_core::artefact::Kind;
use trellis_core::ids::PersonId;
use trellis_core::policy::{may_open_space, may_open_story, Visibility};

/// As `open_space`, for one kind: the person's story (life story, values) also opens to their
/// direct reports, who see in it only what the person shared with them. The third answer says
/// the viewer is such a report.
pub async fn open_space_for(
    state: &AppState,
    viewer: &Viewer,
    person: &PersonId,
    kind: Kind,
) -> Result<(String, bool, bool), PageError> {
    let relations = state.store().relations(&viewer.actor, person).await?;
    if kind.shares_with_reports() && !may_open_space(&relations) && may_open_story(&relations) {
        return Ok((state.store().person(person).await?.name, false, true));
    }
    let (name, is_self) = open_space(state, viewer, person).await?;
    Ok((name, is_self, false))
}

/// The visibilities a person is offered for an item of `kind`: up their line, and for their
/// story, also to the people they manage, once they manage someone.
pub async fn visibility_choices(state: &AppState, person: &PersonId, kind: Kind) -> Result<Vec<Visibility>, PageError> {
    if kind.shares_with_reports() && state.store().org_node(person).await?.reports > 0 {
        Ok(Visibility::ALL.to_vec())
    } else {
        Ok(Visibility::LINE.to_vec())
    }
}
