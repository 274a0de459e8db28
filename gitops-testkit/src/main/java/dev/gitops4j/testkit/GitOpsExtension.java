package dev.gitops4j.testkit;

import dev.gitops4j.core.GitOps;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link GitOpsTest}: resolves {@link InMemoryRepository}, {@link
 * InMemoryTarget}, {@link VirtualClock}, {@link EventRecorder} and {@link GitOps} parameters with
 * one fresh, wired set per test, and closes the {@code GitOps} afterwards.
 */
public final class GitOpsExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(GitOpsExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == InMemoryRepository.class
        || type == InMemoryTarget.class
        || type == VirtualClock.class
        || type == EventRecorder.class
        || type == GitOps.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Fixture f =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                Fixture.class, k -> Fixture.create(settings(context)), Fixture.class);
    Class<?> type = parameter.getParameter().getType();
    if (type == InMemoryRepository.class) {
      return f.repository;
    }
    if (type == InMemoryTarget.class) {
      return f.target;
    }
    if (type == VirtualClock.class) {
      return f.clock;
    }
    if (type == EventRecorder.class) {
      return f.events;
    }
    if (type == GitOps.class) {
      return f.gitops;
    }
    throw new ParameterResolutionException("@GitOpsTest cannot supply a " + type.getName());
  }

  private static GitOpsTest settings(ExtensionContext context) {
    Optional<GitOpsTest> onMethod = find(context.getElement());
    if (onMethod.isPresent()) {
      return onMethod.get();
    }
    for (Optional<ExtensionContext> c = context.getParent();
        c.isPresent();
        c = c.get().getParent()) {
      Optional<GitOpsTest> found = find(c.get().getElement());
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ParameterResolutionException("GitOpsExtension needs @GitOpsTest on the test");
  }

  private static Optional<GitOpsTest> find(Optional<AnnotatedElement> element) {
    return element.flatMap(e -> AnnotationSupport.findAnnotation(e, GitOpsTest.class));
  }

  /** One test's wired set; closed by JUnit when the test ends. */
  private static final class Fixture implements AutoCloseable {
    final VirtualClock clock;
    final InMemoryRepository repository;
    final InMemoryTarget target;
    final EventRecorder events;
    final GitOps gitops;

    private Fixture(
        VirtualClock clock,
        InMemoryRepository repository,
        InMemoryTarget target,
        EventRecorder events,
        GitOps gitops) {
      this.clock = clock;
      this.repository = repository;
      this.target = target;
      this.events = events;
      this.gitops = gitops;
    }

    static Fixture create(GitOpsTest settings) {
      VirtualClock clock = VirtualClock.create();
      InMemoryRepository repository = InMemoryRepository.create(clock);
      InMemoryRepository read = repository;
      if (!settings.ref().isEmpty()) {
        read = read.ref(settings.ref());
      }
      if (!settings.path().isEmpty()) {
        read = read.path(settings.path());
      }
      InMemoryTarget target = InMemoryTarget.create(clock);
      EventRecorder events = new EventRecorder();
      GitOps gitops =
          GitOps.builder()
              .repository(read)
              .target(target)
              .scheduler(clock)
              .listener(events)
              .build();
      return new Fixture(clock, repository, target, events, gitops);
    }

    @Override
    public void close() {
      gitops.close();
    }
  }
}
