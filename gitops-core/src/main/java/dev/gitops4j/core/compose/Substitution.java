package dev.gitops4j.core.compose;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable substitution after composition, with the semantics of Flux's {@code
 * postBuild.substitute}: {@code ${VAR}}, {@code ${VAR:=default}} and {@code ${VAR:-default}} (the
 * default when the variable is unset or empty), {@code ${VAR=default}} and {@code ${VAR-default}}
 * (only when unset), and {@code $${VAR}} for a literal {@code ${VAR}}. Every string value and key
 * is expanded; a variable that is not defined and has no default is a problem. As in Flux, which
 * substitutes in the YAML text, a value holding a variable is re-read as YAML once substituted:
 * {@code replicas: ${REPLICAS}} becomes the integer {@code 3}, {@code "v${MAJOR}"} stays a string.
 * Expressions that are not variables, such as {@code ${secret:env:TOKEN}}, are left as they are.
 *
 * <p>Values come, by increasing precedence, from ConfigMaps in the repository annotated {@value
 * #VARIABLES_ANNOTATION}{@code : "true"} (their {@code data}), then from the caller (code, {@code
 * --vars-file}, {@code --var}). A resource annotated {@value #DISABLE_ANNOTATION}{@code : disabled}
 * is left alone, as in Flux. With no variables from any source nothing is substituted, so
 * repositories that never used variables load unchanged.
 *
 * <pre>{@code
 * Substitution.of(HashMap.of("CLUSTER", "eu-1")).expand("name-${CLUSTER}"); // Right("name-eu-1")
 * }</pre>
 */
public final class Substitution {
  /** The annotation that makes a ConfigMap's data a source of variables. */
  public static final String VARIABLES_ANNOTATION = "gitops4j.dev/variables";

  /** Flux's annotation that turns substitution off for one resource. */
  public static final String DISABLE_ANNOTATION = "kustomize.toolkit.fluxcd.io/substitute";

  private static final Pattern NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
  private static final Pattern EXPR =
      Pattern.compile("([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[=-])(.*))?", Pattern.DOTALL);

  private final Map<String, String> variables;

  private Substitution(Map<String, String> variables) {
    this.variables = variables;
  }

  /**
   * Substitution with these variables.
   *
   * @param variables the caller's variables, names to values; they win over those of the
   *     repository's ConfigMaps; may be empty
   * @return a substitution holding the variables in name order
   * @throws IllegalArgumentException if a name is not a valid variable name
   */
  public static Substitution of(Map<String, String> variables) {
    for (String name : variables.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' is not a variable name (letters, digits and _, not starting with a digit)");
      }
    }
    return new Substitution(TreeMap.ofEntries(variables));
  }

  /**
   * The variables given by the caller.
   *
   * @return the caller's variables by name, without those of the repository's ConfigMaps
   */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * {@code text} with every variable expanded, or the name of the first undefined variable.
   *
   * @param text any text; text without {@code $} is returned as it is
   * @return the expanded text (right), or the name of the first variable that is neither defined
   *     nor defaulted (left)
   */
  public io.vavr.control.Either<String, String> expand(String text) {
    return expand(text, variables);
  }

  private static io.vavr.control.Either<String, String> expand(
      String text, Map<String, String> vars) {
    if (text.indexOf('$') < 0) {
      return io.vavr.control.Either.right(text);
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        int end = text.indexOf('}', i + 3);
        if (end > 0) {
          out.append(text, i + 1, end + 1);
          i = end + 1;
          continue;
        }
      }
      if (c == '$' && text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        Matcher m = end < 0 ? null : EXPR.matcher(text.substring(i + 2, end));
        if (m != null && m.matches()) {
          String name = m.group(1);
          Option<String> value = vars.get(name);
          String op = m.group(2);
          if (op != null) {
            boolean orEmpty = op.startsWith(":");
            if (value.isEmpty() || (orEmpty && value.get().isEmpty())) {
              value = Option.of(m.group(3));
            }
          }
          if (value.isEmpty()) {
            return io.vavr.control.Either.left(name);
          }
          out.append(value.get());
          i = end + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return io.vavr.control.Either.right(out.toString());
  }

  /**
   * The variables in effect for these resources: those of annotated ConfigMaps (by id), overridden
   * by the caller's.
   *
   * @param resources the composed resources; the ConfigMaps among them annotated {@value
   *     #VARIABLES_ANNOTATION} contribute their {@code data}, read in resource id order
   * @return the variables to substitute with, the caller's winning on equal names
   */
  public Map<String, String> effective(Seq<Resource> resources) {
    Map<String, String> all = LinkedHashMap.empty();
    for (Resource r : resources.filter(Substitution::isVariables).sortBy(Resource::id)) {
      for (var e :
          r.body()
              .at("/data")
              .filter(Node.Obj.class::isInstance)
              .map(n -> ((Node.Obj) n).fields())
              .getOrElse(LinkedHashMap.empty())) {
        all = all.put(e._1, e._2.asText().getOrElse(""));
      }
    }
    return all.merge(variables, (a, b) -> b);
  }

  /**
   * Whether the resource is a ConfigMap that provides variables.
   *
   * @param r any resource
   * @return true for a ConfigMap annotated {@value #VARIABLES_ANNOTATION}{@code : "true"}
   */
  public static boolean isVariables(Resource r) {
    return r.id().kind().equals("ConfigMap")
        && r.body()
            .get("metadata")
            .flatMap(m -> m instanceof Node.Obj o ? o.get("annotations") : Option.none())
            .flatMap(a -> a instanceof Node.Obj o ? o.get(VARIABLES_ANNOTATION) : Option.none())
            .flatMap(Node::asText)
            .contains("true");
  }

  /**
   * The result of substituting one document.
   *
   * @param body the document with every variable it could expand expanded (values re-typed as YAML
   *     would read them)
   * @param undefined each undefined variable as {@code NAME at /json/pointer}; empty when every
   *     variable was defined
   */
  public record Result(Node.Obj body, Seq<String> undefined) {}

  /**
   * Substitutes every string and key of {@code body} with the given variables.
   *
   * @param body the document to substitute; left unchanged
   * @param vars the variables in effect, such as {@link #effective} gives
   * @return the substituted document and the variables that were undefined
   */
  public static Result apply(Node.Obj body, Map<String, String> vars) {
    java.util.List<String> undefined = new ArrayList<>();
    Node out = walk(body, vars, "", undefined);
    return new Result((Node.Obj) out, List.ofAll(undefined));
  }

  private static Node walk(
      Node node, Map<String, String> vars, String at, java.util.List<String> undefined) {
    if (node instanceof Node.Str s) {
      var r = expand(s.value(), vars);
      if (r.isLeft()) {
        undefined.add(r.getLeft() + " at " + (at.isEmpty() ? "/" : at));
        return node;
      }
      return r.get().equals(s.value()) ? node : typed(s.value(), r.get());
    }
    if (node instanceof Node.Arr a) {
      Node.Arr out = a;
      for (int i = 0; i < a.items().size(); i++) {
        Node child = walk(a.items().get(i), vars, at + "/" + i, undefined);
        if (child != a.items().get(i)) {
          out = new Node.Arr(out.items().update(i, child));
        }
      }
      return out;
    }
    if (node instanceof Node.Obj o) {
      LinkedHashMap<String, Node> fields = LinkedHashMap.empty();
      boolean changed = false;
      for (var e : o.fields()) {
        String key = e._1;
        var k = expand(key, vars);
        if (k.isLeft()) {
          undefined.add(k.getLeft() + " at " + at + "/" + key);
        } else if (!k.get().equals(key)) {
          key = k.get();
          changed = true;
        }
        Node child =
            walk(e._2, vars, at + "/" + e._1.replace("~", "~0").replace("/", "~1"), undefined);
        changed |= child != e._2;
        fields = fields.put(key, child);
      }
      return changed ? new Node.Obj(fields) : o;
    }
    return node;
  }

  private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  /**
   * Flux substitutes in the YAML text of each resource, so a plain value that becomes {@code 3} or
   * {@code true} is read back as a number or a boolean: {@code replicas: ${REPLICAS}} gives an
   * integer. Strings without a variable keep their type.
   */
  private static Node typed(String before, String after) {
    if (!before.contains("${")) {
      return Node.str(after);
    }
    if (INT.matcher(after).matches()) {
      return new Node.Int(
          new java.math.BigInteger(after.startsWith("+") ? after.substring(1) : after));
    }
    if (FLOAT.matcher(after).matches()) {
      return Node.num(new java.math.BigDecimal(after));
    }
    return switch (after) {
      case "true", "True", "TRUE" -> Node.bool(true);
      case "false", "False", "FALSE" -> Node.bool(false);
      case "null", "Null", "NULL", "~" -> Node.nil();
      default -> Node.str(after);
    };
  }

  /**
   * The problem for an undefined variable in a resource.
   *
   * @param r the resource holding the variable; the problem points at its file and line
   * @param what an entry of {@link Result#undefined()}: {@code NAME at /pointer}
   * @return a {@code variable-undefined} problem naming the variable and where it is
   */
  public static Problem undefined(Resource r, String what) {
    return Problem.of(
        r,
        "variable-undefined",
        "variable " + what.replaceFirst(" at ", " is not defined and has no default (at ") + ")");
  }
}
