//! Rules about the shape of the organisation: how two people relate (for the access policy)
//! and that nobody ends up managing themselves, directly or through a chain.

use crate::ids::PersonId;
use crate::policy::{Relation, Relations};
use foldhash::HashMap;
use std::hash::Hash;

/// What the roster says about an actor and a person, gathered by the store.
#[derive(Clone, Debug, Default)]
pub struct OrgFacts {
    /// The person's managers, nearest first: `[manager, skip level, …]`.
    pub person_chain: Vec<PersonId>,
    /// People who managed the person in the past.
    pub former_managers: Vec<PersonId>,
    /// The actor's current manager.
    pub actor_manager: Option<PersonId>,
    /// Whether the actor is on the people team.
    pub actor_is_admin: bool,
}

/// Every relation `actor` holds to `person`, given the roster facts.
pub fn relations(actor: &PersonId, person: &PersonId, facts: &OrgFacts) -> Relations {
    let mut found = Vec::new();
    let person_manager = facts.person_chain.first();
    if actor == person {
        found.push(Relation::Myself);
    }
    if person_manager == Some(actor) {
        found.push(Relation::Manager);
    } else if facts.person_chain.iter().skip(1).any(|m| m == actor) {
        found.push(Relation::ManagerChain);
    }
    if person_manager != Some(actor) && facts.former_managers.contains(actor) {
        found.push(Relation::FormerManager);
    }
    if actor != person && person_manager.is_some() && facts.actor_manager.as_ref() == person_manager {
        found.push(Relation::Peer);
    }
    if facts.actor_manager.as_ref() == Some(person) {
        found.push(Relation::DirectReport);
    }
    if facts.actor_is_admin {
        found.push(Relation::Admin);
    }
    Relations::new(found)
}

/// Finds the cycles in a manager map (`person → manager`). Each cycle is listed once, starting
/// from its smallest member, in reporting order (person, their manager, …).
pub fn find_cycles<K: Clone + Eq + Hash + Ord>(managers: &HashMap<K, K>) -> Vec<Vec<K>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    let mut marks: HashMap<&K, Mark> = HashMap::with_capacity_and_hasher(managers.len(), Default::default());
    let mut cycles = Vec::new();
    let mut starts: Vec<&K> = managers.keys().collect();
    starts.sort();
    for start in starts {
        let mut path: Vec<&K> = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            match marks.get(node) {
                Some(Mark::Done) => break,
                Some(Mark::Visiting) => {
                    if let Some(pos) = path.iter().position(|n| *n == node) {
                        cycles.push(rotate_to_smallest(&path[pos..]));
                    }
                    break;
                }
                None => {
                    marks.insert(node, Mark::Visiting);
                    path.push(node);
                    current = managers.get(node);
                }
            }
        }
        for node in path {
            marks.insert(node, Mark::Done);
        }
    }
    cycles
}

fn rotate_to_smallest<K: Clone + Ord>(cycle: &[&K]) -> Vec<K> {
    let smallest = cycle.iter().enumerate().min_by_key(|(_, k)| **k).map_or(0, |(i, _)| i);
    cycle[smallest..].iter().chain(&cycle[..smallest]).map(|k| (*k).clone()).collect()
}

/// Whether making `manager` the manager of `person` would close a loop, given the new
/// manager's own chain (nearest first). Returns the loop as names can be attached to it.
pub fn cycle_if_assigned(person: &PersonId, manager: &PersonId, manager_chain: &[PersonId]) -> Option<Vec<PersonId>> {
    if manager == person {
        return Some(vec![person.clone()]);
    }
    let pos = manager_chain.iter().position(|m| m == person)?;
    let mut cycle = vec![person.clone(), manager.clone()];
    cycle.extend(manager_chain[..pos].iter().cloned());
    Some(cycle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<PersonId> {
        (0..n).map(|_| PersonId::generate()).collect()
    }

    #[test]
    fn relations_follow_the_reporting_lines() {
        let [ceo, vp, lead, ana, ben, old] = <[PersonId; 6]>::try_from(ids(6)).unwrap();
        let facts = |actor_manager: Option<&PersonId>, admin| OrgFacts {
            person_chain: vec![lead.clone(), vp.clone(), ceo.clone()],
            former_managers: vec![old.clone(), lead.clone()],
            actor_manager: actor_manager.cloned(),
            actor_is_admin: admin,
        };
        let rel = |actor: &PersonId, mgr: Option<&PersonId>, admin| relations(actor, &ana, &facts(mgr, admin));
        assert!(rel(&ana, Some(&lead), false).has(Relation::Myself));
        assert!(rel(&lead, Some(&vp), false).has(Relation::Manager));
        assert!(!rel(&lead, Some(&vp), false).has(Relation::FormerManager));
        assert!(rel(&vp, Some(&ceo), false).has(Relation::ManagerChain));
        assert!(rel(&ceo, None, false).has(Relation::ManagerChain));
        assert!(rel(&old, None, false).has(Relation::FormerManager));
        assert!(rel(&ben, Some(&lead), false).has(Relation::Peer));
        assert!(rel(&ben, Some(&ana), false).has(Relation::DirectReport));
        assert!(rel(&ben, None, true).has(Relation::Admin));
        assert!(rel(&ben, None, false).has(Relation::Stranger));
    }

    #[test]
    fn towards_oneself_the_reporting_lines_change_nothing() {
        // The store leaves the roster query out when someone acts in their own space.
        let [me, boss, old] = <[PersonId; 3]>::try_from(ids(3)).unwrap();
        for admin in [false, true] {
            let bare = OrgFacts {
                person_chain: vec![],
                former_managers: vec![],
                actor_manager: Some(boss.clone()),
                actor_is_admin: admin,
            };
            let full =
                OrgFacts { person_chain: vec![boss.clone()], former_managers: vec![old.clone()], ..bare.clone() };
            assert_eq!(relations(&me, &me, &bare), relations(&me, &me, &full));
        }
    }

    #[test]
    fn cycles_are_found_once_each() {
        let managers: HashMap<u32, u32> = [(1, 2), (2, 3), (3, 1), (4, 1), (5, 5), (6, 7)].into_iter().collect();
        let mut cycles = find_cycles(&managers);
        cycles.sort();
        assert_eq!(cycles, vec![vec![1, 2, 3], vec![5]]);
    }

    #[test]
    fn a_long_chain_without_a_loop_has_no_cycle() {
        let managers: HashMap<u32, u32> = (0..100_000).map(|i| (i + 1, i)).collect();
        assert!(find_cycles(&managers).is_empty());
    }

    #[test]
    fn assigning_a_report_as_manager_closes_a_loop() {
        let [a, b, c] = <[PersonId; 3]>::try_from(ids(3)).unwrap();
        // b reports to a, c reports to b; making c the manager of a closes a → c → b → a.
        let chain_of_c = vec![b.clone(), a.clone()];
        assert_eq!(cycle_if_assigned(&a, &c, &chain_of_c), Some(vec![a.clone(), c.clone(), b]));
        assert_eq!(cycle_if_assigned(&a, &a, &[]), Some(vec![a.clone()]));
        assert_eq!(cycle_if_assigned(&c, &a, &[]), None);
    }
}
