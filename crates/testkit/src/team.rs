//! A small organisation for scenarios, imported the way a real roster is, with passwords.

use std::collections::HashMap;
use trellis_core::ids::PersonId;
use trellis_store::{Actor, ImportRequest, Store};

/// Cleo runs the company; Vic reports to Cleo; Lena to Vic; Ana and Ben to Lena; Cy to Ana;
/// Hana (people team) to Cleo.
pub const TEAM_CSV: &str = "name,email,employee_id,manager,title,department\n\
Cleo Diaz,cleo@acme.test,E1,,Chief Executive,Leadership\n\
Vic Tran,vic@acme.test,E2,E1,VP Engineering,Engineering\n\
Lena Park,lena@acme.test,E3,E2,Engineering Lead,Engineering\n\
Ana Ruiz,ana@acme.test,E4,E3,Engineer,Engineering\n\
Ben Ode,ben@acme.test,E5,E3,Engineer,Engineering\n\
Cy Lam,cy@acme.test,E6,E4,Apprentice,Engineering\n\
Hana Kim,hana@acme.test,E7,E1,People Partner,People\n";

/// The team, by first name.
#[derive(Clone)]
pub struct Team {
    pub ids: HashMap<&'static str, PersonId>,
    managers: HashMap<&'static str, Option<PersonId>>,
}

impl Team {
    pub fn id(&self, first_name: &str) -> PersonId {
        self.ids[first_name].clone()
    }

    /// The member as an actor, as the roster was when the team was imported.
    pub fn actor(&self, first_name: &str) -> Actor {
        Actor {
            id: self.id(first_name),
            name: first_name.to_string(),
            is_admin: first_name == "Hana",
            manager_id: self.managers[first_name].clone(),
            link_maker: None,
        }
    }
}

pub async fn import_team(store: &Store) -> Team {
    let request = ImportRequest { bytes: TEAM_CSV.as_bytes().to_vec(), ..Default::default() };
    let outcome = store.import_roster(None, &request, "test").await.unwrap();
    assert!(outcome.applied, "{:?}", outcome.errors);
    let mut ids = HashMap::new();
    let mut managers = HashMap::new();
    for first in ["Cleo", "Vic", "Lena", "Ana", "Ben", "Cy", "Hana"] {
        let email = format!("{}@acme.test", first.to_lowercase());
        let person = store.person_by_email(&email).await.unwrap().unwrap();
        ids.insert(first, person.id);
        managers.insert(first, person.manager_id);
    }
    let hana = &ids["Hana"];
    store.set_admin(hana, true).await.unwrap();
    Team { ids, managers }
}

/// The password every team member gets from `import_team_with_passwords`.
pub const TEAM_PASSWORD: &str = "correct horse battery";

/// The team, each member able to sign in with `TEAM_PASSWORD`.
pub async fn import_team_with_passwords(store: &Store) -> Team {
    let team = import_team(store).await;
    let hash = trellis_store::hash_password_off_thread(TEAM_PASSWORD.to_string()).await.unwrap();
    for id in team.ids.values() {
        store.set_password_hash(id, &hash).await.unwrap();
    }
    team
}

/// The e-mail of a team member, by first name.
pub fn email(first_name: &str) -> String {
    format!("{}@acme.test", first_name.to_lowercase())
}

/// A visitor signed in through the form as the team member `first_name`.
pub async fn signed_in(app: &crate::TestApp, first_name: &str) -> crate::Visitor {
    let visitor = app.visitor();
    visitor.sign_in(&email(first_name), TEAM_PASSWORD).await;
    visitor
}

/// A calendar export of three events on a morning in Vienna, each with its own title (for the
/// journal look-back tests).
pub const VIENNA_MORNING: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Vienna:20241104T090000\r\nDTEND;TZID=Europe/Vienna:20241104T093000\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Europe/Vienna:20241104T100000\r\nDTEND;TZID=Europe/Vienna:20241104T110000\r\nSUMMARY:Mentoring Sam\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=Europe/Vienna:20241104T140000\r\nDTEND;TZID=Europe/Vienna:20241104T150000\r\nSUMMARY:Budget review\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
