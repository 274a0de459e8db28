package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Target;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Target} must keep, as tests. Extend it in your adapter's test suite and
 * return a fresh, empty target from {@link #newTarget()}; GitOps4J's own targets pass it.
 *
 * <pre>{@code
 * class MyTargetConformanceTest extends TargetConformanceKit {
 *   protected Target newTarget() { return new MyTarget(freshSandbox()); }
 * }
 * }</pre>
 */
public abstract class TargetConformanceKit {
  /** A namespaced id the kit writes. */
  protected static final ResourceId CONFIG = ResourceId.of("ConfigMap", "team-a", "settings");

  /** A cluster-scoped id the kit writes. */
  protected static final ResourceId NAMESPACE = ResourceId.of("Namespace", "team-a");

  private Target target;

  /** A new, empty target for one test. */
  protected abstract Target newTarget() throws Exception;

  @BeforeEach
  void createTarget() throws Exception {
    target = newTarget();
  }

  /** A document using every kind of value a manifest can hold. */
  protected static Node.Obj richDocument(String marker) {
    return Node.obj(
        "apiVersion", Node.str("v1"),
        "kind", Node.str("ConfigMap"),
        "metadata",
            Node.obj("name", Node.str("settings"), "labels", Node.obj("app", Node.str("web"))),
        "data",
            Node.obj(
                "marker", Node.str(marker),
                "unicode", Node.str("grüße ☃"),
                "looks-like-a-number", Node.str("0123"),
                "count", Node.num(42),
                "big", new Node.Int(new BigInteger("123456789012345678901234567890")),
                "ratio", Node.num(new BigDecimal("0.25")),
                "enabled", Node.bool(true),
                "nothing", Node.nil(),
                "list", Node.arr(Node.num(1), Node.str("two"), Node.obj("three", Node.num(3)))));
  }

  @Test
  void anEmptyTargetObservesNothing() {
    assertThat(target.observe().resources()).isEmpty();
    assertThat(target.get(CONFIG).isEmpty()).isTrue();
  }

  @Test
  void whatIsPutIsObservedAndReadBackEqual() {
    target.put(CONFIG, richDocument("a"));
    target.put(NAMESPACE, Node.obj("kind", Node.str("Namespace")));
    assertThat(target.observe().resources().keySet().toJavaList())
        .containsExactly(CONFIG, NAMESPACE);
    assertThat(target.get(CONFIG).get()).isEqualTo(richDocument("a"));
    assertThat(target.observe().get(CONFIG).get()).isEqualTo(richDocument("a"));
  }

  @Test
  void putReplacesTheWholeDocument() {
    target.put(CONFIG, richDocument("a"));
    Node.Obj smaller =
        Node.obj("kind", Node.str("ConfigMap"), "data", Node.obj("only", Node.str("this")));
    target.put(CONFIG, smaller);
    assertThat(target.get(CONFIG).get()).isEqualTo(smaller);
  }

  @Test
  void deleteRemovesAndIsIdempotent() {
    target.put(CONFIG, richDocument("a"));
    target.put(NAMESPACE, Node.obj("kind", Node.str("Namespace")));
    target.delete(CONFIG);
    target.delete(CONFIG);
    assertThat(target.get(CONFIG).isEmpty()).isTrue();
    assertThat(target.observe().resources().keySet().toJavaList()).containsExactly(NAMESPACE);
  }

  @Test
  void describeNamesTheTarget() {
    assertThat(target.describe()).isNotBlank();
  }
}
