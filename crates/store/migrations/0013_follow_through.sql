-- Follow-through: when each conversation was marked held (filled in from its history for those
-- held before), and the person's latest "my plan is still right" (which counts as a change of
-- the plan for the gentle probe).

ALTER TABLE conversations ADD COLUMN held_at BIGINT;
UPDATE conversations SET held_at = (
    SELECT MAX(e.at) FROM conversation_events e WHERE e.conversation_id = conversations.id AND e.move = 'hold'
) WHERE state IN ('held', 'followed_up');

CREATE TABLE plan_reviews (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    reviewed_at BIGINT NOT NULL
);
