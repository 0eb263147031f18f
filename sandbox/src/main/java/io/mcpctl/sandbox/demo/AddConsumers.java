package io.mcpctl.sandbox.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workloads that use the token, one of each way of reading it, and the operator asked to
 * restart the ones that read it only at start. The sandbox's workload emulation gives them pods
 * whose applications call OpenBao with the token they hold, a few times a second.
 */
final class AddConsumers implements Step {

  static final String ENV = "env-app";
  static final String SUBPATH = "subpath-app";
  static final String VOLUME = "volume-app";

  @Override
  public String title() {
    return "Deploy three consumers of the token and let the operator restart them on rotation";
  }

  @Override
  public void run(DemoRun run) {
    Path manifest = run.directory().root().resolve("demo-consumers.yaml");
    try {
      Files.writeString(manifest, manifest(run.openBaoAddress().orElseThrow().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + manifest, e);
    }
    run.transcript()
        .note(
            manifest
                + ": a Deployment reading the token into an env var, a StatefulSet mounting it"
                + " with subPath, a DaemonSet mounting the Secret as a volume");
    run.shell().run("kubectl", "apply", "-f", manifest.toString()).succeeded();
    run.shell()
        .run(
            "kubectl",
            "patch",
            "secretbackend",
            DemoRun.BACKEND,
            "--type=merge",
            "-p",
            "{\"spec\":{\"openbao\":{\"auth\":{\"rotation\":{\"consumers\":{\"restart\":\"Rollout\"}}}}}}")
        .succeeded();
    run.kubernetes().api().awaitWorkloadsSettled();
    run.shell()
        .run("kubectl", "get", "pods", "-l", "demo.mcpctl.io/consumer")
        .succeeded()
        .printed(ENV)
        .printed(SUBPATH + "-0")
        .printed(VOLUME);
    run.transcript()
        .note(
            "(the sandbox emulates the controllers: each pod's application looks its token up in"
                + " OpenBao every 300 ms)");
  }

  private static String manifest(String openBaoAddress) {
    String token =
        "name: BAO_TOKEN\n                  valueFrom: {secretKeyRef: {name: "
            + DemoRun.BACKEND
            + "-token, key: token}}";
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %1$s}
        spec:
          replicas: 2
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s, demo.mcpctl.io/consumer: env}}
            spec:
              containers:
              - name: app
                image: example/app
                env:
                - {name: BAO_ADDR, value: "%4$s"}
                - name: BAO_TOKEN
                  valueFrom: {secretKeyRef: {name: %5$s-token, key: token}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: %2$s}
        spec:
          serviceName: %2$s
          selector: {matchLabels: {app: %2$s}}
          template:
            metadata: {labels: {app: %2$s, demo.mcpctl.io/consumer: subpath}}
            spec:
              volumes: [{name: token, secret: {secretName: %5$s-token}}]
              containers:
              - name: app
                image: example/app
                env: [{name: BAO_ADDR, value: "%4$s"}]
                volumeMounts: [{name: token, mountPath: /var/run/bao/token, subPath: token}]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: %3$s}
        spec:
          selector: {matchLabels: {app: %3$s}}
          template:
            metadata: {labels: {app: %3$s, demo.mcpctl.io/consumer: volume}}
            spec:
              volumes: [{name: token, secret: {secretName: %5$s-token}}]
              containers:
              - name: app
                image: example/app
                env: [{name: BAO_ADDR, value: "%4$s"}]
                volumeMounts: [{name: token, mountPath: /var/run/bao}]
        """
        .formatted(ENV, SUBPATH, VOLUME, openBaoAddress, DemoRun.BACKEND);
  }
}
