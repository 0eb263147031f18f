package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the Kubernetes client looks for its cluster when no {@code --kubeconfig} is given: the
 * files of {@code KUBECONFIG}, else {@code ~/.kube/config}, and the pod's service account token
 * when {@code KUBERNETES_SERVICE_HOST} is set. Read through fabric8's own lookups, from the process
 * environment that fabric8 reads (not {@link CliContext}'s), so that a sentence about them names
 * exactly the places the client tried.
 *
 * @param kubeconfigs the kubeconfig files, in the order they are merged; they need not exist
 * @param serviceAccountToken the token file of the in-cluster service account, when {@code
 *     KUBERNETES_SERVICE_HOST} is set
 */
record KubeconfigLocations(List<Path> kubeconfigs, Optional<Path> serviceAccountToken) {

  static KubeconfigLocations ofThisProcess() {
    List<Path> kubeconfigs =
        Config.getKubeconfigFilenames().stream()
            .filter(name -> !name.isBlank())
            .map(Path::of)
            .toList();
    Optional<Path> serviceAccountToken =
        Optional.ofNullable(
                Utils.getSystemPropertyOrEnvVar(
                    Config.KUBERNETES_SERVICE_HOST_PROPERTY, (String) null))
            .map(
                host ->
                    Path.of(
                        Utils.getSystemPropertyOrEnvVar(
                            Config.KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN_FILE_SYSTEM_PROPERTY,
                            Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH)));
    return new KubeconfigLocations(kubeconfigs, serviceAccountToken);
  }

  /** The kubeconfig files that exist, which the client reads and merges. */
  List<Path> existingKubeconfigs() {
    return kubeconfigs.stream().filter(Files::exists).toList();
  }

  /** Whether the client runs in a pod and finds its service account's token. */
  boolean inCluster() {
    return serviceAccountToken.filter(Files::isRegularFile).isPresent();
  }

  /** Every place looked in, for "looked in ...". */
  String describe() {
    String files =
        kubeconfigs.isEmpty()
            ? "KUBECONFIG, which names no file"
            : kubeconfigs.stream().map(Path::toString).collect(Collectors.joining(", "));
    return serviceAccountToken
        .map(token -> files + " and, as KUBERNETES_SERVICE_HOST is set, " + token)
        .orElse(files);
  }
}
