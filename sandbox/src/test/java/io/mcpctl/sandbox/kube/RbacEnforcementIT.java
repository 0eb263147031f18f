package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded API authenticates and authorizes as a real one, through the real kubectl: no token
 * is 401, RBAC from stored Roles and bindings decides, a denial carries the API server's sentence,
 * and {@code --as} and {@code auth can-i} answer as on a cluster.
 */
class RbacEnforcementIT {

  private static final String APP = "system:serviceaccount:team-a:app";

  private static final String RBAC =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: secret-reader, namespace: team-a}
      rules:
      - apiGroups: [""]
        resources: [secrets]
        verbs: [get, list, watch]
      - apiGroups: [""]
        resources: [events]
        verbs: [create]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: app-reads-secrets, namespace: team-a}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
      subjects:
      - {kind: ServiceAccount, name: app, namespace: team-a}
      """;

  @TempDir static Path dir;
  private static EmbeddedKubernetes kube;
  private static Kubectl admin;

  @BeforeAll
  static void start() {
    kube = EmbeddedKubernetes.start();
    admin = Kubectl.against(kube.writeKubeconfig(dir.resolve("admin")));
    for (String namespace : new String[] {"team-a", "team-b"}) {
      assertThat(admin.run("create", "namespace", namespace).succeeded()).isTrue();
    }
    Kubectl.Result applied = admin.runWithInput(RBAC, "apply", "-f", "-");
    assertThat(applied.succeeded()).as(applied.describe()).isTrue();
  }

  @AfterAll
  static void stop() {
    admin.close();
    kube.close();
  }

  @Test
  void aRequestWithoutAValidTokenIsUnauthorized() {
    try (Kubectl stranger =
        Kubectl.against(kube.writeKubeconfig(dir.resolve("stranger"), "not-a-token"))) {
      Kubectl.Result result = stranger.run("get", "namespaces");

      assertThat(result.exitCode()).isNotZero();
      // kubectl's own words for a 401.
      assertThat(result.stderr())
          .contains(
              "You must be logged in to the server (the server has asked for the client to provide"
                  + " credentials)");
    }
  }

  @Test
  void aServiceAccountTokenGetsWhatItsRoleGrantsAndNothingElse() {
    String token = kube.serviceAccountToken("team-a", "app");
    try (Kubectl app = Kubectl.against(kube.writeKubeconfig(dir.resolve("app"), token))) {
      assertThat(app.run("get", "secrets", "-n", "team-a").succeeded()).isTrue();

      Kubectl.Result elsewhere = app.run("get", "secrets", "-n", "team-b");
      assertThat(elsewhere.exitCode()).isNotZero();
      assertThat(elsewhere.stderr())
          .contains(
              "Error from server (Forbidden): secrets is forbidden: User \""
                  + APP
                  + "\" cannot list resource \"secrets\" in API group \"\" in the namespace"
                  + " \"team-b\"");
    }
  }

  @Test
  void impersonationAsksTheSameQuestionsForTheAdministrator() {
    assertThat(
            admin
                .run("create", "secret", "generic", "x", "-n", "team-a", "--from-literal=k=v")
                .succeeded())
        .isTrue();
    Kubectl.Result denied =
        admin.run("patch", "secret", "x", "-n", "team-a", "--as=" + APP, "-p", "{}");

    assertThat(denied.stderr())
        .contains(
            "secrets \"x\" is forbidden: User \""
                + APP
                + "\" cannot patch resource \"secrets\" in API group \"\" in the namespace"
                + " \"team-a\"");
  }

  @Test
  void authCanIAnswersAsACluster() {
    assertThat(
            admin.run("auth", "can-i", "list", "secrets", "-n", "team-a", "--as=" + APP).stdout())
        .isEqualTo("yes\n");
    Kubectl.Result no =
        admin.run("auth", "can-i", "list", "secrets", "-n", "team-b", "--as=" + APP);
    assertThat(no.stdout()).isEqualTo("no\n");
    assertThat(no.exitCode()).isEqualTo(1);
    assertThat(
            admin.run("auth", "can-i", "patch", "events", "-n", "team-a", "--as=" + APP).stdout())
        .isEqualTo("no\n");
    assertThat(admin.run("auth", "can-i", "delete", "namespaces").stdout()).isEqualTo("yes\n");

    Kubectl.Result list = admin.run("auth", "can-i", "--list", "-n", "team-a", "--as=" + APP);
    assertThat(list.succeeded()).as(list.describe()).isTrue();
    assertThat(list.stdout())
        .containsPattern("secrets\\s+\\[\\]\\s+\\[\\]\\s+\\[get list watch\\]");
    assertThat(list.stdout()).containsPattern("events\\s+\\[\\]\\s+\\[\\]\\s+\\[create\\]");
  }

  @Test
  void aServiceAccountCannotImpersonate() {
    String token = kube.serviceAccountToken("team-a", "app");
    try (Kubectl app = Kubectl.against(kube.writeKubeconfig(dir.resolve("app2"), token))) {
      Kubectl.Result result = app.run("get", "secrets", "-n", "team-a", "--as=someone", "-v=6");

      // kubectl prints the refused discovery as "Forbidden: unknown"; the body says why.
      assertThat(result.exitCode()).isNotZero();
      assertThat(result.stderr()).contains("403 Forbidden").doesNotContain("200 OK");
    }
    try (Kubectl app = Kubectl.against(kube.writeKubeconfig(dir.resolve("app4"), token))) {
      Kubectl.Result asked = app.run("auth", "can-i", "impersonate", "users");
      assertThat(asked.stdout()).isEqualTo("no\n");
    }
  }

  @Test
  void aClientCertificateNamesItsUserAndGroupsAsOnACluster() {
    Kubectl.Result bound =
        admin.runWithInput(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: auditors-read, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: auditors}
            """,
            "apply",
            "-f",
            "-");
    assertThat(bound.succeeded()).as(bound.describe()).isTrue();
    Path kubeconfig =
        kube.writeKubeconfigWithClientCertificate(
            dir.resolve("jane"), "jane", java.util.List.of("auditors"));
    try (Kubectl jane = Kubectl.against(kubeconfig)) {
      assertThat(jane.run("get", "secrets", "-n", "team-a").succeeded())
          .as("the auditors group, from the certificate's organization")
          .isTrue();

      Kubectl.Result elsewhere = jane.run("get", "secrets", "-n", "team-b");
      assertThat(elsewhere.stderr()).contains("User \"jane\" cannot list resource \"secrets\"");
    }
  }

  @Test
  void aClientCertificateFromAnotherAuthorityIsRefused() {
    EmbeddedKubernetes other = EmbeddedKubernetes.start();
    try (Kubectl forged =
        Kubectl.against(
            withServer(
                other.writeKubeconfigWithClientCertificate(
                    dir.resolve("forged"), "mallory", java.util.List.of("system:masters")),
                kube.address().toString()))) {
      Kubectl.Result result = forged.run("get", "namespaces");

      assertThat(result.exitCode()).isNotZero();
      assertThat(result.stdout()).doesNotContain("default");
    } finally {
      other.close();
    }
  }

  private static Path withServer(Path kubeconfig, String server) {
    try {
      String text = java.nio.file.Files.readString(kubeconfig);
      java.nio.file.Files.writeString(
          kubeconfig, text.replaceAll("server: \\S+", "server: " + server));
      return kubeconfig;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
