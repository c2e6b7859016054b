-- The foundation schema: people and the roster, accounts and sessions, one-time links,
-- API tokens, sign-in throttling, notes in a person's space, the audit trail, settings.
-- Portable SQL for SQLite and PostgreSQL: ids are UUID text, times are integer milliseconds
-- since the Unix epoch, dates are ISO text, flags are BIGINT 0/1.

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    email_key TEXT UNIQUE,
    employee_id TEXT UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    manager_id TEXT REFERENCES people (id),
    start_date TEXT,
    active BIGINT NOT NULL DEFAULT 1,
    is_admin BIGINT NOT NULL DEFAULT 0,
    password_hash TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_manager_idx ON people (manager_id, name);
CREATE INDEX people_name_idx ON people (name);
CREATE INDEX people_department_idx ON people (department);

CREATE TABLE manager_changes (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    previous_manager_id TEXT REFERENCES people (id),
    manager_id TEXT REFERENCES people (id),
    changed_at BIGINT NOT NULL,
    changed_by TEXT REFERENCES people (id),
    source TEXT NOT NULL
);
CREATE INDEX manager_changes_person_idx ON manager_changes (person_id, changed_at);
CREATE INDEX manager_changes_previous_idx ON manager_changes (previous_manager_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_person_idx ON sessions (person_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_person_idx ON api_tokens (person_id);

CREATE TABLE one_time_links (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    person_id TEXT REFERENCES people (id),
    created_by TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX one_time_links_person_idx ON one_time_links (person_id, purpose);

CREATE TABLE login_failures (
    scope_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_scope_idx ON login_failures (scope_key, at);

CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    author_id TEXT NOT NULL REFERENCES people (id),
    visibility TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX notes_person_idx ON notes (person_id, created_at);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    actor_id TEXT NOT NULL REFERENCES people (id),
    action TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX audit_events_person_idx ON audit_events (person_id, at);

CREATE TABLE import_drafts (
    id TEXT PRIMARY KEY,
    created_by TEXT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content_base64 TEXT NOT NULL,
    options_json TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
