package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.openbao.BadRequestException;
import io.mcpctl.openbao.KvMetadata;
import io.mcpctl.openbao.KvSecret;
import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.KvVersionMetadata;
import io.mcpctl.openbao.MountKind;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.sandbox.openbao.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** KV v2 through the client: versions, check-and-set, the 404 shapes, listing and create/update. */
@ExtendWith(BaoTargetExtension.class)
class KvV2ConformanceIT {

  @Test
  void versionsAndCheckAndSet(BaoTarget bao) {
    KvV2 kv = bao.admin().kv(bao.freshKvV2Mount());
    KvVersionMetadata first = kv.put("app/db", Map.of("password", "one"));
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.deletionTime()).isEmpty();
    assertThat(first.destroyed()).isFalse();
    assertThatThrownBy(() -> kv.put("app/db", Map.of("password", "x"), 0))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            refused ->
                assertThat(
                        refused.mentions(
                            "check-and-set parameter did not match the current version"))
                    .isTrue());
    assertThat(kv.put("app/db", Map.of("password", "two"), 1).version()).isEqualTo(2);
    assertThat(kv.put("app/new", Map.of("a", "b"), 0).version()).isEqualTo(1);

    KvSecret latest = kv.get("app/db");
    assertThat(latest.state()).isEqualTo(KvSecret.State.PRESENT);
    assertThat(latest.data()).containsExactly(Map.entry("password", "two"));
    assertThat(latest.metadata().orElseThrow().version()).isEqualTo(2);

    KvMetadata metadata = kv.readMetadata("app/db").orElseThrow();
    assertThat(metadata.currentVersion()).isEqualTo(2);
    assertThat(metadata.versions()).containsOnlyKeys(1L, 2L);
    assertThat(kv.readMetadata("app/never")).isEmpty();
  }

  /**
   * builtin/logical/kv: delete and undelete say "No version number provided" (path_delete.go),
   * destroy says it in lower case (path_destroy.go).
   */
  @Test
  void deletingUndeletingOrDestroyingNoVersionIsRefusedInOpenBaosWords(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    bao.admin().kv(mount).put("team/a", Map.of("k", "v"));
    Map<String, String> sentences =
        Map.of(
            "delete", "No version number provided",
            "undelete", "No version number provided",
            "destroy", "no version number provided");
    for (String action : List.of("delete", "undelete", "destroy")) {
      HttpResponse<String> answer =
          bao.exchangeWithAdmin("POST", mount + "/" + action + "/team/a", "{\"versions\":[]}");
      assertThat(answer.statusCode()).as(action).isEqualTo(400);
      assertThat(answer.body()).as(action).contains("\"" + sentences.get(action) + "\"");
    }
  }

  /**
   * The key's and the engine's {@code max_versions}: the larger one wins, and {@code
   * oldest_version} moves up once the window is full, before anything is removed
   * (builtin/logical/kv/path_data.go, {@code AddVersion}).
   */
  @Test
  void theLargerOfTheKeysAndTheEnginesMaxVersionsDecidesWhatIsKept(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    assertThat(bao.sendWithAdmin("POST", mount + "/config", "{\"max_versions\": 4}"))
        .isBetween(200, 204);
    assertThat(bao.sendWithAdmin("POST", mount + "/metadata/team/a", "{\"max_versions\": 2}"))
        .isBetween(200, 204);
    KvV2 kv = bao.admin().kv(mount);
    for (int n = 1; n <= 4; n++) {
      kv.put("team/a", Map.of("n", Integer.toString(n)));
    }
    JsonNode full = bao.readWithAdmin(mount + "/metadata/team/a").path("data");
    assertThat(full.path("max_versions").asInt()).as("the key's own setting").isEqualTo(2);
    assertThat(full.path("oldest_version").asLong()).isEqualTo(1);
    assertThat(versionNumbers(full)).containsExactly("1", "2", "3", "4");

    kv.put("team/a", Map.of("n", "5"));
    JsonNode pruned = bao.readWithAdmin(mount + "/metadata/team/a").path("data");
    assertThat(pruned.path("oldest_version").asLong()).isEqualTo(2);
    assertThat(versionNumbers(pruned)).containsExactly("2", "3", "4", "5");
  }

  private static List<String> versionNumbers(JsonNode metadata) {
    List<String> numbers = new ArrayList<>();
    metadata.path("versions").fieldNames().forEachRemaining(numbers::add);
    numbers.sort(Comparator.comparingLong(Long::parseLong));
    return numbers;
  }

  /** A PATCH of a key never written is a bare 404: no error list, no body at all. */
  @Test
  void patchingAKeyNeverWrittenIsA404WithNoBody(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    HttpResponse<String> answer =
        bao.exchangeWithAdmin(
            "PATCH",
            mount + "/data/never/written",
            "{\"data\": {\"a\": \"b\"}}",
            "application/merge-patch+json");
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).isEmpty();
    assertThat(bao.exchangeWithAdmin("GET", mount + "/data/never/written", null).body())
        .as("a read of it keeps OpenBao's empty error list")
        .contains("\"errors\":[]");
  }

  @Test
  void softDeletedDestroyedAndNeverWrittenAreThreeDifferentAnswers(BaoTarget bao) {
    KvV2 kv = bao.admin().kv(bao.freshKvV2Mount());
    kv.put("team/a", Map.of("k", "v"));
    kv.softDelete("team/a");
    kv.softDelete("team/never");
    KvSecret deleted = kv.get("team/a");
    assertThat(deleted.state()).isEqualTo(KvSecret.State.SOFT_DELETED);
    assertThat(deleted.data()).isEmpty();
    assertThat(deleted.metadata().orElseThrow().deletionTime()).isPresent();
    assertThat(kv.get("team/never").state()).isEqualTo(KvSecret.State.NEVER_EXISTED);
    assertThat(kv.list("team")).containsExactly("a");

    kv.put("team/a", Map.of("k", "again"));
    assertThat(kv.get("team/a").metadata().orElseThrow().version()).isEqualTo(2);

    kv.deleteMetadata("team/a");
    kv.deleteMetadata("team/a");
    assertThat(kv.get("team/a").state()).isEqualTo(KvSecret.State.NEVER_EXISTED);
    assertThat(kv.list("team")).isEmpty();
  }

  @Test
  void listingShowsFoldersAndSoftDeletedKeys(BaoTarget bao) {
    KvV2 kv = bao.admin().kv(bao.freshKvV2Mount());
    kv.put("mcpctl/ns/one", Map.of("k", "v"));
    kv.put("mcpctl/ns/two", Map.of("k", "v"));
    kv.put("mcpctl/ns/sub/three", Map.of("k", "v"));
    kv.softDelete("mcpctl/ns/two");
    assertThat(kv.list("mcpctl/ns")).containsExactly("one", "sub/", "two");
    assertThat(kv.list("")).containsExactly("mcpctl/");
    assertThat(kv.list("nothing/here")).isEmpty();
  }

  @Test
  void theHealthCheckRoundTripWritesAndReadsBack(BaoTarget bao) {
    KvV2 kv = bao.admin().kv(bao.freshKvV2Mount());
    KvVersionMetadata first = kv.healthCheckRoundTrip("mcpctl");
    KvVersionMetadata second = kv.healthCheckRoundTrip("mcpctl");
    assertThat(second.version()).isEqualTo(first.version() + 1);
    assertThat(kv.list("mcpctl")).containsExactly(KvV2.HEALTH_CHECK_KEY);
  }

  @Test
  void anOlderVersionReadsBackByNumber(BaoTarget bao) {
    KvV2 kv = bao.admin().kv(bao.freshKvV2Mount());
    kv.put("app/db", Map.of("password", "one"));
    kv.put("app/db", Map.of("password", "two"));

    assertThat(kv.get("app/db", 1).data()).containsExactly(Map.entry("password", "one"));
    assertThat(kv.get("app/db", 2).data()).containsExactly(Map.entry("password", "two"));
    assertThat(kv.get("app/db", 3).state()).isEqualTo(KvSecret.State.NEVER_EXISTED);
  }

  @Test
  @StandInOnly("holds one read back with a delay fault")
  void aHealthCheckPassesWhileAnotherWriterSharesThePrefix(BaoTarget bao) throws Exception {
    String mount = bao.freshKvV2Mount();
    KvV2 kv = bao.admin().kv(mount);
    String checkPath = KvV2.healthCheckPath("shared");
    // Hold this check's read back until the other writer has written a newer version.
    bao.standIn()
        .faults()
        .add(
            Fault.on("GET", mount + "/data/shared/\\.mcpctl-healthcheck.*")
                .delay(Duration.ofMillis(700))
                .times(1)
                .build());
    CompletableFuture<KvVersionMetadata> check =
        CompletableFuture.supplyAsync(() -> kv.healthCheckRoundTrip("shared"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                bao.standIn().requestLog().entries().stream()
                    .anyMatch(r -> r.method().equals("POST") && r.path().endsWith(checkPath)));
    KvVersionMetadata other = kv.put(checkPath, Map.of("probe", "another backend's probe"));

    KvVersionMetadata checked = check.get(10, TimeUnit.SECONDS);
    assertThat(other.version()).isEqualTo(checked.version() + 1);
  }

  @Test
  void creatingANewKeyNeedsCreateWhileUpdatingNeedsUpdate(BaoTarget bao) {
    String mount = bao.freshKvV2Mount();
    String updateOnly =
        bao.policy(
            bao.unique("conf-upd"),
            "path \"" + mount + "/data/*\" {\n  capabilities = [\"update\", \"read\"]\n}\n");
    String createOnly =
        bao.policy(
            bao.unique("conf-cre"),
            "path \"" + mount + "/data/*\" {\n  capabilities = [\"create\", \"read\"]\n}\n");
    KvV2 updater =
        bao.as(bao.tokenWithPolicies(Duration.ofHours(1), updateOnly).clientToken()).kv(mount);
    KvV2 creator =
        bao.as(bao.tokenWithPolicies(Duration.ofHours(1), createOnly).clientToken()).kv(mount);

    assertThatThrownBy(() -> updater.put("k", Map.of("a", "1")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(creator.put("k", Map.of("a", "1")).version()).isEqualTo(1);
    assertThatThrownBy(() -> creator.put("k", Map.of("a", "2")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(updater.put("k", Map.of("a", "2")).version()).isEqualTo(2);

    bao.admin().kv(mount).softDelete("k");
    assertThat(updater.put("k", Map.of("a", "3")).version()).isEqualTo(3);
    assertThatThrownBy(() -> creator.put("k", Map.of("a", "4")))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aKvV1MountIsToldApartAndTheClientDoesNotPretendItIsV2(BaoTarget bao) {
    String mount = bao.unique("conf-v1");
    assertThat(
            bao.sendWithAdmin(
                "POST", "sys/mounts/" + mount, "{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}"))
        .isEqualTo(204);
    bao.afterTest(() -> bao.deleteWithAdmin("sys/mounts/" + mount));
    assertThat(bao.admin().readMount(mount).orElseThrow().kind()).isEqualTo(MountKind.KV_V1);
    assertThatThrownBy(() -> bao.admin().kv(mount).put("x", Map.of("a", "b")))
        .isInstanceOf(OpenBaoException.class);
  }
}
