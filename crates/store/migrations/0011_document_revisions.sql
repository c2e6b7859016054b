-- Notes written together keep what each side wrote: whenever one side saves over text the
-- other side wrote last, that text is kept as a revision, so nothing the person wrote
-- disappears without a trace they can see.

CREATE TABLE document_revisions (
    id TEXT PRIMARY KEY,
    note_id TEXT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id),
    written_by TEXT NOT NULL REFERENCES people (id),
    revision BIGINT NOT NULL,
    body TEXT NOT NULL,
    saved_at BIGINT NOT NULL
);
CREATE INDEX document_revisions_note_idx ON document_revisions (note_id, revision);
CREATE INDEX document_revisions_person_idx ON document_revisions (person_id);
