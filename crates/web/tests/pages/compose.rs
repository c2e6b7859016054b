//! HTTP tests of composing an ad-hoc conversation from the question banks (the built-in bank
//! and an imported public list): the manager proposes one, the person starts one alone,
//! mistakes come back named with nothing stored, and composed conversations stay out of the
//! organisation's playbook pages. SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use trellis_core::conversation::State;
use trellis_core::playbook::question_list::{question_list_to_playbook, QuestionListOptions};
use trellis_testkit::team::{import_team_with_passwords, signed_in};
use trellis_testkit::{both_engines, testdata, TestApp};

both_engines! {
    async fn conversations_are_composed_from_the_question_banks(db) {
        let team = import_team_with_passwords(&db.store).await;
        let options = QuestionListOptions {
            key: "one-on-one-questions".into(),
            name: "One-on-one questions".into(),
            credit: "VGraupera/1on1-questions (MIT)".into(),
            language: "en".into(),
        };
        let bank = question_list_to_playbook(&std::fs::read(testdata("1on1-questions/questions.json")).unwrap(), &options).unwrap();
        db.store.save_playbook(&team.actor("Hana"), &bank, None).await.unwrap();
        let (ana_id, lena_actor) = (team.id("Ana"), team.actor("Lena"));
        let app = TestApp::start(db).await;
        let compose = format!("/people/{ana_id}/conversations/compose");

        let lena = signed_in(&app, "Lena").await;
        let form = lena.get(&compose).await;
        assert!(form.has("Career question bank") && form.has("One-on-one questions") && form.has("Career development"));
        assert!(!form.has("The six-month career conversation"), "only question banks are offered");
        let wrong = lena.post(&compose, &[("title", "  ")]).await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.has("is required") && wrong.has("pick at least one question"), "{}", wrong.body);
        let mut too_many: Vec<(String, String)> = (0..13).map(|p| (format!("q_1_0_{p}"), "yes".into())).collect();
        too_many.push(("title".into(), "Everything at once".into()));
        let too_many: Vec<(&str, &str)> = too_many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let refused = lena.post(&compose, &too_many).await;
        assert!(refused.status == 422 && refused.has("at most 12"), "{}", refused.body);
        assert!(refused.has("id=\"q_1_0_12\" name=\"q_1_0_12\" value=\"yes\" checked"), "the picks stay ticked");
        assert!(db.store.conversations_of(&lena_actor, &ana_id).await.unwrap().is_empty(), "nothing stored");

        let proposed = lena.post(&compose, &[("title", "After the reorganisation"), ("q_0_0_0", "yes"), ("q_1_0_1", "yes")]).await;
        assert_eq!(proposed.status, 303, "{}", proposed.body);
        let conversations = db.store.conversations_of(&lena_actor, &ana_id).await.unwrap();
        assert_eq!(conversations.len(), 1);
        let conversation = &conversations[0];
        assert_eq!((conversation.title.as_str(), conversation.state), ("After the reorganisation", State::Proposed));
        let stored = db.store.playbook(&conversation.playbook_key, None).await.unwrap().playbook().unwrap();
        let prompts: Vec<&str> = stored.conversations[0].groups.iter().flat_map(|g| &g.prompts).map(|p| p.text.as_str()).collect();
        assert_eq!(prompts.len(), 2);

        let ana = signed_in(&app, "Ana").await;
        assert!(ana.get(&format!("/conversations/{}", conversation.id)).await.has("After the reorganisation"));
        let alone = ana.post(&compose, &[("title", "Thinking alone"), ("with", "alone"), ("q_0_1_0", "yes")]).await;
        assert_eq!(alone.status, 303, "{}", alone.body);
        let mine = db.store.conversations_of(&team.actor("Ana"), &ana_id).await.unwrap();
        assert!(mine.iter().any(|c| c.title == "Thinking alone" && c.solo && c.state == State::Accepted));

        let list = ana.get("/playbooks").await;
        assert!(!list.has("After the reorganisation") && !list.has("Thinking alone"));
        assert_eq!(ana.get(&format!("/playbooks/{}", conversation.playbook_key)).await.status, 404);
        for outsider in ["Ben", "Hana", "Vic"] {
            assert_eq!(signed_in(&app, outsider).await.get(&compose).await.status, 403, "{outsider}");
        }
    }
}
