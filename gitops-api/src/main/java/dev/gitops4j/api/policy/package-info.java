/**
 * The {@link dev.gitops4j.api.policy.Policy} SPI: rules over a whole desired state, run on every
 * load before anything is applied; a violation is a {@link dev.gitops4j.api.model.Problem}.
 */
package dev.gitops4j.api.policy;
