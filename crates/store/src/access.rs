//! Gathers the roster facts the access policy needs and asks it. Every read or write of a
//! person's career content goes through `Store::relations` and `trellis_core::policy::decide`;
//! no query here or handler elsewhere decides access on its own.

use crate::db::Store;
use trellis_core::handoff::Hold;
use trellis_core::ids::PersonId;
use trellis_core::org::{relations, OrgFacts};
use trellis_core::person::Person;
use trellis_core::policy::{may_manage_roster, Relation, Relations};
use trellis_core::{Error, Result};

/// Who is acting: the signed-in person (or the owner of an API token), as the roster had them
/// when the request began.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: PersonId,
    pub name: String,
    pub is_admin: bool,
    pub manager_id: Option<PersonId>,
    /// When the actor signed in with a password set through a link someone else made, that
    /// someone: every access is then recorded in the trail under their name as well, even in
    /// the actor's own space.
    pub link_maker: Option<PersonId>,
}

impl From<&Person> for Actor {
    fn from(person: &Person) -> Self {
        Self {
            id: person.id.clone(),
            name: person.name.clone(),
            is_admin: person.is_admin,
            manager_id: person.manager_id.clone(),
            link_maker: person.password_link_by.clone(),
        }
    }
}

impl Actor {
    /// Refuses anyone outside the people team.
    pub fn require_admin(&self) -> Result<()> {
        if may_manage_roster(self.is_admin) {
            Ok(())
        } else {
            Err(Error::Forbidden("Only the people team can do this.".into()))
        }
    }
}

impl Store {
    /// Every relation `actor` holds to `person`, from the current roster and its history.
    pub async fn relations(&self, actor: &Actor, person: &PersonId) -> Result<Relations> {
        // Towards oneself the roster adds nothing: the relation is Myself (and Admin from the
        // flag) whoever one's managers are, so the query is left out.
        let (person_chain, former_managers) =
            if &actor.id == person { (Vec::new(), Vec::new()) } else { self.manager_ids(person).await? };
        let facts = OrgFacts {
            person_chain,
            former_managers,
            actor_manager: actor.manager_id.clone(),
            actor_is_admin: actor.is_admin,
        };
        // What was written before the latest change of manager reaches nobody but the person
        // until they decide what travels.
        let hold = match &actor.id == person {
            true => None,
            false => self.handoff(person).await?.map(|handoff| handoff.hold),
        };
        Ok(relations(&actor.id, person, &facts).with_hold(hold))
    }

    /// The relations `actor` holds to one of their direct reports, with the manager the roster
    /// gives the report and the hold of the report's latest change of manager, for pages about a
    /// whole team (read in the query that lists it). Only the nearest manager is looked at, so
    /// someone further down the line gets no relation from this.
    pub(crate) fn relations_to_report(
        actor: &Actor,
        report: &PersonId,
        manager: Option<&PersonId>,
        hold: Option<Hold>,
    ) -> Relations {
        let facts = OrgFacts {
            person_chain: manager.into_iter().cloned().collect(),
            former_managers: Vec::new(),
            actor_manager: actor.manager_id.clone(),
            actor_is_admin: actor.is_admin,
        };
        relations(&actor.id, report, &facts).with_hold(hold)
    }

    /// The relations of someone's current manager to them (with the hold of the latest change),
    /// for counting what that manager may read.
    pub(crate) fn relations_of_manager(manager: &PersonId, report: &PersonId, hold: Option<Hold>) -> Relations {
        let facts = OrgFacts { person_chain: vec![manager.clone()], ..OrgFacts::default() };
        relations(manager, report, &facts).with_hold(hold)
    }

    /// The relations of `actor` to someone `depth` levels below them, as a query of the actor's
    /// own organisation found them: their manager at depth 1, in the line above them deeper down.
    pub(crate) fn relations_from_above(actor: &Actor, depth: i64, hold: Option<Hold>) -> Relations {
        let line = if depth <= 1 { Relation::Manager } else { Relation::ManagerChain };
        let admin = actor.is_admin.then_some(Relation::Admin);
        Relations::new([line].into_iter().chain(admin)).with_hold(hold)
    }
}
