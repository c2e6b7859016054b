-- The planner of a manager with many reports: which report has which playbook planned for
-- which week (its Monday), and the conversation proposed from it once its week came. The
-- manager's own planning: nobody else reads it.

CREATE TABLE planned_conversations (
    id TEXT PRIMARY KEY,
    manager_id TEXT NOT NULL REFERENCES people (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    playbook_key TEXT NOT NULL,
    week TEXT NOT NULL,
    conversation_id TEXT REFERENCES conversations (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX planned_conversations_manager_idx ON planned_conversations (manager_id, week);
CREATE UNIQUE INDEX planned_conversations_person_idx ON planned_conversations (manager_id, person_id, playbook_key);
CREATE INDEX planned_conversations_for_idx ON planned_conversations (person_id);
