package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the kubeconfig that {@code --kubeconfig} names, or the one kubectl would find, into a
 * fabric8 {@link Config}, and says in one sentence what is wrong when it cannot: a file that is no
 * kubeconfig, no kubeconfig anywhere, or an unknown context. The sentences name files and never
 * quote them: fabric8's parsers put the text they failed on into their messages, and a file handed
 * to {@code --kubeconfig} by mistake may hold a token.
 */
final class KubeconfigLoader {

  private static final String WHAT_TO_DO =
      "; pass --kubeconfig with your cluster's kubeconfig file, or point KUBECONFIG at it.";

  private KubeconfigLoader() {}

  /** The configuration for {@code context} (null: the current one) of {@code kubeconfig}. */
  static Config load(Path kubeconfig, String context) {
    Config config = kubeconfig != null ? fromFile(kubeconfig, context) : fromDefaults(context);
    if (context != null && !hasContext(config, context)) {
      throw new CliException(
          "The kubeconfig has no context named '"
              + context
              + "'; list them with 'kubectl config get-contexts' and pass one to --context.");
    }
    refuseInsecureWithAuthority(config);
    return config;
  }

  /**
   * A cluster that names a certificate authority and sets {@code insecure-skip-tls-verify: true}:
   * fabric8 would trust any server, kubectl refuses the pair ("specifying a root certificates file
   * with the insecure flag is not allowed"), and so does the plugin, on both of its paths ({@link
   * DirectKubeconfig} leaves such a kubeconfig to this one). Trust asked for through fabric8's own
   * {@code KUBERNETES_TRUST_CERTIFICATES} (or its system property) is left as asked.
   */
  private static void refuseInsecureWithAuthority(Config config) {
    boolean authority =
        (config.getCaCertData() != null && !config.getCaCertData().isEmpty())
            || (config.getCaCertFile() != null && !config.getCaCertFile().isEmpty());
    if (!config.isTrustCerts()
        || !authority
        || Utils.getSystemPropertyOrEnvVar(Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY) != null) {
      return;
    }
    String context =
        config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
    throw new CliException(
        "The kubeconfig's cluster"
            + (context == null ? "" : " of context '" + context + "'")
            + " names a certificate authority and sets insecure-skip-tls-verify: true, which"
            + " kubectl refuses too; remove insecure-skip-tls-verify to have the server checked"
            + " against that authority.");
  }

  private static Config fromFile(Path file, String context) {
    if (!Files.exists(file)) {
      throw new CliException(
          "The kubeconfig file "
              + file
              + " does not exist; pass --kubeconfig with the path of a kubeconfig file.");
    }
    return parse(file, context).orElseThrow(() -> notAKubeconfig(file));
  }

  /** As kubectl without {@code --kubeconfig}: {@code KUBECONFIG}, else the default file. */
  private static Config fromDefaults(String context) {
    KubeconfigLocations locations = KubeconfigLocations.ofThisProcess();
    List<Path> existing = locations.existingKubeconfigs();
    if (existing.isEmpty()) {
      if (!locations.inCluster()) {
        // Else fabric8 falls back to https://kubernetes.default.svc, which resolves nowhere here.
        throw new CliException(
            "No kubeconfig found (looked in " + locations.describe() + ")" + WHAT_TO_DO);
      }
      return Config.autoConfigure(context);
    }
    // In a pod, a kubeconfig without contexts leaves the service account to fabric8.
    return read(() -> Config.autoConfigure(context))
        .filter(config -> locations.inCluster() || hasContexts(config))
        .orElseThrow(() -> notAKubeconfig(existing));
  }

  /** fabric8's reading of {@code file}; empty when it is no kubeconfig. */
  private static Optional<Config> parse(Path file, String context) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return read(() -> Config.fromKubeconfig(context, file.toFile()))
        .filter(KubeconfigLoader::hasContexts);
  }

  /**
   * What fabric8 read; empty when the text is no kubeconfig. fabric8 then throws what its YAML and
   * JSON parsers threw, their messages quoting the text: Jackson's IllegalArgumentException for a
   * plain word (a token, an env file's lines), ClassCastException for several YAML documents,
   * NullPointerException for an empty one, snakeyaml's YamlEngineException for text that is no
   * YAML; and KubernetesClientException when a file cannot be read.
   */
  private static Optional<Config> read(Supplier<Config> reading) {
    try {
      return Optional.of(reading.get());
    } catch (IllegalArgumentException
        | ClassCastException
        | NullPointerException
        | YamlEngineException
        | KubernetesClientException notAKubeconfig) {
      return Optional.empty();
    }
  }

  /** For files merged into one (at least one): names the first that is no kubeconfig alone. */
  private static CliException notAKubeconfig(List<Path> merged) {
    return notAKubeconfig(
        merged.stream()
            .filter(file -> parse(file, null).isEmpty())
            .findFirst()
            .orElse(merged.get(0)));
  }

  private static CliException notAKubeconfig(Path file) {
    return new CliException(file + " is not a kubeconfig" + WHAT_TO_DO);
  }

  /** A kubeconfig without any context gives no cluster to talk to: it is none. */
  private static boolean hasContexts(Config config) {
    return config.getContexts() != null && !config.getContexts().isEmpty();
  }

  private static boolean hasContext(Config config, String name) {
    return config.getContexts() != null
        && config.getContexts().stream().anyMatch(named -> name.equals(named.getName()));
  }
}
