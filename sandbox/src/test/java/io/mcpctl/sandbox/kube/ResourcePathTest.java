package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcePathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "/api/v1/namespaces, '', v1, -, namespaces, -, -",
        "/api/v1/namespaces/team-a, '', v1, -, namespaces, team-a, -",
        "/api/v1/namespaces/team-a/status, '', v1, -, namespaces, team-a, status",
        "/api/v1/namespaces/team-a/secrets, '', v1, team-a, secrets, -, -",
        "/api/v1/namespaces/team-a/secrets/token, '', v1, team-a, secrets, token, -",
        "/apis/mcpctl.io/v1alpha1/secretbackends, mcpctl.io, v1alpha1, -, secretbackends, -, -",
        "/apis/mcpctl.io/v1alpha1/namespaces/a/secretbackends/bao/status, mcpctl.io, v1alpha1, a,"
            + " secretbackends, bao, status"
      })
  void splitsTheUrlAsTheServerRoutesIt(
      String url,
      String group,
      String version,
      String namespace,
      String plural,
      String name,
      String subresource) {
    ResourcePath path = ResourcePath.parse(url).orElseThrow();

    assertThat(path)
        .isEqualTo(new ResourcePath(group, version, namespace, plural, name, subresource));
    assertThat(path.toUrlPath()).isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource({
    "/version",
    "/apis/mcpctl.io/v1alpha1",
    "/api/v1",
    "/apis/a/v1/namespaces/n/p/name/status/extra"
  })
  void metadataAndOverlongPathsAreNoResources(String url) {
    assertThat(ResourcePath.parse(url)).isEmpty();
  }
}
