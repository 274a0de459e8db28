/**
 * The documents: {@link dev.gitops4j.api.model.Node} (an immutable JSON tree on Vavr collections),
 * {@link dev.gitops4j.api.model.ResourceId}, {@link dev.gitops4j.api.model.Resource}, {@link
 * dev.gitops4j.api.model.DesiredState}, and {@link dev.gitops4j.api.model.Problem}, the value every
 * user mistake becomes (file, line, rule, message).
 */
package dev.gitops4j.api.model;
