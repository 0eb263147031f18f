package io.mcpctl.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodConsumersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant SWITCH = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void aReplicaSetLeadsToTheDeploymentThatControlsItAndToNothingElse() {
    assertThat(
            PodConsumers.deploymentOf(
                pod(
                    """
                    {"metadata": {"name": "web-5d9f", "ownerReferences": [
                       {"apiVersion": "apps/v1", "kind": "Deployment", "name": "old",
                        "controller": false},
                       {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                        "controller": true}]}}
                    """)))
        .contains(new Workload(Workload.DEPLOYMENT, "web"));
    assertThat(
            PodConsumers.deploymentOf(
                pod(
                    """
                    {"metadata": {"name": "batch-1", "ownerReferences": [
                       {"apiVersion": "batch/v1", "kind": "CronJob", "name": "nightly",
                        "controller": true}]}}
                    """)))
        .isEmpty();
    assertThat(PodConsumers.deploymentOf(pod("{\"metadata\": {\"name\": \"bare\"}}"))).isEmpty();
  }

  @Test
  void everyWayOfReadingTheTokenIsFoundAndClassified() {
    Map<String, Object> pod =
        pod(
            """
            {"metadata": {"name": "web-1", "ownerReferences": [
               {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d9f",
                "controller": true}]},
             "spec": {
               "volumes": [
                 {"name": "whole", "secret": {"secretName": "bao-token"}},
                 {"name": "other-key", "secret": {"secretName": "bao-token",
                    "items": [{"key": "accessor", "path": "a"}]}},
                 {"name": "projected", "projected": {"sources": [
                    {"secret": {"name": "bao-token", "items": [{"key": "token", "path": "t"}]}}]}}],
               "initContainers": [
                 {"name": "init", "env": [{"name": "T", "valueFrom":
                    {"secretKeyRef": {"name": "bao-token", "key": "token"}}}]}],
               "containers": [
                 {"name": "env-from", "envFrom": [{"secretRef": {"name": "bao-token"}}]},
                 {"name": "mounted", "volumeMounts": [{"name": "whole", "mountPath": "/t"}]},
                 {"name": "sub", "volumeMounts": [
                    {"name": "projected", "mountPath": "/t/token", "subPath": "t"}]},
                 {"name": "accessor-only", "volumeMounts": [{"name": "other-key", "mountPath": "/a"}]},
                 {"name": "unrelated", "env": [{"name": "X", "value": "y"}]}]},
             "status": {"startTime": "2026-12-05T09:00:00Z", "containerStatuses": [
                {"name": "mounted", "state": {"running": {"startedAt": "2026-12-05T10:05:00Z"}}}]}}
            """);

    List<TokenConsumer> consumers =
        PodConsumers.of(
            pod,
            "bao-token",
            "token",
            replicaSet ->
                replicaSet.equals("web-5d9f")
                    ? Optional.of(new Workload(Workload.DEPLOYMENT, "web"))
                    : Optional.empty());

    assertThat(consumers)
        .extracting(TokenConsumer::container, TokenConsumer::mode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("init", ReadMode.ENV),
            org.assertj.core.groups.Tuple.tuple("env-from", ReadMode.ENV),
            org.assertj.core.groups.Tuple.tuple("mounted", ReadMode.VOLUME),
            org.assertj.core.groups.Tuple.tuple("sub", ReadMode.SUBPATH));
    assertThat(consumers).allMatch(c -> c.workload().equals(new Workload("Deployment", "web")));
    assertThat(consumers.get(2).startedAt()).contains(Instant.parse("2026-12-05T10:05:00Z"));
    assertThat(consumers.get(1).startedAt()).contains(Instant.parse("2026-12-05T09:00:00Z"));
    assertThat(consumers)
        .filteredOn(c -> c.holdsTokenFrom(SWITCH))
        .extracting(TokenConsumer::container)
        .as("the init container ran to completion; the volume refreshes")
        .containsExactly("env-from", "sub");
  }

  @Test
  void aReadOnceAnnotationMakesAVolumeConsumerWaitForARestartAndOwnersAreResolved() {
    Map<String, Object> pod =
        pod(
            """
            {"metadata": {"name": "db-0", "annotations": {"mcpctl.io/token-read": "once"},
               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db",
                 "controller": true}]},
             "spec": {"volumes": [{"name": "t", "secret": {"secretName": "bao-token"}}],
               "containers": [{"name": "db", "volumeMounts": [{"name": "t", "mountPath": "/t"}]}]},
             "status": {"startTime": "2026-12-05T11:00:00Z"}}
            """);

    List<TokenConsumer> consumers =
        PodConsumers.of(pod, "bao-token", "token", unused -> Optional.empty());

    assertThat(consumers).hasSize(1);
    assertThat(consumers.get(0).mode()).isEqualTo(ReadMode.READ_ONCE);
    assertThat(consumers.get(0).workload().restartable()).isTrue();
    assertThat(consumers.get(0).holdsTokenFrom(SWITCH)).as("started after the switch").isFalse();
  }

  @Test
  void aPodThatReadsAnotherSecretOrNoneIsNoConsumer() {
    Map<String, Object> pod =
        pod(
            """
            {"metadata": {"name": "bare"},
             "spec": {"containers": [{"name": "c", "env": [{"name": "T", "valueFrom":
                {"secretKeyRef": {"name": "other", "key": "token"}}}]}]}}
            """);

    assertThat(PodConsumers.of(pod, "bao-token", "token", unused -> Optional.empty())).isEmpty();
  }

  @Test
  void anOwnerNamedAsNoRealWorkloadIsUnrecognizedAndNeverRestarted() {
    assertThat(ownerOf("apps/v1", "Deployment", "web"))
        .isEqualTo(new Workload("Deployment", "web"));
    assertThat(ownerOf("batch/v1", "Job", "nightly-1")).isEqualTo(new Workload("Job", "nightly-1"));
    for (String[] claimed :
        new String[][] {
          {"x.example/v1", "Deployment", "web"},
          {"apps/v1beta1", "StatefulSet", "db"},
          {null, "DaemonSet", "agent"},
          {"apps/v1", "Deployment", "web/status"},
          {"apps/v1", "Deployment", "Web"},
          {"apps/v1", "Deployment", "web\nforged line"},
          {"apps/v1", "Deployment", "w".repeat(254)},
          {"batch/v1", "Job\u001b]0;title", "nightly"},
          {"apps/v1", "StatefulSet", ""}
        }) {
      Workload owner = ownerOf(claimed[0], claimed[1], claimed[2]);
      assertThat(owner)
          .as(String.join(" ", java.util.Arrays.asList(claimed)))
          .isEqualTo(Workload.unrecognized());
      assertThat(owner.restartable()).isFalse();
      assertThat(owner.toString()).isEqualTo("unrecognized owner");
    }
  }

  private static Workload ownerOf(String apiVersion, String kind, String name) {
    Map<String, Object> reference = new java.util.HashMap<>();
    reference.put("apiVersion", apiVersion);
    reference.put("kind", kind);
    reference.put("name", name);
    reference.put("controller", true);
    Map<String, Object> pod =
        Map.of(
            "metadata",
            Map.of("name", "p", "ownerReferences", List.of(reference)),
            "spec",
            pod(
                """
                {"containers": [{"name": "c", "env": [{"name": "T", "valueFrom":
                   {"secretKeyRef": {"name": "bao-token", "key": "token"}}}]}]}
                """));
    return PodConsumers.of(pod, "bao-token", "token", unused -> Optional.empty()).get(0).workload();
  }

  @Test
  void aWorkloadHoldsTheTokenOnlyWhenItsOwnTemplateReadsItOnlyAtStart() {
    String volume =
        """
        "volumes": [{"name": "t", "secret": {"secretName": "bao-token"}}],
        "containers": [{"name": "c", "volumeMounts": [{"name": "t", "mountPath": "/t"}]}]
        """;
    String env =
        """
        "containers": [{"name": "c", "env": [{"name": "T", "valueFrom":
           {"secretKeyRef": {"name": "bao-token", "key": "token"}}}]}]
        """;
    String initOnly =
        """
        "initContainers": [{"name": "i", "env": [{"name": "T", "valueFrom":
           {"secretKeyRef": {"name": "bao-token", "key": "token"}}}]}],
        "containers": [{"name": "c"}]
        """;

    assertThat(holds("{}", env)).as("an env variable").isTrue();
    assertThat(holds("{}", volume)).as("a volume, which refreshes").isFalse();
    assertThat(holds("{\"annotations\": {\"mcpctl.io/token-read\": \"once\"}}", volume))
        .as("a volume read once")
        .isTrue();
    assertThat(holds("{}", initOnly)).as("an init container that runs to completion").isFalse();
    assertThat(holds("{}", "\"containers\": [{\"name\": \"c\"}]")).isFalse();
    assertThat(PodConsumers.templateHoldsToken(pod("{\"spec\": {}}"), "bao-token", "token"))
        .isFalse();
  }

  private static boolean holds(String templateMetadata, String templateSpec) {
    return PodConsumers.templateHoldsToken(
        pod(
            "{\"kind\": \"Deployment\", \"spec\": {\"template\": {\"metadata\": "
                + templateMetadata
                + ", \"spec\": {"
                + templateSpec
                + "}}}}"),
        "bao-token",
        "token");
  }

  private static Map<String, Object> pod(String json) {
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
