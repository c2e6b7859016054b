-- Sign-ins begun at the organisation's identity provider and not yet come back: the PKCE
-- verifier and nonce of each, under the hash of its state. Kept in the database so that the
-- instance the browser returns to need not be the one it left from; taken (deleted) when it
-- returns, so a state works once.
CREATE TABLE sso_attempts (
    state_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX sso_attempts_created_idx ON sso_attempts (created_at);
