package dev.gitops4j.secrets.sops.internal;

import dev.gitops4j.secrets.sops.internal.SNode.Entry;
import dev.gitops4j.secrets.sops.internal.SNode.SList;
import dev.gitops4j.secrets.sops.internal.SNode.SMap;
import dev.gitops4j.secrets.sops.internal.SNode.SScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sops} metadata of a file: key groups, rules, MAC and timestamps. INI and dotenv files
 * flatten it ({@code pgp__list_0__map_enc}); this class flattens and unflattens.
 */
public record Metadata(
    List<KeyGroup> groups,
    int threshold,
    Optional<String> lastModified,
    Optional<String> mac,
    boolean macOnlyEncrypted,
    Map<String, String> rules,
    String version) {

  /** The rule fields; at most one may be set. */
  public static final List<String> RULES =
      List.of(
          "unencrypted_suffix",
          "encrypted_suffix",
          "unencrypted_regex",
          "encrypted_regex",
          "unencrypted_comment_regex",
          "encrypted_comment_regex");

  /** One group of master keys; any one of them recovers the group's share. */
  public record KeyGroup(List<MasterKey> keys) {}

  /** One master key: its type (age, pgp, or another sops knows), id and encrypted data key. */
  public record MasterKey(String type, String id, String enc) {}

  /** Reads metadata from its tree form. */
  public static Metadata of(Map<String, Object> m) {
    List<KeyGroup> groups = new ArrayList<>();
    Object kg = m.get("key_groups");
    if (kg instanceof List<?> list && !list.isEmpty()) {
      for (Object g : list) {
        groups.add(group(asMap(g)));
      }
    } else {
      groups.add(group(m));
    }
    Map<String, String> rules = new LinkedHashMap<>();
    for (String r : RULES) {
      Object v = m.get(r);
      if (v != null && !v.toString().isEmpty()) {
        rules.put(r, v.toString());
      }
    }
    int threshold = groups.size();
    Object t = m.get("shamir_threshold");
    if (t != null && !t.toString().isEmpty()) {
      threshold = Integer.parseInt(t.toString());
    }
    Object mo = m.get("mac_only_encrypted");
    return new Metadata(
        groups,
        threshold,
        Optional.ofNullable(m.get("lastmodified")).map(Object::toString),
        Optional.ofNullable(m.get("mac")).map(Object::toString).filter(s -> !s.isEmpty()),
        mo != null && Boolean.parseBoolean(mo.toString()),
        rules,
        String.valueOf(m.getOrDefault("version", "")));
  }

  private static KeyGroup group(Map<String, Object> m) {
    List<MasterKey> keys = new ArrayList<>();
    for (Object o : asList(m.get("age"))) {
      Map<String, Object> k = asMap(o);
      keys.add(new MasterKey("age", str(k.get("recipient")), str(k.get("enc"))));
    }
    for (Object o : asList(m.get("pgp"))) {
      Map<String, Object> k = asMap(o);
      keys.add(new MasterKey("pgp", str(k.get("fp")), str(k.get("enc"))));
    }
    for (String other : List.of("kms", "gcp_kms", "azure_kv", "hc_vault", "hckms")) {
      for (Object o : asList(m.get(other))) {
        keys.add(
            new MasterKey(
                other, String.valueOf(asMap(o).values().stream().findFirst().orElse("")), ""));
      }
    }
    return new KeyGroup(keys);
  }

  private static String str(@Nullable Object o) {
    return o == null ? "" : o.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(@Nullable Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<?> asList(@Nullable Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  /** Converts a tree to plain maps, lists and scalars. */
  public static @Nullable Object plain(SNode node) {
    if (node instanceof SMap m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Entry e : m.entries()) {
        if (e.key() != null) {
          out.put(e.key(), plain(e.value()));
        }
      }
      return out;
    }
    if (node instanceof SList l) {
      List<Object> out = new ArrayList<>();
      for (SNode item : l.items()) {
        if (!(item instanceof SNode.SComment)) {
          out.add(plain(item));
        }
      }
      return out;
    }
    return node instanceof SScalar s ? s.value() : null;
  }

  /** Converts plain maps, lists and scalars to a tree. */
  public static SNode tree(@Nullable Object o) {
    if (o instanceof Map<?, ?> m) {
      SMap out = new SMap();
      m.forEach((k, v) -> out.entries().add(new Entry(k.toString(), tree(v))));
      return out;
    }
    if (o instanceof List<?> l) {
      SList out = new SList();
      l.forEach(v -> out.items().add(tree(v)));
      return out;
    }
    return new SScalar(o);
  }

  /** Rebuilds nested metadata from flattened keys such as {@code pgp__list_0__map_enc}. */
  public static Map<String, Object> unflatten(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : flat.entrySet()) {
      String[] parts = e.getKey().split("__", -1);
      Object container = root;
      for (int i = 0; i < parts.length; i++) {
        boolean last = i == parts.length - 1;
        String part =
            i == 0 ? parts[0] : parts[i].startsWith("map_") ? parts[i].substring(4) : parts[i];
        Object child;
        if (last) {
          child = e.getValue();
        } else if (parts[i + 1].startsWith("list_")) {
          child = new ArrayList<>();
        } else {
          child = new LinkedHashMap<String, Object>();
        }
        container = put(container, part, child, last);
      }
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private static Object put(Object container, String part, Object child, boolean last) {
    if (container instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      if (last) {
        map.put(part, child);
        return child;
      }
      return map.computeIfAbsent(part, k -> child);
    }
    List<Object> list = (List<Object>) container;
    int index = Integer.parseInt(part.substring("list_".length()));
    while (list.size() <= index) {
      list.add(null);
    }
    if (last) {
      list.set(index, child);
      return child;
    }
    if (list.get(index) == null) {
      list.set(index, child);
    }
    return list.get(index);
  }

  /** Flattens nested metadata into {@code key__list_0__map_field} keys. */
  public static Map<String, String> flatten(Map<String, Object> nested) {
    Map<String, String> out = new LinkedHashMap<>();
    nested.forEach((k, v) -> flatten(k, v, out));
    return out;
  }

  private static void flatten(String prefix, Object v, Map<String, String> out) {
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> flatten(prefix + "__map_" + k, x, out));
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        flatten(prefix + "__list_" + i, l.get(i), out);
      }
    } else if (v != null) {
      out.put(prefix, Values.toText(v));
    }
  }
}
