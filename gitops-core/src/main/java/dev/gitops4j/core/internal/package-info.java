/** Internal helpers of gitops-core. Not part of the API: may change in any release. */
package dev.gitops4j.core.internal;
