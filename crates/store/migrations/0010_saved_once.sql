-- Forms that add many items at once (the calendar look-back) carry a key made when the form
-- was shown; saving records it here in the same transaction, so the same form saved twice
-- (a double click, the back button) adds its items once.

CREATE TABLE saved_once (
    person_id TEXT NOT NULL REFERENCES people (id),
    once_key TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, once_key)
);
