package dev.gitops4j.testkit;

import dev.gitops4j.api.model.ResourceId;

/** Reads the ids that assertions and fixtures take as text. */
final class Ids {
  private Ids() {}

  static ResourceId parse(String id) {
    return ResourceId.parse(id)
        .getOrElseThrow(
            () ->
                new IllegalArgumentException(
                    "not a resource id: '" + id + "' (write Kind/name or Kind/namespace/name)"));
  }
}
