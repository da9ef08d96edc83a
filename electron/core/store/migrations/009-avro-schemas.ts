/**
 * Avro records (README "Avro and the schema registry"): the writer schemas this terminal has
 * fetched, by registry and id, so a terminal restarted while the registry is unreachable still
 * decodes every schema it has seen; and the records whose schema could not be fetched yet, which
 * wait here (the partition moves on) until the registry answers.
 */
export const sql = `
CREATE TABLE avro_schemas (
  registry   TEXT NOT NULL,                     -- the registry's URL: ids are per registry
  id         INTEGER NOT NULL,                  -- the schema id of the Confluent wire format
  schema     TEXT NOT NULL,                     -- the writer schema as the registry gave it (JSON)
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (registry, id)
) STRICT;

CREATE TABLE avro_waiting (
  topic      TEXT NOT NULL,
  partition  INTEGER NOT NULL,
  offset     TEXT NOT NULL,
  registry   TEXT NOT NULL,
  schema_id  INTEGER NOT NULL,
  record     TEXT NOT NULL,                     -- the record (value, key, headers, timestamp) as JSON, bytes in base64
  since      INTEGER NOT NULL,
  PRIMARY KEY (topic, partition, offset)
) STRICT;

CREATE INDEX avro_waiting_by_schema ON avro_waiting (registry, schema_id);
`;
