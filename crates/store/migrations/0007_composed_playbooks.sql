-- A conversation composed from the question banks is kept as a playbook of its own, so that
-- it keeps its prompts like any conversation keeps its playbook version. `composed_for` names
-- the person it was made for; such playbooks are not listed with the organisation's.

ALTER TABLE playbooks ADD COLUMN composed_for TEXT REFERENCES people (id);
