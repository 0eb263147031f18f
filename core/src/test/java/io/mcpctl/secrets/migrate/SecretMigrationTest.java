package io.mcpctl.secrets.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.Revision;
import io.mcpctl.secrets.SecretUnusableException;
import io.mcpctl.secrets.StoredSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The migration's decisions over two honest in-memory stores. Interruptions at every point, and the
 * real stores, are covered by {@code MigrateSecretsIT} in the plugin.
 */
class SecretMigrationTest {

  private final InMemorySecretStore kubernetes =
      new InMemorySecretStore("default", BackendType.KUBERNETES);
  private final InMemorySecretStore bao = new InMemorySecretStore("bao", BackendType.OPENBAO);

  @Test
  void everySecretIsCopiedVerifiedAndRemovedFromTheSource() {
    kubernetes.put(secret("github", "one"));
    kubernetes.put(secret("slack", "two"));

    MigrationReport report = migrate(MigrationOptions.moveAll());

    assertThat(report.results())
        .extracting(SecretMigrationResult::name, SecretMigrationResult::outcome)
        .containsExactly(
            tuple("github", MigrationOutcome.MOVED), tuple("slack", MigrationOutcome.MOVED));
    assertThat(report.results().get(0).detail())
        .isEqualTo("copied to bao and verified; removed from default");
    assertThat(report.finished()).isTrue();
    assertThat(kubernetes.contents()).isEmpty();
    assertThat(bao.contents())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("github", secret("github", "one"), "slack", secret("slack", "two")));
  }

  @Test
  void keepSourceCopiesAndLeavesTheSourceAsItWas() {
    kubernetes.put(secret("github", "one"));
    Revision before = kubernetes.revisionOf("github");

    MigrationReport report = migrate(new MigrationOptions(false, true, false, Optional.empty()));

    assertThat(report.results().get(0).outcome()).isEqualTo(MigrationOutcome.COPIED);
    assertThat(report.results().get(0).detail()).endsWith("kept on default (--keep-source)");
    assertThat(kubernetes.revisionOf("github")).isEqualTo(before);
    assertThat(bao.contents()).containsEntry("github", secret("github", "one"));
  }

  @Test
  void theSameValueAlreadyOnTheTargetIsNotWrittenAgainAndTheSourceIsRemoved() {
    kubernetes.put(secret("github", "one"));
    bao.put(secret("github", "one"));
    Revision onTarget = bao.revisionOf("github");

    MigrationReport report = migrate(MigrationOptions.moveAll());

    assertThat(report.results().get(0).outcome()).isEqualTo(MigrationOutcome.ALREADY_PRESENT);
    assertThat(report.finished()).isTrue();
    assertThat(bao.revisionOf("github")).as("no new version on the target").isEqualTo(onTarget);
    assertThat(kubernetes.contents()).isEmpty();
  }

  @Test
  void aTargetThatReachesTheSourcesOwnEntriesRemovesNothing() {
    bao.put(secret("github", "one"));
    InMemorySecretStore sameServer = bao.reachedAs("bao-by-ip");

    MigrationReport dryRun =
        new SecretMigration(
                bao, sameServer, new MigrationOptions(true, false, false, Optional.empty()))
            .run();
    MigrationReport report = new SecretMigration(bao, sameServer, MigrationOptions.moveAll()).run();

    for (MigrationReport run : List.of(dryRun, report)) {
      assertThat(run.results())
          .singleElement()
          .satisfies(
              result -> {
                assertThat(result.outcome()).isEqualTo(MigrationOutcome.FAILED);
                assertThat(result.detail())
                    .isEqualTo(
                        "bao-by-ip holds this very entry of bao (one OpenBao reached under two"
                            + " addresses), so nothing was copied or removed; there is nothing to"
                            + " migrate between these two backends.");
              });
    }
    assertThat(bao.contents()).containsEntry("github", secret("github", "one"));
  }

  @Test
  void aDifferentValueOnTheTargetIsAConflictThatLeavesBothSidesAloneWhileOthersMove() {
    kubernetes.put(secret("github", "mine"));
    kubernetes.put(secret("slack", "two"));
    bao.put(secret("github", "theirs"));

    MigrationReport report = migrate(MigrationOptions.moveAll());

    assertThat(report.results())
        .extracting(SecretMigrationResult::name, SecretMigrationResult::outcome)
        .containsExactly(
            tuple("github", MigrationOutcome.CONFLICT), tuple("slack", MigrationOutcome.MOVED));
    assertThat(report.results().get(0).detail())
        .isEqualTo("bao holds a different value; left alone on both (--overwrite replaces it)");
    assertThat(report.finished()).isFalse();
    assertThat(kubernetes.contents())
        .containsOnlyKeys("github")
        .containsValue(secret("github", "mine"));
    assertThat(bao.contents()).containsEntry("github", secret("github", "theirs"));
  }

  @Test
  void overwriteReplacesTheDifferentValueAndThenRemovesTheSource() {
    kubernetes.put(secret("github", "mine"));
    bao.put(secret("github", "theirs"));

    MigrationReport report = migrate(new MigrationOptions(false, false, true, Optional.empty()));

    assertThat(report.results().get(0).outcome()).isEqualTo(MigrationOutcome.OVERWRITTEN);
    assertThat(bao.contents()).containsEntry("github", secret("github", "mine"));
    assertThat(kubernetes.contents()).isEmpty();
  }

  @Test
  void aDryRunPredictsEveryOutcomeAndChangesNothing() {
    kubernetes.put(secret("conflicting", "mine"));
    kubernetes.put(secret("new", "one"));
    kubernetes.put(secret("same", "two"));
    bao.put(secret("conflicting", "theirs"));
    bao.put(secret("same", "two"));
    Map<String, McpSecret> sourceBefore = kubernetes.contents();
    Map<String, McpSecret> targetBefore = bao.contents();
    Revision newBefore = kubernetes.revisionOf("new");

    MigrationReport report = migrate(new MigrationOptions(true, false, false, Optional.empty()));

    assertThat(report.dryRun()).isTrue();
    assertThat(report.results())
        .extracting(SecretMigrationResult::name, SecretMigrationResult::outcome)
        .containsExactly(
            tuple("conflicting", MigrationOutcome.CONFLICT),
            tuple("new", MigrationOutcome.WOULD_MOVE),
            tuple("same", MigrationOutcome.ALREADY_PRESENT));
    assertThat(kubernetes.contents()).isEqualTo(sourceBefore);
    assertThat(bao.contents()).isEqualTo(targetBefore);
    assertThat(kubernetes.revisionOf("new")).isEqualTo(newBefore);
  }

  @Test
  void aDryRunWithOverwriteAndKeepSourceSaysSo() {
    kubernetes.put(secret("conflicting", "mine"));
    kubernetes.put(secret("new", "one"));
    bao.put(secret("conflicting", "theirs"));

    MigrationReport report = migrate(new MigrationOptions(true, true, true, Optional.empty()));

    assertThat(report.results())
        .extracting(SecretMigrationResult::outcome)
        .containsExactly(MigrationOutcome.WOULD_OVERWRITE, MigrationOutcome.WOULD_COPY);
    assertThat(bao.contents()).containsEntry("conflicting", secret("conflicting", "theirs"));
  }

  @Test
  void aSourceValueChangedDuringTheCopyIsKeptOnTheSourceAndTheNextRunReportsTheConflict() {
    McpSecret newer = secret("github", "newer");
    InMemorySecretStore source =
        new InMemorySecretStore("default", BackendType.KUBERNETES) {
          @Override
          public boolean delete(String name, Revision expected) {
            put(newer); // someone writes between our read and our delete
            return super.delete(name, expected);
          }
        };
    source.put(secret("github", "older"));

    MigrationReport first = new SecretMigration(source, bao, MigrationOptions.moveAll()).run();

    assertThat(first.results().get(0).outcome()).isEqualTo(MigrationOutcome.FAILED);
    assertThat(first.results().get(0).detail())
        .isEqualTo(
            "copied to bao and verified, but it changed on default meanwhile, so the newer value"
                + " was kept there; run again with --overwrite to copy it");
    assertThat(source.contents()).containsEntry("github", newer);

    MigrationReport second = new SecretMigration(source, bao, MigrationOptions.moveAll()).run();

    assertThat(second.results().get(0).outcome()).isEqualTo(MigrationOutcome.CONFLICT);
  }

  @Test
  void aReadBackThatDiffersKeepsTheSource() {
    InMemorySecretStore target =
        new InMemorySecretStore("bao", BackendType.OPENBAO) {
          @Override
          public Optional<StoredSecret> read(String name) {
            return super.read(name)
                .map(s -> new StoredSecret(secret(name, "corrupted"), s.revision()));
          }
        };
    kubernetes.put(secret("github", "one"));

    MigrationReport report =
        new SecretMigration(kubernetes, target, MigrationOptions.moveAll()).run();

    assertThat(report.results().get(0).outcome()).isEqualTo(MigrationOutcome.FAILED);
    assertThat(report.results().get(0).detail())
        .isEqualTo(
            "read back from bao differently from what was written (changed meanwhile?); kept on"
                + " default");
    assertThat(kubernetes.contents()).containsOnlyKeys("github");
  }

  @Test
  void anUnusableSecretFailsAloneAndTheRunGoesOn() {
    InMemorySecretStore source =
        new InMemorySecretStore("bao", BackendType.OPENBAO) {
          @Override
          public Optional<StoredSecret> read(String name) {
            if (name.equals("broken")) {
              throw new SecretUnusableException("The OpenBao entry broken is not valid.", null);
            }
            return super.read(name);
          }
        };
    source.put(secret("broken", "x"));
    source.put(secret("fine", "y"));

    MigrationReport report =
        new SecretMigration(source, kubernetes, MigrationOptions.moveAll()).run();

    assertThat(report.results())
        .extracting(SecretMigrationResult::outcome)
        .containsExactly(MigrationOutcome.FAILED, MigrationOutcome.MOVED);
    assertThat(report.results().get(0).detail())
        .isEqualTo("The OpenBao entry broken is not valid.");
    assertThat(report.totals())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(MigrationOutcome.MOVED, 1, MigrationOutcome.FAILED, 1));
  }

  @Test
  void aLabelSelectorPicksSourceSecretsByLabel() {
    kubernetes.put(secret("github", "one"), "team=a");
    kubernetes.put(secret("slack", "two"), "team=b");

    MigrationReport report =
        migrate(new MigrationOptions(false, false, false, Optional.of("team=a")));

    assertThat(report.results()).extracting(SecretMigrationResult::name).containsExactly("github");
    assertThat(kubernetes.contents()).containsOnlyKeys("slack");
  }

  @Test
  void pairsThatCannotBeMigratedAreRefusedWithASentence() {
    InMemorySecretStore otherKubernetes = new InMemorySecretStore("plain", BackendType.KUBERNETES);
    InMemorySecretStore sameBao = new InMemorySecretStore("bao", BackendType.OPENBAO);

    assertThatThrownBy(() -> new SecretMigration(bao, sameBao, MigrationOptions.moveAll()))
        .hasMessage("--from and --to both name backend bao; pick two different backends.");
    assertThatThrownBy(
            () -> new SecretMigration(kubernetes, otherKubernetes, MigrationOptions.moveAll()))
        .hasMessageStartingWith(
            "Backends default and plain both keep secrets as Kubernetes Secrets");
    assertThatThrownBy(
            () ->
                new SecretMigration(
                    bao, kubernetes, new MigrationOptions(false, false, false, Optional.of("a=b"))))
        .hasMessage(
            "-l selects by Kubernetes labels, and backend bao keeps its secrets in OpenBao, which"
                + " has no labels; drop -l to migrate all of them.");
  }

  private MigrationReport migrate(MigrationOptions options) {
    return new SecretMigration(kubernetes, bao, options).run();
  }

  private static McpSecret secret(String name, String value) {
    return new McpSecret("team-a", name, Map.of("token", value.getBytes(StandardCharsets.UTF_8)));
  }
}
