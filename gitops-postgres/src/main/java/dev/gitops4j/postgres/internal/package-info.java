/** JDBC helpers of the PostgreSQL module; not part of the contract. */
package dev.gitops4j.postgres.internal;
