package dev.gitops4j.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops4j.api.model.DesiredState;
import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.Problem;
import dev.gitops4j.api.model.Resource;
import dev.gitops4j.core.GitFixture;
import dev.gitops4j.core.GitOps;
import dev.gitops4j.core.source.GitRepository;
import io.vavr.collection.HashMap;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variables after composition, with Flux's postBuild.substitute semantics. */
class SubstitutionTest {
  @TempDir Path tmp;

  @Test
  void expandsTheFluxForms() {
    Substitution s = Substitution.of(HashMap.of("A", "x", "EMPTY", ""));
    assertThat(s.expand("${A}-${B:=d1}-${B:-d2}-${EMPTY:=e}-${EMPTY=kept}|"))
        .contains("x-d1-d2-e-|");
    assertThat(s.expand("$${A} and ${A}")).contains("${A} and x");
    assertThat(s.expand("${secret:env:TOKEN} $A ${not valid}"))
        .contains("${secret:env:TOKEN} $A ${not valid}");
    assertThat(s.expand("${MISSING}").getLeft()).isEqualTo("MISSING");
    assertThatThrownBy(() -> Substitution.of(HashMap.of("1BAD", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1BAD");
  }

  Validation<Seq<Problem>, DesiredState> validate(
      GitFixture git, String path, Map<String, String> vars) {
    git.commit("change");
    try (GitOps gitops =
        GitOps.builder()
            .repository(GitRepository.local(git.dir()).path(path))
            .variables(vars)
            .build()) {
      return gitops.validate();
    }
  }

  static String body(DesiredState s, String name) {
    return s.resources()
        .values()
        .find(r -> r.id().name().equals(name))
        .map(Resource::body)
        .map(Node.Obj::toString)
        .get();
  }

  @Test
  void valuesFromCodeWinOverTheRepositoryConfigMapAndRenameResources() throws Exception {
    try (GitFixture git = GitFixture.create(Files.createTempDirectory(tmp, "r"))) {
      git.write("app/kustomization.yaml", "resources: [vars.yaml, app.yaml]\nnamespace: ns\n");
      git.write(
          "app/vars.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  annotations: {gitops4j.dev/variables: \"true\"}\ndata: {ENV: staging, REGION: eu}\n");
      git.write(
          "app/app.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${ENV}\ndata:\n  region: ${REGION}\n  size: ${SIZE:=3}\n  literal: $${ENV}\n");
      var v = validate(git, "app", Map.of("ENV", "prod"));
      assertThat(v.isValid()).as("%s", v).isTrue();
      DesiredState s = v.get();
      assertThat(s.resources().keySet().map(Object::toString)).contains("ConfigMap/ns/app-prod");
      assertThat(body(s, "app-prod"))
          .contains("Str[value=eu]")
          .contains("Int[value=3]")
          .contains("Str[value=${ENV}]");
    }
  }

  @Test
  void undefinedVariableIsAProblemWithFileAndLine() throws Exception {
    try (GitFixture git = GitFixture.create(Files.createTempDirectory(tmp, "r"))) {
      git.write(
          "cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {x: \"${UNSET}\"}\n");
      Problem p = validate(git, "", Map.of("OTHER", "1")).getError().head();
      assertThat(p.toString())
          .startsWith(
              "cm.yaml:5: variable-undefined: variable UNSET is not defined and has no default (at /data/x)");
    }
  }

  @Test
  void withoutVariablesNothingIsSubstitutedAndDisabledResourcesAreLeftAlone() throws Exception {
    try (GitFixture git = GitFixture.create(Files.createTempDirectory(tmp, "r"))) {
      git.write(
          "script.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: script}\ndata: {run: \"echo ${HOME}\"}\n");
      assertThat(body(validate(git, "", Map.of()).get(), "script")).contains("echo ${HOME}");
      git.write(
          "script.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n  annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}\ndata: {run: \"echo ${HOME}\"}\n");
      assertThat(body(validate(git, "", Map.of("X", "1")).get(), "script"))
          .contains("echo ${HOME}");
    }
  }
}
