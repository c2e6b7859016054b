-- The organisation's own competencies, added by the people team beside the built-in set
-- (O*NET and ESCO, compiled into trellis-core). `name_key` is the name in lower case, so that
-- a name is listed once whatever its capitals.

CREATE TABLE library_competencies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
