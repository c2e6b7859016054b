//! Where a person stands on their career ladder, for their plan: their level and where each
//! track leads from it (the next level, and two to four steps up).

use crate::error::PageError;
use crate::state::AppState;
use trellis_core::ids::PersonId;

/// Where the person stands on their career ladder, and where each track leads from there.
pub struct Standing {
    pub ladder_key: String,
    pub ladder_name: String,
    pub level: String,
    /// (track, the next level, the levels two to four steps up).
    pub tracks: Vec<(String, Option<LevelLink>, Vec<LevelLink>)>,
}

/// A level to link to: (key, name).
pub type LevelLink = (String, String);

/// The person's standing, if the people team has put them on a ladder.
pub async fn standing(state: &AppState, person: &PersonId) -> Result<Option<Standing>, PageError> {
    let Some(at) = state.store().person_level(person).await? else { return Ok(None) };
    let ladder = at.ladder.ladder()?;
    let positions = ladder.positions(&at.level_key);
    let Some(first) = positions.first() else { return Ok(None) };
    let pair = |l: &trellis_core::ladder::Level| (l.key.clone(), l.name.clone());
    Ok(Some(Standing {
        ladder_key: at.ladder.key.clone(),
        ladder_name: ladder.name.clone(),
        level: first.current.name.clone(),
        tracks: positions
            .iter()
            .map(|p| (p.track.name.clone(), p.next.map(pair), p.further.iter().map(|l| pair(l)).collect()))
            .collect(),
    }))
}
