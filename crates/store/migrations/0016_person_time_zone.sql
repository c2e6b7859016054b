-- Each person's own time zone (IANA name), chosen on their settings page; empty means the
-- organisation's. Times are shown to each reader in their zone.

ALTER TABLE people ADD COLUMN time_zone TEXT;
