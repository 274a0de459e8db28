-- GitOps4J schema version 1: fleet coordination and per-sync state.
CREATE TABLE gitops4j_sync (
  name          text PRIMARY KEY,
  next_due      timestamptz NOT NULL,
  lease_owner   text,
  lease_token   bigint,
  lease_granted timestamptz,
  lease_expires timestamptz,
  status        jsonb
);
CREATE INDEX gitops4j_sync_due ON gitops4j_sync (next_due);
CREATE SEQUENCE gitops4j_fencing_token;

-- One row per finished attempt of a fleet worker: who ran which sync, under which token, when.
CREATE TABLE gitops4j_attempt (
  id          bigserial PRIMARY KEY,
  sync        text NOT NULL,
  worker      text NOT NULL,
  token       bigint NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  outcome     text NOT NULL,
  revision    text,
  error       text
);
CREATE INDEX gitops4j_attempt_sync ON gitops4j_attempt (sync, started_at);

-- A state store's documents (inventory, last applied revision) per sync.
CREATE TABLE gitops4j_state (
  sync  text NOT NULL,
  key   text NOT NULL,
  value jsonb NOT NULL,
  token bigint,
  PRIMARY KEY (sync, key)
);

-- A state store's journal per sync, oldest first.
CREATE TABLE gitops4j_journal (
  id    bigserial PRIMARY KEY,
  sync  text NOT NULL,
  token bigint,
  entry jsonb NOT NULL
);
CREATE INDEX gitops4j_journal_sync ON gitops4j_journal (sync, id);
