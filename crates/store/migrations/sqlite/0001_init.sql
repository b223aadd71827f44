-- Antenna schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql.
-- Times are BIGINT Unix seconds, JSON is TEXT, f64 is DOUBLE PRECISION (REAL
-- affinity). Applied migrations are never edited: add 0002_… instead.

-- The one community this server runs.
CREATE TABLE community (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);

-- Emails are stored trimmed and lower-cased by the store, so UNIQUE is
-- case-insensitive in effect.
CREATE TABLE members (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('member', 'organizer')),
    status        TEXT    NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
    family_name   TEXT    NOT NULL,
    given_name    TEXT    NOT NULL,
    family_kana   TEXT    NOT NULL,
    given_kana    TEXT    NOT NULL,
    company       TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    industry      TEXT    NOT NULL,
    offer         TEXT    NOT NULL,
    lang          TEXT    NOT NULL,
    password_hash TEXT,
    failed_logins BIGINT  NOT NULL DEFAULT 0,
    locked_until  BIGINT,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE profiles (
    member_id  INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    data       TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL
);

CREATE TABLE circles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX circles_member ON circles (member_id);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT    NOT NULL,
    family_name TEXT    NOT NULL,
    given_name  TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('member', 'organizer')),
    token_hash  TEXT    NOT NULL UNIQUE,
    member_id   BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_by  BIGINT  REFERENCES members (id) ON DELETE SET NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX invitations_member ON invitations (member_id);
CREATE INDEX invitations_created_by ON invitations (created_by);

CREATE TABLE sessions (
    id_hash    TEXT    PRIMARY KEY NOT NULL,
    member_id  BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_member ON sessions (member_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id    BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_member ON api_tokens (member_id);

-- An ask in its current revision; expires_on is 'YYYY-MM-DD' (compares as text).
CREATE TABLE asks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    status     TEXT    NOT NULL
               CHECK (status IN ('draft', 'published', 'paused', 'fulfilled', 'closed')),
    expires_on TEXT,
    reading    TEXT    NOT NULL,
    bits       DOUBLE PRECISION NOT NULL,
    band       TEXT    NOT NULL,
    revision   BIGINT  NOT NULL,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE INDEX asks_status_updated ON asks (status, updated_at);
CREATE INDEX asks_updated ON asks (updated_at, id);
CREATE INDEX asks_member ON asks (member_id);

-- Every saved version of an ask. The primary key (ask_id, revision) is also
-- the index for looking up an ask's revisions.
CREATE TABLE ask_revisions (
    ask_id     BIGINT  NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
    revision   BIGINT  NOT NULL,
    text       TEXT    NOT NULL,
    reading    TEXT    NOT NULL,
    bits       DOUBLE PRECISION NOT NULL,
    band       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (ask_id, revision)
);

-- 「知り合いにいます」: one row per (ask, member); a second one updates the note.
CREATE TABLE intents (
    ask_id     BIGINT  NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
    member_id  BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    note       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (ask_id, member_id)
);
CREATE INDEX intents_member ON intents (member_id);
