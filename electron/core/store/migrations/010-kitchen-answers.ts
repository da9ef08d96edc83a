/**
 * The kitchen's answers to the platform (docs/DESIGN.md §3). A decision made once per kitchen —
 * the answer to an order, its first render per station, its ready signal — is the first claim
 * (or finishing bump) in the kitchen-events topic's order; every terminal records it as it reads
 * the topic, in the transaction that stores the topic's offsets, so it is never taken twice.
 */
export const sql = `
CREATE TABLE order_answers (
  order_id        TEXT PRIMARY KEY,
  claim_event_id  TEXT NOT NULL,                -- the ORDER_ANSWERED that counts (or this terminal's own, not decided yet)
  terminal_id     TEXT NOT NULL,
  answer          TEXT NOT NULL,                -- ACCEPTED or REJECTED
  prep_minutes    INTEGER,
  reason          TEXT,
  answered_at     TEXT NOT NULL,                -- the claim's occurredAt (UTC ISO)
  decided         INTEGER NOT NULL,             -- 0: this terminal's answer, its place in the topic not known yet
  overruled       INTEGER NOT NULL DEFAULT 0,   -- this terminal answered after the answer that counts
  prep_from       TEXT,                         -- when prep_minutes start (the answer, or the last PREP_TIME_UPDATED)
  prep_stamp      TEXT,                         -- last writer of prep_minutes ("<occurredAt>|<eventId>")
  proposed_prep_minutes INTEGER                 -- behind its promise: what expo is proposed to send
) STRICT;

CREATE TABLE signal_decisions (
  order_id     TEXT NOT NULL,
  decision     TEXT NOT NULL,                   -- 'READY', or 'SHOWN:<station>' ('SHOWN:' for expo)
  event_id     TEXT NOT NULL,                   -- the claim or bump that came first
  terminal_id  TEXT NOT NULL,
  decided_at   TEXT NOT NULL,
  PRIMARY KEY (order_id, decision)
) STRICT, WITHOUT ROWID;

CREATE TABLE signal_claims (
  order_id  TEXT NOT NULL,
  decision  TEXT NOT NULL,                      -- what this terminal claimed (a render), so it claims it once
  event_id  TEXT NOT NULL,
  PRIMARY KEY (order_id, decision)
) STRICT, WITHOUT ROWID;

CREATE TABLE item_availability (
  item_key     TEXT PRIMARY KEY,                -- the item's name without case
  item         TEXT NOT NULL,
  available    INTEGER NOT NULL,
  until        TEXT,
  since        TEXT NOT NULL,
  terminal_id  TEXT NOT NULL,
  stamp        TEXT NOT NULL                    -- last writer wins
) STRICT;

CREATE TABLE kitchen_pause (
  merchant_id   TEXT PRIMARY KEY,
  paused_until  TEXT,                           -- null: not paused (resumed)
  stamp         TEXT NOT NULL
) STRICT;
`;
