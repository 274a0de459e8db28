/** The built-in planner and RFC 6902 JSON Patch over {@link dev.gitops4j.api.model.Node} trees. */
package dev.gitops4j.core.plan;
