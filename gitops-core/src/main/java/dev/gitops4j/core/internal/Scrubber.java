package dev.gitops4j.core.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes known secret values from text we keep or log: every {@link Node.SecretText} of the
 * documents being applied, the values a target holds where those documents hold secrets, and their
 * Base64 forms. Exceptions are described with their type and their causes, scrubbed.
 */
public final class Scrubber {
  /** A scrubber that knows no secrets. */
  public static final Scrubber NONE = new Scrubber(java.util.List.of());

  private final java.util.List<String> values;

  private Scrubber(java.util.List<String> values) {
    this.values = values;
  }

  /** Collects secret values from documents, and builds a scrubber. */
  public static final class Collector {
    private final Set<String> values = new LinkedHashSet<>();

    /**
     * Adds every secret value in {@code desired}, and what {@code actual} holds at those places.
     */
    public Collector add(Node desired, @Nullable Node actual) {
      if (desired instanceof Node.SecretText s) {
        value(s.secret().reveal());
        if (actual != null) {
          actual.asText().forEach(this::value);
        }
      } else if (desired instanceof Node.Obj o) {
        for (var e : o.fields()) {
          Node other = actual instanceof Node.Obj a ? a.get(e._1).getOrNull() : null;
          add(e._2, other);
        }
      } else if (desired instanceof Node.Arr a) {
        for (int i = 0; i < a.items().size(); i++) {
          Node other =
              actual instanceof Node.Arr b && i < b.items().size() ? b.items().get(i) : null;
          add(a.items().get(i), other);
        }
      }
      return this;
    }

    /**
     * Adds every string under {@code data} and {@code stringData} of {@code observed} when it is a
     * {@code Secret}: what a target holds there is secret even where Git no longer declares it (a
     * Secret being deleted or replaced).
     */
    public Collector addObserved(Node.Obj observed) {
      if (observed.get("kind").flatMap(Node::asText).contains("Secret")) {
        observed.get("data").forEach(this::leaves);
        observed.get("stringData").forEach(this::leaves);
      }
      return this;
    }

    private void leaves(Node node) {
      if (node instanceof Node.Obj o) {
        for (var e : o.fields()) {
          leaves(e._2);
        }
      } else if (node instanceof Node.Arr a) {
        a.items().forEach(this::leaves);
      } else if (node instanceof Node.SecretText s) {
        value(s.secret().reveal());
      } else {
        node.asText().forEach(this::value);
      }
    }

    private void value(String v) {
      if (!v.isEmpty()) {
        values.add(v);
        values.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
      }
    }

    /** The scrubber, longest values first so that no part of a long secret survives. */
    public Scrubber build() {
      java.util.List<String> sorted = new ArrayList<>(values);
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      return new Scrubber(java.util.List.copyOf(sorted));
    }
  }

  /** A new collector. */
  public static Collector collector() {
    return new Collector();
  }

  /** The text with every known secret value replaced by {@value Secret#REDACTED}. */
  public String scrub(String text) {
    String out = text;
    for (String v : values) {
      out = out.replace(v, Secret.REDACTED);
    }
    return out;
  }

  /**
   * A one-line description of an exception and its causes ({@code Type: message; caused by Type:
   * message}), scrubbed; the type is left out for a {@code TargetException}, whose message is meant
   * for people. A cause's message already quoted by its effect is not repeated.
   */
  public String describe(Throwable error) {
    StringBuilder out = new StringBuilder();
    IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
      String message = t.getMessage();
      if (t != error && message != null && out.indexOf(message) >= 0) {
        continue;
      }
      if (t != error) {
        out.append("; caused by ");
      }
      boolean plain = t == error && t.getClass().getSimpleName().equals("TargetException");
      if (!plain || message == null) {
        out.append(t.getClass().getSimpleName());
      }
      if (message != null) {
        out.append(plain ? "" : ": ").append(message);
      }
    }
    return scrub(out.toString());
  }

  /**
   * A copy of the exception safe to log with its stack trace: same types named in the messages,
   * scrubbed messages, the original stack traces, the causes copied the same way.
   */
  public RuntimeException scrubbed(Throwable error) {
    return copy(error, new IdentityHashMap<>());
  }

  private RuntimeException copy(Throwable t, Map<Throwable, Boolean> seen) {
    seen.put(t, true);
    String message = t.getMessage();
    RuntimeException c =
        new RuntimeException(
            t.getClass().getName() + (message == null ? "" : ": " + scrub(message)));
    c.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && !seen.containsKey(cause)) {
      c.initCause(copy(cause, seen));
    }
    return c;
  }
}
