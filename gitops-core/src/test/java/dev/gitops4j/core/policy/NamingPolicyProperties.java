package dev.gitops4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Provenance;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.policy.Policy;
import dev.gitops4j.api.source.Revision;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** NamingPolicy against independent oracles of its documented conventions; order independence. */
class NamingPolicyProperties {
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> any =
        Arbitraries.strings().withChars("abcXYZ019-._ ").ofMinLength(0).ofMaxLength(12);
    Arbitrary<String> kebab =
        Arbitraries.strings()
            .withChars("abz09")
            .ofMinLength(1)
            .ofMaxLength(5)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(l -> String.join("-", l));
    Arbitrary<String> long_ = Arbitraries.strings().withChars("a-").ofMinLength(60).ofMaxLength(70);
    return Arbitraries.oneOf(
        any, kebab, long_, kebab.map(s -> "prod-" + s), kebab.map(s -> s + ".example.com"));
  }

  static boolean kebabOracle(String s) {
    if (s.isEmpty() || s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
      return false;
    }
    return s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }

  static boolean labelOracle(String s) {
    return s.length() <= 63
        && !s.isEmpty()
        && !s.startsWith("-")
        && !s.endsWith("-")
        && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }

  static boolean subdomainOracle(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      // Kubernetes limits the whole subdomain to 253 characters, not each label to 63.
      if (part.isEmpty()
          || part.startsWith("-")
          || part.endsWith("-")
          || !part.chars()
              .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static boolean camelOracle(String s) {
    return !s.isEmpty()
        && Character.isLowerCase(s.charAt(0))
        && s.chars()
            .allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }

  static boolean pascalOracle(String s) {
    return !s.isEmpty()
        && s.charAt(0) >= 'A'
        && s.charAt(0) <= 'Z'
        && s.chars()
            .allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }

  @Property(tries = 2000)
  void acceptsExactlyWhatTheDocumentedPatternDescribes(@ForAll("names") String name) {
    assertThat(NamingPolicy.kebabCase().accepts(name)).isEqualTo(kebabOracle(name));
    assertThat(NamingPolicy.dns1123Label().accepts(name)).isEqualTo(labelOracle(name));
    assertThat(NamingPolicy.dns1123Subdomain().accepts(name)).isEqualTo(subdomainOracle(name));
    assertThat(NamingPolicy.camelCase().accepts(name)).isEqualTo(camelOracle(name));
    assertThat(NamingPolicy.pascalCase().accepts(name)).isEqualTo(pascalOracle(name));
    assertThat(NamingPolicy.kebabCase().withPrefix("prod-").accepts(name))
        .isEqualTo(kebabOracle(name) && name.startsWith("prod-"));
    assertThat(NamingPolicy.dns1123Subdomain().withSuffix(".example.com").accepts(name))
        .isEqualTo(subdomainOracle(name) && name.endsWith(".example.com"));
    assertThat(NamingPolicy.matching("[a-c]+").accepts(name)).isEqualTo(name.matches("[a-c]+"));
    for (NamingPolicy p :
        List.of(NamingPolicy.kebabCase(), NamingPolicy.dns1123Label(), NamingPolicy.camelCase())) {
      assertThat(p.accepts(name)).isEqualTo(name.matches(p.pattern()));
    }
  }

  @Property(tries = 200)
  void policyResultsDoNotDependOnResourceOrder(
      @ForAll("nameLists") List<String> names, @ForAll long seed) {
    List<Policy> policies =
        List.of(
            NamingPolicy.kebabCase(),
            RequiredMetadataPolicy.labels("app"),
            PlacementPolicy.under("teams/a").namespaces("a"),
            LimitsPolicy.none().resourcesPerNamespace(3),
            ForbiddenFieldsPolicy.of("/spec/hostNetwork"));
    List<Resource> resources = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      Node.Obj body =
          Node.obj(
              "kind",
              Node.str("ConfigMap"),
              "metadata",
              Node.obj("name", Node.str(n)),
              "spec",
              Node.obj("hostNetwork", Node.bool(i % 2 == 0)));
      resources.add(
          new Resource(
              new ResourceId("ConfigMap", Option.of(i % 3 == 0 ? "a" : "b"), n),
              body,
              TreeSet.empty(),
              Option.of(
                  new Provenance(
                      (i % 2 == 0 ? "teams/a/" : "teams/b/") + n + ".yaml", 1, 1, "0"))));
    }
    List<Resource> shuffled = new ArrayList<>(resources);
    Collections.shuffle(shuffled, new Random(seed));
    Revision rev = new Revision("0".repeat(40), "main", Instant.EPOCH, "");
    for (Policy p : policies) {
      assertThat(p.check(DesiredState.of(rev, shuffled)))
          .isEqualTo(p.check(DesiredState.of(rev, resources)));
    }
  }

  @Provide
  Arbitrary<List<String>> nameLists() {
    return Arbitraries.strings()
        .withChars("abAB-")
        .ofMinLength(1)
        .ofMaxLength(6)
        .list()
        .uniqueElements()
        .ofMaxSize(12);
  }
}
