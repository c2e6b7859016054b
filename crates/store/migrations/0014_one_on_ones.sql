-- Recurring one-on-ones: a meeting is a conversation of the "one-on-one" playbook, carrying the
-- rhythm the pair agreed (weekly, fortnightly, monthly; the next meeting is booked from it when
-- one is held); the agenda items of each meeting; and the career check-ins held in them.

ALTER TABLE conversations ADD COLUMN rhythm TEXT;

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    author_id TEXT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX agenda_items_conversation_idx ON agenda_items (conversation_id, created_at);
CREATE INDEX agenda_items_person_idx ON agenda_items (person_id);

CREATE TABLE check_ins (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    extended BIGINT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES people (id),
    at BIGINT NOT NULL
);
CREATE INDEX check_ins_person_idx ON check_ins (person_id, at);
CREATE UNIQUE INDEX check_ins_conversation_idx ON check_ins (conversation_id, extended);
