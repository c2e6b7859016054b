-- Sign-in throttling counts attempts in one row per scope, reserved before the password is
-- checked by a single upsert (so concurrent guesses cannot all slip under the limit), and
-- browsers that signed in to an account before are known by a device cookie, so that a flood
-- of guesses from a shared address does not lock out the people who work behind it.

DROP TABLE login_failures;

CREATE TABLE sign_in_attempts (
    scope_key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_window_idx ON sign_in_attempts (window_start);

CREATE TABLE known_devices (
    secret_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX known_devices_person_idx ON known_devices (person_id, last_used_at);
