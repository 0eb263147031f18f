package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiPathsTest {

  private static final String STATUS =
      "/apis/mcpctl.io/v1alpha1/namespaces/team-a/secretbackends/bao/status";

  @Test
  void aStatusWriteIsNamedByResourceAndSubresource() {
    assertThat(ApiPaths.kubernetesKind("PATCH", STATUS)).isEqualTo("PATCH secretbackends/status");
    assertThat(ApiPaths.kubernetesKind("PUT", "/api/v1/namespaces/team-a/secrets/bao-token"))
        .isEqualTo("PUT secrets");
    assertThat(ApiPaths.kubernetesKind("POST", "/api/v1/namespaces/team-a/events"))
        .isEqualTo("POST events");
  }

  @Test
  void anOpenBaoPathUnderABackendsOwnPrefixIsNamedGenerically() {
    assertThat(
            ApiPaths.openBaoKind(
                "POST",
                "/v1/secret/data/mcpctl/bench/rotation/rotation-1/.mcpctl-healthcheck",
                "mcpctl/bench"))
        .isEqualTo("POST /v1/secret/data/<prefix>/.mcpctl-healthcheck");
    assertThat(
            ApiPaths.openBaoKind(
                "POST", "/v1/auth/token/create/mcpctl-bench-rotator", "mcpctl/bench"))
        .isEqualTo("POST /v1/auth/token/create/mcpctl-bench-rotator");
  }

  @Test
  void namespaceAndNameAreReadFromAnObjectPath() {
    assertThat(ApiPaths.namespaceOf(STATUS)).isEqualTo("team-a");
    assertThat(ApiPaths.objectNameOf(STATUS)).isEqualTo("bao");
    assertThat(ApiPaths.objectNameOf("/api/v1/namespaces/team-a/events")).isEmpty();
  }

  @Test
  void aBreakdownDividesCountsAndListsTheMostFrequentFirst() {
    List<String> calls =
        List.of(
            "PUT secrets",
            "PUT secrets",
            "POST events",
            "PUT secrets",
            "PATCH status",
            "PUT secrets");

    assertThat(ApiPaths.breakdown(calls, call -> call, 2))
        .isEqualTo("2 × PUT secrets, 0.500 × PATCH status, 0.500 × POST events");
  }
}
