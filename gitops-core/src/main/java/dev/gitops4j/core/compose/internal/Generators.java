package dev.gitops4j.core.compose.internal;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code configMapGenerator} and {@code secretGenerator}: data from env files, literals and files,
 * generator options, and the content-hash name suffix computed exactly as kustomize does.
 */
public final class Generators {
  private final Tree tree;
  private final List<Problem> problems;

  Generators(Tree tree, List<Problem> problems) {
    this.tree = tree;
    this.problems = problems;
  }

  /**
   * Generates the entries of {@code field} ({@code configMapGenerator} or {@code secretGenerator}).
   */
  List<Res> generate(KustFile k, String field, Node.Obj globalOptions) {
    boolean secret = field.equals("secretGenerator");
    List<Res> out = new java.util.ArrayList<>();
    for (Node entry : k.items(field)) {
      if (!(entry instanceof Node.Obj e)) {
        problems.add(
            Problem.at(
                k.path(),
                k.line(field),
                1,
                "kustomize-invalid",
                field + " entries must be mappings"));
        continue;
      }
      String name = Nodes.text(e, "name").getOrElse("");
      int line = k.lineOf(field, name);
      if (name.isEmpty()) {
        problems.add(
            Problem.at(k.path(), line, 1, "kustomize-invalid", field + " entry needs a name"));
        continue;
      }
      Map<String, String> data = new LinkedHashMap<>();
      Map<String, byte[]> binary = new LinkedHashMap<>();
      List<String> envs = new java.util.ArrayList<>();
      Nodes.items(e.get("envs")).forEach(n -> n.asText().forEach(envs::add));
      Nodes.text(e, "env").forEach(envs::add);
      for (String env : envs) {
        Option<String> path = file(k, field, env);
        if (path.isEmpty()) {
          continue;
        }
        String[] lines = tree.text(path.get()).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String l = lines[i].replace("\r", "");
          if (i == 0 && l.startsWith("\uFEFF")) {
            l = l.substring(1);
          }
          l = l.stripLeading();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          int eq = l.indexOf('=');
          put(
              k,
              line,
              name,
              data,
              eq < 0 ? l : l.substring(0, eq),
              enc(secret, eq < 0 ? "" : l.substring(eq + 1)));
        }
      }
      for (Node lit : Nodes.items(e.get("literals"))) {
        String s = Nodes.scalar(lit).getOrElse("");
        int eq = s.indexOf('=');
        if (eq <= 0) {
          problems.add(
              k.problem(field, s, "kustomize-invalid", "literal '" + s + "' must be key=value"));
          continue;
        }
        put(
            k,
            line,
            name,
            data,
            s.substring(0, eq),
            enc(secret, removeQuotes(s.substring(eq + 1))));
      }
      for (Node f : Nodes.items(e.get("files"))) {
        String s = f.asText().getOrElse("");
        int eq = s.indexOf('=');
        String key = eq < 0 ? s.substring(s.lastIndexOf('/') + 1) : s.substring(0, eq);
        String rel = eq < 0 ? s : s.substring(eq + 1);
        Option<String> path = file(k, field, rel);
        if (path.isEmpty()) {
          continue;
        }
        byte[] bytes = tree.bytes(path.get());
        Option<String> text = utf8(bytes);
        if (secret) {
          put(k, line, name, data, key, Base64.getEncoder().encodeToString(bytes));
        } else if (text.isDefined()) {
          put(k, line, name, data, key, text.get());
        } else {
          binary.put(key, bytes);
        }
      }
      Node.Obj options = merge(globalOptions, Nodes.obj(e, "options"));
      Node.Obj body =
          Node.obj("apiVersion", Node.str("v1"), "kind", Node.str(secret ? "Secret" : "ConfigMap"));
      Node.Obj meta = Node.obj("name", Node.str(name));
      for (String ns : Nodes.text(e, "namespace")) {
        meta = meta.with("namespace", Node.str(ns));
      }
      Node.Obj labels = Nodes.obj(options, "labels");
      if (!labels.fields().isEmpty()) {
        meta = meta.with("labels", labels);
      }
      Node.Obj annotations = Nodes.obj(options, "annotations");
      if (!annotations.fields().isEmpty()) {
        meta = meta.with("annotations", annotations);
      }
      body = body.with("metadata", meta);
      if (secret) {
        body = body.with("type", Node.str(Nodes.text(e, "type").getOrElse("Opaque")));
      }
      Node.Obj d = Node.Obj.EMPTY;
      for (Map.Entry<String, String> kv : new TreeMap<>(data).entrySet()) {
        d = d.with(kv.getKey(), Node.str(kv.getValue()));
      }
      if (!data.isEmpty()) {
        body = body.with("data", d);
      }
      if (!binary.isEmpty()) {
        Node.Obj b = Node.Obj.EMPTY;
        for (Map.Entry<String, byte[]> kv : new TreeMap<>(binary).entrySet()) {
          b = b.with(kv.getKey(), Node.str(Base64.getEncoder().encodeToString(kv.getValue())));
        }
        body = body.with("binaryData", b);
      }
      if (Nodes.get(options, "immutable").contains(Node.bool(true))) {
        body = body.with("immutable", Node.bool(true));
      }
      Res r = new Res(body, k.path(), line, tree.blobId(k.path()));
      r.needsHash(!Nodes.get(options, "disableNameSuffixHash").contains(Node.bool(true)));
      r.behavior(Nodes.text(e, "behavior").getOrElse("create"));
      out.add(r);
    }
    return out;
  }

  private void put(
      KustFile k, int line, String name, Map<String, String> data, String key, String value) {
    if (data.containsKey(key)) {
      problems.add(
          Problem.at(
              k.path(),
              line,
              1,
              "kustomize-invalid",
              "'" + name + "' repeats the key '" + key + "'"));
    }
    data.put(key, value);
  }

  private static String enc(boolean secret, String value) {
    return secret
        ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        : value;
  }

  private Option<String> file(KustFile k, String field, String rel) {
    Option<String> path = Tree.resolve(k.dir(), rel);
    if (path.isEmpty()) {
      problems.add(
          k.problem(field, rel, "kustomize-escape", "'" + rel + "' leaves the repository"));
      return Option.none();
    }
    if (tree.symlinkOn(path.get()).isDefined()) {
      problems.add(
          k.problem(
              field, rel, "symlink", "'" + rel + "' is a symbolic link; links are not followed"));
      return Option.none();
    }
    if (!tree.isFile(path.get())) {
      problems.add(k.problem(field, rel, "kustomize-missing", "no file '" + path.get() + "'"));
      return Option.none();
    }
    return path;
  }

  private static Node.Obj merge(Node.Obj global, Node.Obj local) {
    Node.Obj out = global;
    for (var e : local.fields()) {
      if (e._2 instanceof Node.Obj o
          && out.get(e._1).isDefined()
          && out.get(e._1).get() instanceof Node.Obj g) {
        Node.Obj m = g;
        for (var f : o.fields()) {
          m = m.with(f._1, f._2);
        }
        out = out.with(e._1, m);
      } else if (!(e._2 instanceof Node.Bool b
          && !b.value()
          && out.get(e._1).contains(Node.bool(true)))) {
        out = out.with(e._1, e._2);
      }
    }
    return out;
  }

  static String removeQuotes(String s) {
    if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1)) {
      return s;
    }
    return s.charAt(0) == '"' || s.charAt(0) == '\'' ? s.substring(1, s.length() - 1) : s;
  }

  private static Option<String> utf8(byte[] bytes) {
    try {
      return Option.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Option.none();
    }
  }

  /** The suffix kustomize appends to a generated ConfigMap or Secret: 10 characters of SHA-256. */
  public static String hash(Node.Obj body) {
    boolean secret = Nodes.text(body, "kind").contains("Secret");
    TreeMap<String, Node> m = new TreeMap<>();
    m.put("kind", Node.str(secret ? "Secret" : "ConfigMap"));
    m.put("name", Node.str(""));
    m.put(
        "data", Nodes.get(body, "data").filter(Node.Obj.class::isInstance).getOrElse(Node.str("")));
    if (secret) {
      m.put(
          "type",
          Nodes.get(body, "type").flatMap(Nodes::scalar).map(Node::str).getOrElse(Node.str("")));
      Nodes.get(body, "stringData")
          .filter(Node.Obj.class::isInstance)
          .forEach(n -> m.put("stringData", n));
    } else {
      Nodes.get(body, "binaryData")
          .filter(Node.Obj.class::isInstance)
          .forEach(n -> m.put("binaryData", n));
    }
    StringBuilder json = new StringBuilder();
    GoJson.write(json, new Node.Obj(io.vavr.collection.LinkedHashMap.ofAll(m)));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.toString().getBytes(StandardCharsets.UTF_8));
      char[] hex = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
      for (int i = 0; i < hex.length; i++) {
        switch (hex[i]) {
          case '0' -> hex[i] = 'g';
          case '1' -> hex[i] = 'h';
          case '3' -> hex[i] = 'k';
          case 'a' -> hex[i] = 'm';
          case 'e' -> hex[i] = 't';
          default -> {}
        }
      }
      return new String(hex);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
