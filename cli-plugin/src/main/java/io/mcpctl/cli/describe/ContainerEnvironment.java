package io.mcpctl.cli.describe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one container of a pod takes from Secrets into its environment, and when it started. Read
 * from the pod's JSON as a plain map: binding the whole typed Pod model costs a cold plugin several
 * hundred milliseconds, for five fields.
 *
 * @param fromKeys variables set from one Secret key each ({@code env[].valueFrom.secretKeyRef})
 * @param fromSecrets whole Secrets imported with a prefix ({@code envFrom[].secretRef})
 * @param startedAt when the container's process started, else when the pod started
 */
public record ContainerEnvironment(
    String pod,
    String container,
    List<KeyVariable> fromKeys,
    List<SecretImport> fromSecrets,
    Optional<Instant> startedAt) {

  /** {@code variable} holds key {@code key} of Secret {@code secret}. */
  public record KeyVariable(String variable, String secret, String key) {}

  /** Every key of Secret {@code secret} becomes a variable named {@code prefix + key}. */
  public record SecretImport(String secret, String prefix) {}

  /** The variable through which this container reads {@code key} of {@code secret}, if any. */
  public Optional<String> variableFor(String secret, String key) {
    return fromKeys.stream()
        .filter(variable -> variable.secret().equals(secret) && variable.key().equals(key))
        .map(KeyVariable::variable)
        .findFirst()
        .or(
            () ->
                fromSecrets.stream()
                    .filter(imported -> imported.secret().equals(secret))
                    .map(imported -> imported.prefix() + key)
                    .findFirst());
  }

  /** The containers of one pod (init containers ran once and hold nothing). */
  public static List<ContainerEnvironment> of(GenericKubernetesResource pod) {
    Map<String, Object> content = pod.getAdditionalProperties();
    String podName = pod.getMetadata().getName();
    Map<String, Object> status = map(content.get("status"));
    Optional<Instant> podStarted = Rfc3339.parse(string(status.get("startTime")));
    List<ContainerEnvironment> containers = new ArrayList<>();
    for (Object item : list(map(content.get("spec")).get("containers"))) {
      Map<String, Object> container = map(item);
      String name = string(container.get("name"));
      containers.add(
          new ContainerEnvironment(
              podName,
              name,
              keyVariables(list(container.get("env"))),
              secretImports(list(container.get("envFrom"))),
              containerStarted(status, name).or(() -> podStarted)));
    }
    return containers;
  }

  private static List<KeyVariable> keyVariables(List<Object> env) {
    List<KeyVariable> variables = new ArrayList<>();
    for (Object item : env) {
      Map<String, Object> variable = map(item);
      Map<String, Object> ref = map(map(variable.get("valueFrom")).get("secretKeyRef"));
      if (!ref.isEmpty()) {
        variables.add(
            new KeyVariable(
                string(variable.get("name")), string(ref.get("name")), string(ref.get("key"))));
      }
    }
    return variables;
  }

  private static List<SecretImport> secretImports(List<Object> envFrom) {
    List<SecretImport> imports = new ArrayList<>();
    for (Object item : envFrom) {
      Map<String, Object> source = map(item);
      Map<String, Object> ref = map(source.get("secretRef"));
      if (!ref.isEmpty()) {
        imports.add(new SecretImport(string(ref.get("name")), string(source.get("prefix"))));
      }
    }
    return imports;
  }

  private static Optional<Instant> containerStarted(Map<String, Object> status, String name) {
    return list(status.get("containerStatuses")).stream()
        .map(ContainerEnvironment::map)
        .filter(containerStatus -> name.equals(containerStatus.get("name")))
        .map(containerStatus -> map(map(containerStatus.get("state")).get("running")))
        .flatMap(running -> Rfc3339.parse(string(running.get("startedAt"))).stream())
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> found ? (Map<String, Object>) found : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> found ? (List<Object>) found : List.of();
  }

  private static String string(Object value) {
    return value == null ? "" : value.toString();
  }
}
