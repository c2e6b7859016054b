-- Trust, part one.
--
-- A password set through a link that someone else made (the people team, for a person who
-- already had a password) is marked with who made the link: every session and token made with
-- it, and everything read or written under them, is written to the person's trail as that
-- someone's too.
--
-- The trail records visits, not items: one row per who, what kind (or which item), and hour,
-- with how many items were shown and how many times. A page of 1,000 journal entries read
-- twenty times in an hour is one row, not 20,000. Old rows are folded the same way.

ALTER TABLE people ADD COLUMN password_link_by TEXT REFERENCES people (id);

CREATE TABLE audit_trail (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    actor_id TEXT NOT NULL REFERENCES people (id),
    -- The maker of the link the actor's password was set through ('' when none).
    link_maker_id TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    -- The one item, or '' for a read of several.
    item_id TEXT NOT NULL DEFAULT '',
    -- Milliseconds since the epoch divided by one hour: the visit's hour.
    hour BIGINT NOT NULL,
    item_count BIGINT NOT NULL,
    times BIGINT NOT NULL,
    first_at BIGINT NOT NULL,
    at BIGINT NOT NULL
);
CREATE UNIQUE INDEX audit_trail_visit_idx
    ON audit_trail (person_id, actor_id, link_maker_id, action, item_kind, item_id, hour);
CREATE INDEX audit_trail_person_idx ON audit_trail (person_id, at);

INSERT INTO audit_trail (id, person_id, actor_id, link_maker_id, action, item_kind, item_id, hour,
                         item_count, times, first_at, at)
SELECT MIN(id), person_id, actor_id, '', action, item_kind, COALESCE(item_id, ''), at / 3600000,
       1, COUNT(*), MIN(at), MAX(at)
FROM audit_events
GROUP BY person_id, actor_id, action, item_kind, COALESCE(item_id, ''), at / 3600000;

DROP TABLE audit_events;
