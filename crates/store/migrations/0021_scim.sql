-- SCIM provisioning. Tokens of their own, for an identity provider rather than a person (only
-- the hash of each is kept). And what a provider says of a person beyond the roster's fields:
-- its user name (unique whatever the case), its own id for them, the parts of their name and
-- the kind of their address (and whether it was sent as the primary one). A person the provider deletes is deactivated and marked removed,
-- so the provider no longer finds them and can provision them again under the same user name.
CREATE TABLE scim_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);

CREATE TABLE scim_users (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    user_name TEXT NOT NULL,
    user_name_key TEXT NOT NULL UNIQUE,
    external_id TEXT,
    display_name TEXT,
    formatted_name TEXT,
    given_name TEXT,
    family_name TEXT,
    email_type TEXT,
    email_primary BIGINT,
    removed_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX scim_users_external_idx ON scim_users (external_id);
