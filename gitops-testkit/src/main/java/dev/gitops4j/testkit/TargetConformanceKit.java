package dev.gitops4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.target.Target;
import dev.gitops4j.api.target.TargetException;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Target} must keep, as tests. Extend it in your adapter's test suite,
 * return a fresh, empty target from {@link #newTarget()}, and describe what your adapter accepts in
 * {@link #samples()} (the default is Kubernetes-like: a ConfigMap and a Namespace).
 *
 * <pre>{@code
 * class QueueTargetConformanceTest extends TargetConformanceKit {
 *   protected Target newTarget() { return new QueueTarget(freshBroker()); }
 *   protected TargetSamples samples() {
 *     return TargetSamples.builder()
 *         .namespaced(ResourceId.of("Queue", "billing", "invoices"), queue)
 *         .clusterScoped(ResourceId.of("Exchange", "events"), exchange)
 *         .oddNames("with.dots").freeFormField("arguments").build();
 *   }
 * }
 * }</pre>
 *
 * <p>Checked: observe, put, get and delete of both samples; put replaces the whole document; {@link
 * Target#checkId} (what validation asks before anything is touched) accepts every sample and odd
 * name; conditional writes refuse when the resource moved; delete is idempotent and touches nothing
 * else; the odd names the adapter claims to accept round trip; unicode and big numbers round trip;
 * concurrent calls from several threads lose nothing; health is reported; refused writes are {@link
 * TargetException}s that change nothing.
 */
public abstract class TargetConformanceKit {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 8;

  private Target target;
  private TargetSamples samples;

  /**
   * A new, empty target for one test.
   *
   * @return a target holding nothing, not shared with another test
   * @throws Exception if the target cannot be created; the test fails
   */
  protected abstract Target newTarget() throws Exception;

  /**
   * What the adapter accepts; Kubernetes-like by default.
   *
   * @return by default, {@link TargetSamples#kubernetesLike()}
   */
  protected TargetSamples samples() {
    return TargetSamples.kubernetesLike();
  }

  @BeforeEach
  void createTarget() throws Exception {
    target = newTarget();
    samples = samples();
  }

  private ResourceId ns() {
    return samples.namespacedId();
  }

  private ResourceId cluster() {
    return samples.clusterId();
  }

  @Test
  void anEmptyTargetObservesNothing() {
    assertThat(target.observe().resources()).isEmpty();
    assertThat(target.get(ns()).isEmpty()).isTrue();
    assertThat(target.get(cluster()).isEmpty()).isTrue();
  }

  @Test
  void whatIsPutIsObservedAndReadBackEqual() {
    target.put(ns(), samples.namespacedDocument());
    target.put(cluster(), samples.clusterDocument());
    assertThat(target.observe().resources().keySet().toJavaSet()).containsOnly(ns(), cluster());
    assertThat(target.get(ns()).get()).isEqualTo(samples.namespacedDocument());
    assertThat(target.get(cluster()).get()).isEqualTo(samples.clusterDocument());
    assertThat(target.observe().get(ns()).get()).isEqualTo(samples.namespacedDocument());
    assertThat(target.observe().get(cluster()).get()).isEqualTo(samples.clusterDocument());
  }

  @Test
  void putReplacesTheWholeDocument() {
    Assumptions.assumeTrue(samples.freeFormField().isDefined(), "no free-form field");
    target.put(
        ns(), samples.namespacedWith(Node.obj("first", Node.str("1"), "both", Node.str("a"))));
    Node.Obj second = samples.namespacedWith(Node.obj("both", Node.str("b")));
    target.put(ns(), second);
    assertThat(target.get(ns()).get()).isEqualTo(second);
  }

  @Test
  void deleteRemovesOnlyItsResourceAndIsIdempotent() {
    ResourceId sibling = samples.namespacedNamed(ns().name() + "-sibling");
    target.put(ns(), samples.namespacedDocument());
    target.put(sibling, samples.namespacedDocumentNamed(sibling.name()));
    target.put(cluster(), samples.clusterDocument());
    target.delete(ns());
    assertThat(target.get(ns()).isEmpty()).isTrue();
    assertThat(target.observe().resources().keySet().toJavaSet()).containsOnly(sibling, cluster());
    assertThat(target.get(sibling).get())
        .isEqualTo(samples.namespacedDocumentNamed(sibling.name()));
    assertThatCode(() -> target.delete(ns())).doesNotThrowAnyException();
    assertThatCode(() -> target.delete(samples.namespacedNamed("never-existed")))
        .doesNotThrowAnyException();
  }

  @Test
  void oddNamesTheAdapterClaimsToAcceptRoundTrip() {
    Assumptions.assumeFalse(samples.oddNames().isEmpty(), "the adapter claims no odd names");
    List<ResourceId> ids = new ArrayList<>();
    for (String name : samples.oddNames()) {
      ResourceId id = samples.namespacedNamed(name);
      target.put(id, samples.namespacedDocumentNamed(name));
      ids.add(id);
    }
    assertThat(target.observe().resources().keySet().toJavaSet())
        .containsExactlyInAnyOrderElementsOf(ids);
    for (ResourceId id : ids) {
      assertThat(target.get(id).get())
          .as(id.toString())
          .isEqualTo(samples.namespacedDocumentNamed(id.name()));
      target.delete(id);
    }
    assertThat(target.observe().resources()).isEmpty();
  }

  @Test
  void checkIdAcceptsEveryNameTheAdapterClaims() {
    List<ResourceId> claimed = new ArrayList<>(List.of(ns(), cluster()));
    samples.oddNames().forEach(name -> claimed.add(samples.namespacedNamed(name)));
    for (ResourceId id : claimed) {
      assertThat(target.checkId(id))
          .as("checkId(%s): validation would refuse a name the adapter accepts", id)
          .isEmpty();
    }
    samples
        .rejected()
        .forEach(
            bad ->
                target
                    .checkId(bad.id())
                    .forEach(
                        why -> assertThat(why).as("checkId(%s) says why", bad.id()).isNotBlank()));
  }

  @Test
  void unicodeRoundTrips() {
    Assumptions.assumeTrue(samples.freeFormField().isDefined(), "no free-form field");
    Node.Obj doc =
        samples.namespacedWith(
            Node.obj(
                "greeting", Node.str("grüße ☃ 名前 😀"),
                "escapes", Node.str("tab\tquote\"backslash\\newline\n"),
                "ключ", Node.str("значение")));
    target.put(ns(), doc);
    assertThat(target.get(ns()).get()).isEqualTo(doc);
    assertThat(target.observe().get(ns()).get()).isEqualTo(doc);
  }

  @Test
  void bigNumbersAndExactValuesRoundTrip() {
    Assumptions.assumeTrue(samples.freeFormField().isDefined(), "no free-form field");
    Node.Obj doc =
        samples.namespacedWith(
            Node.obj(
                "big", new Node.Int(new BigInteger("123456789012345678901234567890")),
                "negative", new Node.Int(new BigInteger("-9223372036854775809")),
                "ratio", Node.num(new BigDecimal("0.1")),
                "looks-like-a-number", Node.str("0123"),
                "enabled", Node.bool(true),
                "nothing", Node.nil(),
                "list", Node.arr(Node.num(1), Node.str("two"), Node.obj("three", Node.num(3)))));
    target.put(ns(), doc);
    assertThat(target.get(ns()).get()).isEqualTo(doc);
    assertThat(target.observe().get(ns()).get()).isEqualTo(doc);
  }

  @Test
  void concurrentCallsFromSeveralThreadsLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < PER_THREAD; i++) {
                    String name = "concurrent-" + thread + "-" + i;
                    ResourceId id = samples.namespacedNamed(name);
                    target.put(id, samples.namespacedDocumentNamed(name));
                    target.observe();
                    if (i % 2 == 1) {
                      target.delete(id);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<ResourceId> expected = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i += 2) {
        expected.add(samples.namespacedNamed("concurrent-" + t + "-" + i));
      }
    }
    assertThat(target.observe().resources().keySet().toJavaSet())
        .containsExactlyInAnyOrderElementsOf(expected);
    for (ResourceId id : expected) {
      assertThat(target.get(id).get()).isEqualTo(samples.namespacedDocumentNamed(id.name()));
    }
  }

  @Test
  void conditionalWritesRefuseWhenTheResourceMoved() {
    Assumptions.assumeTrue(samples.freeFormField().isDefined(), "no free-form field");
    Node.Obj a = samples.namespacedWith(Node.obj("version", Node.str("a")));
    Node.Obj b = samples.namespacedWith(Node.obj("version", Node.str("b")));
    assertThat(target.putIfUnchanged(ns(), Option.of(a), b))
        .as("update of an absent one")
        .isFalse();
    assertThat(target.get(ns()).isEmpty()).isTrue();
    assertThat(target.putIfUnchanged(ns(), Option.none(), a)).isTrue();
    assertThat(target.putIfUnchanged(ns(), Option.none(), b)).as("create over one").isFalse();
    assertThat(target.get(ns()).get()).isEqualTo(a);
    assertThat(target.putIfUnchanged(ns(), Option.of(a), b)).isTrue();
    assertThat(target.deleteIfUnchanged(ns(), a)).as("delete of a moved one").isFalse();
    assertThat(target.get(ns()).get()).isEqualTo(b);
    assertThat(target.deleteIfUnchanged(ns(), b)).isTrue();
    assertThat(target.get(ns()).isEmpty()).isTrue();
  }

  @Test
  void healthOfAWrittenResourceIsReported() {
    target.put(ns(), samples.namespacedDocument());
    assertThat(target.health(ns())).isNotNull();
  }

  @Test
  void refusedWritesAreTargetExceptionsAndChangeNothing() {
    Assumptions.assumeTrue(samples.rejected().isDefined(), "no write the adapter refuses");
    TargetSamples.Rejected bad = samples.rejected().get();
    target.put(ns(), samples.namespacedDocument());
    assertThatThrownBy(() -> target.put(bad.id(), bad.document()))
        .isInstanceOf(TargetException.class);
    assertThat(target.observe().resources().keySet().toJavaSet()).containsOnly(ns());
  }

  @Test
  void describeNamesTheTarget() {
    assertThat(target.describe()).isNotBlank();
  }
}
