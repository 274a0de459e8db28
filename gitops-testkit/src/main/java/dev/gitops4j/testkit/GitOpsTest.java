package dev.gitops4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a JUnit 5 test class a GitOps test: each test method may take, as parameters, a fresh
 * {@link InMemoryRepository}, {@link InMemoryTarget}, {@link VirtualClock}, {@link EventRecorder}
 * and a ready {@code GitOps} wired to all of them (in-memory state store, the clock as scheduler).
 * Within one test they are the same instances wherever they are asked for.
 *
 * <pre>{@code
 * @GitOpsTest
 * class MyInfraTest {
 *   @Test
 *   void addsTheWebConfig(InMemoryRepository repo, InMemoryTarget target, GitOps gitops) {
 *     repo.commit("add web").putAll(Path.of("src/test/resources/infra")).done();
 *     assertThat(gitops.reconcile().get()).succeeded();
 *     assertThat(target).holds("ConfigMap/app/web").withField("/data/color", "green");
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GitOpsExtension.class)
public @interface GitOpsTest {
  /**
   * The sub-path of the repository the {@code GitOps} reads ({@code ""}: the whole tree).
   *
   * @return a relative folder path, with {@code /} separators
   */
  String path() default "";

  /**
   * The ref the {@code GitOps} reads ({@code ""}: HEAD, that is {@code main}).
   *
   * @return a branch, tag or commit id
   */
  String ref() default "";
}
