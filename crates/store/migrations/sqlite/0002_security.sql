-- One-time links: what they are for, and when they stopped working.
-- Existing rows are invitations; a link is revoked when a newer one is issued
-- for the member, when the member's password changes, or by an organizer.
ALTER TABLE invitations ADD COLUMN kind TEXT NOT NULL DEFAULT 'invitation'
    CHECK (kind IN ('invitation', 'reset'));
ALTER TABLE invitations ADD COLUMN revoked_at BIGINT;
