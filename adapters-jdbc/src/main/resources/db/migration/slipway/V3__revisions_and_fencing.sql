-- Every save of a deployment is a compare-and-set on its revision, so that two replicas (or the sweep and a process
-- that woke up) never overwrite each other's decision. Rows saved before this column existed count as saved once.
ALTER TABLE deployments ADD COLUMN revision BIGINT DEFAULT 1 NOT NULL;

-- Each acquisition of a lock carries a fencing token that grows at every acquisition of any lock; whoever writes on
-- behalf of a lease checks that the lock still carries its token.
ALTER TABLE deployment_locks ADD COLUMN fencing_token BIGINT DEFAULT 0 NOT NULL;
CREATE SEQUENCE lock_fencing_tokens START WITH 1;
