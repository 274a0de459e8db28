package dev.gitops4j.core.policy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.api.policy.Policy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A naming convention for {@code metadata.name}, checked on every load: each resource whose name
 * breaks it is a {@code naming} problem at its file and line. A policy may be limited to some kinds
 * and to some repository paths, and may require a prefix or a suffix (per environment: one policy
 * per overlay folder).
 *
 * <p>The conventions and their patterns (the whole name must match):
 *
 * <ul>
 *   <li>{@code kebab-case}: {@value #KEBAB_CASE}
 *   <li>{@code dns-1123-label}: {@value #DNS_1123_LABEL}, at most 63 characters
 *   <li>{@code dns-1123-subdomain}: {@value #DNS_1123_SUBDOMAIN}, at most 253 characters
 *   <li>{@code camelCase}: {@value #CAMEL_CASE}
 *   <li>{@code PascalCase}: {@value #PASCAL_CASE}
 *   <li>any regular expression ({@link #matching})
 * </ul>
 *
 * <pre>{@code
 * Policy p = NamingPolicy.kebabCase().withPrefix("prod-").under("overlays/prod/**");
 * }</pre>
 */
public final class NamingPolicy implements Policy {
  /** Lower-case words of letters and digits joined by single hyphens. */
  public static final String KEBAB_CASE = "[a-z0-9]+(?:-[a-z0-9]+)*";

  /** An RFC 1123 label: lower-case letters, digits and inner hyphens. */
  public static final String DNS_1123_LABEL = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";

  /** RFC 1123 labels joined by dots. */
  public static final String DNS_1123_SUBDOMAIN =
      "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*";

  /** A lower-case letter, then letters and digits. */
  public static final String CAMEL_CASE = "[a-z][a-zA-Z0-9]*";

  /** An upper-case letter, then letters and digits. */
  public static final String PASCAL_CASE = "[A-Z][a-zA-Z0-9]*";

  private final String convention;
  private final String core;
  private final int maxLength;
  private final String prefix;
  private final String suffix;
  private final Scope scope;
  private final Pattern pattern;

  private NamingPolicy(
      String convention, String core, int maxLength, String prefix, String suffix, Scope scope) {
    this.convention = convention;
    this.core = core;
    this.maxLength = maxLength;
    this.prefix = prefix;
    this.suffix = suffix;
    this.scope = scope;
    this.pattern = Pattern.compile(pattern());
  }

  private static NamingPolicy of(String convention, String core, int max) {
    return new NamingPolicy(convention, core, max, "", "", Scope.ALL);
  }

  /**
   * {@code kebab-case} names.
   *
   * @return a policy matching {@link #KEBAB_CASE}, with no length limit
   */
  public static NamingPolicy kebabCase() {
    return of("kebab-case", KEBAB_CASE, 0);
  }

  /**
   * DNS-1123 label names (most Kubernetes kinds' rule for some names).
   *
   * @return a policy matching {@link #DNS_1123_LABEL} within 63 characters
   */
  public static NamingPolicy dns1123Label() {
    return of("dns-1123-label", DNS_1123_LABEL, 63);
  }

  /**
   * DNS-1123 subdomain names (the rule for most Kubernetes object names).
   *
   * @return a policy matching {@link #DNS_1123_SUBDOMAIN} within 253 characters
   */
  public static NamingPolicy dns1123Subdomain() {
    return of("dns-1123-subdomain", DNS_1123_SUBDOMAIN, 253);
  }

  /**
   * {@code camelCase} names.
   *
   * @return a policy matching {@link #CAMEL_CASE}, with no length limit
   */
  public static NamingPolicy camelCase() {
    return of("camelCase", CAMEL_CASE, 0);
  }

  /**
   * {@code PascalCase} names.
   *
   * @return a policy matching {@link #PASCAL_CASE}, with no length limit
   */
  public static NamingPolicy pascalCase() {
    return of("PascalCase", PASCAL_CASE, 0);
  }

  /**
   * Names matching a regular expression (the whole name).
   *
   * @param regex a {@link Pattern} the whole name must match; it is shown in the problems
   * @return a policy with no length limit
   * @throws IllegalArgumentException if the expression does not compile
   */
  public static NamingPolicy matching(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "naming pattern does not compile: " + e.getDescription(), e);
    }
    return of("pattern " + regex, "(?:" + regex + ")", 0);
  }

  /**
   * The convention of that name: {@code kebab-case}, {@code dns-1123-label}, {@code
   * dns-1123-subdomain}, {@code camelCase} or {@code PascalCase}.
   *
   * @param convention a convention's name as written in {@code gitops4j.yaml}; case matters
   * @return the policy of that convention
   * @throws IllegalArgumentException for another name
   */
  public static NamingPolicy named(String convention) {
    return switch (convention) {
      case "kebab-case" -> kebabCase();
      case "dns-1123-label" -> dns1123Label();
      case "dns-1123-subdomain" -> dns1123Subdomain();
      case "camelCase" -> camelCase();
      case "PascalCase" -> pascalCase();
      default ->
          throw new IllegalArgumentException(
              "unknown naming convention '"
                  + convention
                  + "' (kebab-case, dns-1123-label, dns-1123-subdomain, camelCase, PascalCase)");
    };
  }

  /**
   * The same policy, also requiring names to start with {@code value}.
   *
   * @param value the literal text names must start with, replacing an earlier prefix; empty
   *     requires none
   * @return a new policy; this one is unchanged
   */
  public NamingPolicy withPrefix(String value) {
    return new NamingPolicy(
        convention, core, maxLength, Objects.requireNonNull(value), suffix, scope);
  }

  /**
   * The same policy, also requiring names to end with {@code value}.
   *
   * @param value the literal text names must end with, replacing an earlier suffix; empty requires
   *     none
   * @return a new policy; this one is unchanged
   */
  public NamingPolicy withSuffix(String value) {
    return new NamingPolicy(
        convention, core, maxLength, prefix, Objects.requireNonNull(value), scope);
  }

  /**
   * The same policy, for resources of these kinds only.
   *
   * @param kinds the kinds checked; replaces an earlier list, and none means every kind
   * @return a new policy; this one is unchanged
   */
  public NamingPolicy forKinds(String... kinds) {
    return new NamingPolicy(convention, core, maxLength, prefix, suffix, scope.kinds(kinds));
  }

  /**
   * The same policy, for resources declared under these path globs only ({@code *}, {@code **}).
   *
   * @param globs repository path globs; a glob without {@code *} is a folder; replaces an earlier
   *     list
   * @return a new policy; this one is unchanged
   */
  public NamingPolicy under(String... globs) {
    return new NamingPolicy(convention, core, maxLength, prefix, suffix, scope.paths(globs));
  }

  /**
   * The whole pattern a name must match: convention, length, prefix and suffix together.
   *
   * @return an anchored regular expression, with look-aheads for the length, prefix and suffix
   */
  public String pattern() {
    StringBuilder p = new StringBuilder("^");
    if (maxLength > 0) {
      p.append("(?=.{1,").append(maxLength).append("}$)");
    }
    if (!prefix.isEmpty()) {
      p.append("(?=").append(Pattern.quote(prefix)).append(")");
    }
    if (!suffix.isEmpty()) {
      p.append("(?=.*").append(Pattern.quote(suffix)).append("$)");
    }
    return p.append(core).append("$").toString();
  }

  /**
   * Whether {@code name} follows this policy.
   *
   * @param name a {@code metadata.name}
   * @return true if the whole name matches {@link #pattern()}, whatever the kind and path scope
   */
  public boolean accepts(String name) {
    return pattern.matcher(name).matches();
  }

  @Override
  public Seq<Problem> check(DesiredState state) {
    List<Problem> out = List.empty();
    for (Resource r : state.resources().values()) {
      if (scope.includes(r) && !accepts(r.id().name())) {
        out = out.prepend(Problem.of(r, "naming", "name '" + r.id().name() + "' " + describe()));
      }
    }
    return out.reverse();
  }

  private String describe() {
    StringBuilder d = new StringBuilder("is not ").append(convention);
    if (maxLength > 0) {
      d.append(" of at most ").append(maxLength).append(" characters");
    }
    if (!prefix.isEmpty()) {
      d.append(", starting with '").append(prefix).append("'");
    }
    if (!suffix.isEmpty()) {
      d.append(", ending with '").append(suffix).append("'");
    }
    return d.toString();
  }

  @Override
  public String toString() {
    return "NamingPolicy[" + describe().substring("is not ".length()) + scope + "]";
  }
}
