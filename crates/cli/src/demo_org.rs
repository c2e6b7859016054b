//! The demo organisation: 65 people in four levels (a chief executive, four directors, twelve
//! managers with three to five reports each), across engineering, frontline operations, sales
//! and the people team. It is loaded through the real roster import, so it has manager history
//! like any imported roster. Every demo account shares one password.

use anyhow::{ensure, Result};
use std::fmt::Write;
use trellis_core::policy::Visibility;
use trellis_store::{hash_password_off_thread, Actor, ImportRequest, LinkPurpose, Store};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "trellis-demo";
/// The demo's e-mail domain (reserved for examples, so no mail can go astray).
const DOMAIN: &str = "example.org";

/// The three sign-ins the demo prints.
pub struct DemoSignIns {
    pub admin: String,
    pub manager: String,
    pub person: String,
    pub invitation: String,
}

struct Department {
    name: &'static str,
    director: (&'static str, &'static str),
    managers: [(&'static str, &'static str, usize); 3],
    titles: [&'static str; 3],
}

const CEO: (&str, &str) = ("Olivia Bennett", "Chief Executive");

const DEPARTMENTS: [Department; 4] = [
    Department {
        name: "Engineering",
        director: ("Marcus Webb", "Director of Engineering"),
        managers: [
            ("Lena Park", "Engineering Manager", 6),
            ("Tomás Rivera", "Engineering Manager", 3),
            ("Grace Liu", "Data Lead", 3),
        ],
        titles: ["Software Engineer", "Senior Software Engineer", "Data Analyst"],
    },
    Department {
        name: "Operations",
        director: ("Sofia Marin", "Director of Operations"),
        managers: [
            ("Ahmed Hassan", "Warehouse Supervisor", 5),
            ("Maria Rossi", "Store Manager", 4),
            ("Kofi Mensah", "Logistics Lead", 4),
        ],
        titles: ["Warehouse Associate", "Store Associate", "Delivery Driver"],
    },
    Department {
        name: "Sales",
        director: ("Daniel Okafor", "Director of Sales"),
        managers: [
            ("Hannah Schmidt", "Sales Manager", 4),
            ("Ravi Kumar", "Account Management Lead", 3),
            ("Chloe Martin", "Customer Success Manager", 5),
        ],
        titles: ["Account Executive", "Sales Representative", "Customer Success Specialist"],
    },
    Department {
        name: "People",
        director: ("Priya Shah", "Head of People"),
        managers: [
            ("Aisha Bello", "Recruiting Lead", 4),
            ("Noah Clark", "People Operations Lead", 4),
            ("Elena Petrova", "Learning and Development Lead", 3),
        ],
        titles: ["Recruiter", "People Operations Specialist", "Learning Coordinator"],
    },
];

const FIRST_NAMES: [&str; 48] = [
    "Ana", "Ben", "Carla", "Dev", "Emma", "Felix", "Gita", "Hugo", "Iris", "Jamal", "Kira", "Leo", "Mina", "Nils",
    "Omar", "Paula", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe", "Amir", "Bea",
    "Cyrus", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jade", "Kai", "Lucia", "Mateo", "Nora", "Oskar", "Pia",
    "Rafael", "Selma", "Theo", "Uma", "Viktor", "Willa",
];

const LAST_NAMES: [&str; 48] = [
    "Ruiz", "Ode", "Silva", "Patel", "Novak", "Braun", "Rao", "Lefebvre", "Costa", "Reid", "Tanaka", "Moreau", "Sato",
    "Lund", "Farah", "Nowak", "Byrne", "Alvarez", "Haddad", "Singh", "Demir", "Ivanova", "Zhang", "Herrera", "Aydin",
    "Walsh", "Karimi", "Fischer", "Nash", "Cole", "Mendes", "Malik", "Olsen", "Kim", "Popov", "Dubois", "Nakamura",
    "Romano", "Garcia", "Eriksen", "Holm", "Weber", "Ortiz", "Yilmaz", "Grant", "Iyer", "Sokolov", "Hart",
];

/// How many people report to the twelve managers.
fn individual_contributors() -> usize {
    DEPARTMENTS.iter().flat_map(|d| d.managers.iter().map(|m| m.2)).sum()
}

fn email(name: &str) -> String {
    let local: String = name
        .to_lowercase()
        .replace(' ', ".")
        .chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            other => other,
        })
        .collect();
    format!("{local}@{DOMAIN}")
}

/// The demo roster as a CSV file, the way an HR system would export it.
fn roster_csv() -> String {
    let mut csv = String::from("Employee ID,Full Name,Work Email,Job Title,Department,Manager Email,Start Date\n");
    let mut row = |id: usize, name: &str, title: &str, department: &str, manager: &str, start: &str| {
        let manager = if manager.is_empty() { String::new() } else { email(manager) };
        let _ = writeln!(csv, "D{id:03},{name},{},{title},{department},{manager},{start}", email(name));
    };
    let mut id = 1;
    row(id, CEO.0, CEO.1, "Leadership", "", "2015-03-02");
    let mut ic = 0;
    for department in &DEPARTMENTS {
        id += 1;
        row(id, department.director.0, department.director.1, department.name, CEO.0, "2016-09-12");
        for (m, (manager, title, reports)) in department.managers.iter().enumerate() {
            id += 1;
            row(id, manager, title, department.name, department.director.0, &format!("2018-0{}-01", m + 3));
            for r in 0..*reports {
                id += 1;
                let name = format!("{} {}", FIRST_NAMES[ic], LAST_NAMES[ic]);
                let title = department.titles[r % department.titles.len()];
                row(id, &name, title, department.name, manager, &format!("202{}-{:02}-15", ic % 5, ic % 12 + 1));
                ic += 1;
            }
        }
    }
    csv
}

/// Loads the demo organisation into an empty store.
pub async fn seed(store: &Store, public_url: &str) -> Result<DemoSignIns> {
    let request = ImportRequest { bytes: roster_csv().into_bytes(), ..Default::default() };
    let outcome = store.import_roster(None, &request, "demo").await?;
    ensure!(outcome.applied, "the demo roster did not import: {:?}", outcome.errors);

    let hash = hash_password_off_thread(DEMO_PASSWORD.to_string()).await?;
    let everyone =
        store.list_people(&trellis_store::PeopleFilter { page: 1, per_page: 500, ..Default::default() }).await?;
    let last = individual_contributors() - 1;
    let newcomer = format!("{} {}", FIRST_NAMES[last], LAST_NAMES[last]);
    for person in &everyone.people {
        if person.name != newcomer {
            store.set_password_hash(&person.id, &hash).await?;
        }
    }
    let find = |name: &str| everyone.people.iter().find(|p| p.name == name).cloned();
    let (Some(admin), Some(manager), Some(person), Some(invited)) =
        (find("Priya Shah"), find("Lena Park"), find("Ana Ruiz"), find(&newcomer))
    else {
        anyhow::bail!("the demo roster is missing someone it needs");
    };
    store.set_admin(&admin.id, true).await?;
    // The demo organisation works in London, as its conversations do.
    let settings = trellis_store::Settings {
        organisation_name: "Demo organisation".into(),
        time_zone: "Europe/London".into(),
        ..Default::default()
    };
    store.save_settings(&settings).await?;
    let code =
        store.create_link(LinkPurpose::Invite, Some(&invited.id), Some(&admin.id), 7 * 24 * 60 * 60 * 1000).await?;

    let ana = Actor::from(&person);
    let lena = Actor::from(&manager);
    for (author, visibility, body) in [
        (&ana, Visibility::Private, "Not sure yet whether I want to manage people one day, or go deeper technically. Ask someone who has done both?"),
        (&ana, Visibility::Shared, "For my next 1:1 with Lena: I enjoyed pairing with the new hires far more than I expected."),
        (&ana, Visibility::Upward, "Goal for the next six months: lead one project from start to finish, including the planning."),
        (&lena, Visibility::Private, "Ana lights up when she mentors. Ask whether she wants to run the onboarding buddies next quarter."),
        (&lena, Visibility::Shared, "Agreed: Ana shadows the planning of the API migration, then leads the next one."),
    ] {
        store.add_note(author, &person.id, visibility, body).await?;
    }
    let (team, _) = store.direct_reports(&manager.id, 1, 50).await?;
    let others: Vec<Actor> = team
        .into_iter()
        .filter(|node| node.person.id != person.id)
        .map(|node| Actor {
            id: node.person.id,
            name: node.person.name,
            is_admin: false,
            manager_id: Some(manager.id.clone()),
            link_maker: None,
        })
        .collect();
    crate::demo_stages::seed_stages(store, &lena, &ana, &others).await?;
    Ok(DemoSignIns {
        admin: admin.email.unwrap_or_default(),
        manager: manager.email.unwrap_or_default(),
        person: person.email.unwrap_or_default(),
        invitation: format!("{public_url}/invite/{code}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_roster_has_four_levels_and_teams_of_three_to_twelve() {
        let csv = roster_csv();
        assert_eq!(csv.lines().count() - 1, 65);
        assert_eq!(individual_contributors(), FIRST_NAMES.len());
        for department in &DEPARTMENTS {
            for (_, _, reports) in department.managers {
                assert!((3..=12).contains(&reports));
            }
        }
        assert!(csv.contains("tomas.rivera@example.org"), "accents are dropped from e-mail addresses");
    }

    trellis_testkit::both_engines! {
        async fn the_demo_shows_every_stage(db) {
            let sign_ins = seed(&db.store, "http://127.0.0.1:8080").await.unwrap();
            let store = &db.store;
            let ana = store.person_by_email(&sign_ins.person).await.unwrap().unwrap();
            let ana = Actor::from(&ana);
            let plan = store.artefacts(&ana, &ana.id, None).await.unwrap();
            for kind in trellis_core::artefact::Kind::ALL {
                assert!(plan.iter().any(|a| a.kind == kind), "the demo plan has no {kind:?}");
            }
            assert!(plan.iter().any(|a| a.status == "achieved") && plan.iter().any(|a| a.status == "crossed-out"));
            use trellis_core::artefact::Kind;
            let (_, goals) = store.artefact_history(&ana, &ana.id, Kind::Goal).await.unwrap();
            assert_eq!(goals.values().flatten().filter(|e| !e.note.is_empty()).count(), 2, "two goals with outcomes");
            let (competencies, log) = store.artefact_history(&ana, &ana.id, Kind::Competency).await.unwrap();
            assert!(competencies.iter().any(|c| c.status == "focus") && competencies.len() == 6);
            assert_eq!(log.values().flatten().filter(|e| e.entry == "observation").count(), 1, "one invited observation");
            let (_, skill) = store.artefact_history(&ana, &ana.id, Kind::WeeklySkill).await.unwrap();
            assert_eq!(skill.values().flatten().filter(|e| e.entry == "practised").count(), 2, "two weeks ticked");
            let lena = store.person_by_email(&sign_ins.manager).await.unwrap().unwrap();
            let lena = Actor::from(&lena);
            let (team, _) = store.direct_reports(&lena.id, 1, 50).await.unwrap();
            let mut states = Vec::new();
            for member in team {
                for conversation in store.conversations_of(&lena, &member.person.id).await.unwrap() {
                    states.push(conversation.state);
                }
            }
            use trellis_core::conversation::State;
            for state in [State::Declined, State::Held, State::Accepted, State::Scheduled] {
                assert!(states.contains(&state), "no {state:?} conversation in {states:?}");
            }
        }
    }
}
