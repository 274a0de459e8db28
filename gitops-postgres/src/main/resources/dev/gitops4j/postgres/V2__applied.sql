-- GitOps4J schema version 2: the document last applied per resource, for three-way plans.
-- Kept as the JSON text GitOps4J wrote (secrets redacted), so it reads back exactly; a version
-- from one sequence per write lets a store re-read only the rows that changed since its last read.
CREATE SEQUENCE gitops4j_applied_version;
CREATE TABLE gitops4j_applied (
  sync     text NOT NULL,
  resource text NOT NULL,
  version  bigint NOT NULL,
  document text NOT NULL,
  token    bigint,
  PRIMARY KEY (sync, resource)
);
