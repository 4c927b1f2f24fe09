-- Requests already acted on (a Slack trigger, a GitHub delivery, an API idempotency key): the primary key makes the
-- first claim win across every replica sharing the registry.
CREATE TABLE request_keys (
    request_key  VARCHAR(200) PRIMARY KEY,
    received_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Where an actor's id is meaningful (a Slack team id); empty for the command line.
ALTER TABLE audit_entries ADD COLUMN actor_realm VARCHAR(200) DEFAULT '' NOT NULL;
