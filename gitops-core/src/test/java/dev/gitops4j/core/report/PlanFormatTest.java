package dev.gitops4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.model.Node;
import dev.gitops4j.api.model.ResourceId;
import dev.gitops4j.api.plan.Change;
import dev.gitops4j.api.plan.FieldChange;
import dev.gitops4j.api.plan.PatchOperation;
import dev.gitops4j.api.plan.Plan;
import dev.gitops4j.api.plan.Precondition;
import dev.gitops4j.api.secrets.Secret;
import dev.gitops4j.api.source.Revision;
import dev.gitops4j.core.load.Documents;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanFormatTest {
  static final Revision REV = new Revision("ab".repeat(20), "main", Instant.EPOCH, "msg");
  static final Node.Obj DOC = Node.obj("kind", Node.str("ConfigMap"));

  private static Plan plan() {
    ResourceId web = ResourceId.of("Deployment", "app", "web");
    ResourceId secret = ResourceId.of("Secret", "app", "db");
    Change.Update update =
        new Change.Update(
            web,
            DOC,
            List.of(PatchOperation.replace("/spec/replicas", Node.num(3))),
            Precondition.present("f"),
            List.of(
                new FieldChange(
                    "/spec/replicas",
                    Option.of(Node.num(2)),
                    Option.of(Node.num(3)),
                    FieldChange.Reason.CHANGED_IN_GIT)));
    Change.Update secretUpdate =
        new Change.Update(
            secret,
            DOC,
            List.of(PatchOperation.replace("/data/password", Node.str("new-s3cret"))),
            Precondition.present("g"),
            List.of(
                new FieldChange(
                    "/data/password",
                    Option.of(Node.str("old-s3cret")),
                    Option.of(Node.str("new-s3cret")),
                    FieldChange.Reason.DRIFT)));
    return new Plan(
        REV,
        List.of(
            List.of(
                new Change.Create(ResourceId.of("ConfigMap", "app", "a"), DOC),
                new Change.Create(ResourceId.of("ConfigMap", "app", "b"), DOC),
                new Change.Create(ResourceId.of("ConfigMap", "app", "c"), DOC),
                update,
                secretUpdate),
            List.of(
                new Change.Delete(
                    ResourceId.of("ConfigMap", "app", "old"), Precondition.present("h")))));
  }

  @Test
  void textShowsFieldsWithOldAndNewValuesReasonsAndTheSummary() {
    String text = PlanFormat.text(plan(), "dir:/srv");
    assertThat(text)
        .contains(
            "  ~ update Deployment/app/web\n      ~ /spec/replicas: 2 -> 3 (changed in Git)\n",
            "~ /data/password: <redacted> -> <redacted> (drift)",
            "  - delete ConfigMap/app/old\n",
            "3 to create, 2 to update, 1 to delete\n");
    assertThat(PlanFormat.summary(plan())).isEqualTo("3 to create, 2 to update, 1 to delete");
  }

  @Test
  void secretsNeverAppearInAnyForm() {
    String json = Documents.toJson(PlanFormat.json(plan()));
    for (String out :
        new String[] {PlanFormat.text(plan(), "t"), PlanFormat.markdown(plan(), "t"), json}) {
      assertThat(out).doesNotContain("old-s3cret");
    }
    assertThat(json).contains("\"reason\" : \"drift\"", Secret.REDACTED);
  }

  @Test
  void markdownIsAPullRequestComment() {
    String md = PlanFormat.markdown(plan(), "dir:/srv");
    assertThat(md)
        .startsWith("### Plan for `ababababab")
        .contains(
            "**3 to create, 2 to update, 1 to delete**", "| ~ | update | `Deployment/app/web` |")
        .contains("```diff\n! ~ /spec/replicas: 2 -> 3 (changed in Git)\n```");
  }
}
