package dev.gitops4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Changes to the contract are deliberate: the public types and members of gitops-api, listed from
 * the compiled classes, must equal the listing in {@code docs/API.md}. A type or member that
 * appears or disappears without the document saying so fails this test; the failure names each line
 * and writes the full current listing to {@code target/API-listing.txt}. After a deliberate change,
 * {@code mvn -pl gitops-api test -Dtest=ApiListingTest -Dapi.listing.update=true} rewrites the
 * listing in docs/API.md; say what changed and why in its "Changes" section.
 */
class ApiListingTest {
  static final Path DOC = Path.of("../docs/API.md");
  static final String BEGIN = "<!-- api-listing:begin -->";
  static final String END = "<!-- api-listing:end -->";

  @Test
  void thePublicApiIsExactlyWhatDocsApiMdLists() throws Exception {
    List<String> actual = listing();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/API-listing.txt"), actual, StandardCharsets.UTF_8);
    assertThat(actual).as("gitops-api has public types").hasSizeGreaterThan(50);

    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/API.md has the " + BEGIN + " marker").isNotNegative();
    assertThat(end).as("docs/API.md has the " + END + " marker").isGreaterThan(begin);
    if (Boolean.getBoolean("api.listing.update")) {
      doc =
          doc.substring(0, begin + BEGIN.length())
              + "\n```text\n"
              + String.join("\n", actual)
              + "\n```\n"
              + doc.substring(end);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
      end = doc.indexOf(END);
    }
    List<String> documented =
        doc.substring(begin + BEGIN.length(), end)
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("```"))
            .toList();

    Set<String> added = new LinkedHashSet<>(actual);
    documented.forEach(added::remove);
    Set<String> removed = new LinkedHashSet<>(documented);
    actual.forEach(removed::remove);
    assertThat(added)
        .as(
            "public API of gitops-api not in docs/API.md: add it there deliberately"
                + " (target/API-listing.txt has the full listing)")
        .isEmpty();
    assertThat(removed)
        .as(
            "docs/API.md lists API that gitops-api no longer has: say so in docs/API.md"
                + " (target/API-listing.txt has the full listing)")
        .isEmpty();
    assertThat(documented).as("docs/API.md listing order").containsExactlyElementsOf(actual);
  }

  /** One line per public type, then one indented line per public or protected member. */
  static List<String> listing() throws IOException, ClassNotFoundException {
    Path classes;
    try {
      classes = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names =
          files
              .map(p -> classes.relativize(p).toString())
              .filter(p -> p.endsWith(".class") && !p.endsWith("package-info.class"))
              .map(p -> p.substring(0, p.length() - 6).replace('/', '.'))
              .toList();
    }
    TreeMap<String, List<String>> types = new TreeMap<>();
    for (String name : names) {
      Class<?> c = Class.forName(name, false, ApiListingTest.class.getClassLoader());
      if (isVisible(c)) {
        types.put(c.getName(), members(c));
      }
    }
    List<String> out = new ArrayList<>();
    types.forEach(
        (name, members) -> {
          out.add(header(name));
          out.addAll(members);
        });
    return out;
  }

  static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  static String header(String name) {
    try {
      Class<?> c = Class.forName(name, false, ApiListingTest.class.getClassLoader());
      StringBuilder sb = new StringBuilder(kind(c)).append(' ').append(c.getName());
      if (c.getTypeParameters().length > 0) {
        sb.append(
            Arrays.stream(c.getTypeParameters())
                .map(Type::getTypeName)
                .collect(Collectors.joining(", ", "<", ">")));
      }
      Type sup = c.getGenericSuperclass();
      if (sup != null
          && sup != Object.class
          && sup != Record.class
          && !(c.isEnum() && c.getSuperclass() == Enum.class)) {
        sb.append(" extends ").append(sup.getTypeName());
      }
      if (c.getGenericInterfaces().length > 0) {
        sb.append(c.isInterface() ? " extends " : " implements ")
            .append(
                Arrays.stream(c.getGenericInterfaces())
                    .map(Type::getTypeName)
                    .collect(Collectors.joining(", ")));
      }
      if (c.isSealed()) {
        sb.append(
            Arrays.stream(c.getPermittedSubclasses())
                .map(Class::getName)
                .sorted()
                .collect(Collectors.joining(", ", " permits ", "")));
      }
      return sb.toString();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  static String kind(Class<?> c) {
    if (c.isAnnotation()) {
      return "@interface";
    }
    if (c.isInterface()) {
      return c.isSealed() ? "sealed interface" : "interface";
    }
    if (c.isEnum()) {
      return "enum";
    }
    if (c.isRecord()) {
      return "record";
    }
    String k = c.isSealed() ? "sealed class" : "class";
    if (Modifier.isAbstract(c.getModifiers())) {
      k = "abstract " + k;
    } else if (Modifier.isFinal(c.getModifiers())) {
      k = "final " + k;
    }
    return k;
  }

  static List<String> members(Class<?> c) {
    List<String> out = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        out.add(
            "  "
                + (f.isEnumConstant() ? "constant " : "field ")
                + mods(f.getModifiers(), c)
                + f.getGenericType().getTypeName()
                + " "
                + f.getName());
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers()) && !k.isSynthetic()) {
        out.add("  new " + c.getSimpleName() + params(k.getGenericParameterTypes()));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        String generics =
            m.getTypeParameters().length == 0
                ? ""
                : Arrays.stream(m.getTypeParameters())
                    .map(
                        t ->
                            t.getBounds().length == 1 && t.getBounds()[0] == Object.class
                                ? t.getName()
                                : t.getName()
                                    + " extends "
                                    + Arrays.stream(t.getBounds())
                                        .map(Type::getTypeName)
                                        .collect(Collectors.joining(" & ")))
                    .collect(Collectors.joining(", ", "<", "> "));
        String throwsClause =
            m.getGenericExceptionTypes().length == 0
                ? ""
                : Arrays.stream(m.getGenericExceptionTypes())
                    .map(Type::getTypeName)
                    .sorted()
                    .collect(Collectors.joining(", ", " throws ", ""));
        out.add(
            "  method "
                + mods(m.getModifiers(), c)
                + (m.isDefault() ? "default " : "")
                + generics
                + m.getGenericReturnType().getTypeName()
                + " "
                + m.getName()
                + params(m.getGenericParameterTypes())
                + throwsClause);
      }
    }
    out.sort(java.util.Comparator.comparing(ApiListingTest::memberName).thenComparing(l -> l));
    return out;
  }

  /** Members sort by name, so that a listing reads like the class and diffs stay local. */
  static String memberName(String line) {
    String head = line.contains("(") ? line.substring(0, line.indexOf('(')) : line;
    return head.substring(head.lastIndexOf(' ') + 1);
  }

  static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  static String mods(int modifiers, Class<?> owner) {
    StringBuilder sb = new StringBuilder();
    if (Modifier.isProtected(modifiers)) {
      sb.append("protected ");
    }
    if (Modifier.isStatic(modifiers)) {
      sb.append("static ");
    }
    if (Modifier.isAbstract(modifiers) && !owner.isInterface()) {
      sb.append("abstract ");
    }
    return sb.toString();
  }

  static String params(Type[] types) {
    return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", ", "(", ")"));
  }
}
