package io.mcpctl.cli.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Small helpers shared by the command classes. */
public final class Commands {

  /** The API path of the SecretBackends' group and version, and their plural. */
  static final String SECRET_BACKENDS =
      "/apis/"
          + HasMetadata.getGroup(SecretBackend.class)
          + "/"
          + HasMetadata.getVersion(SecretBackend.class);

  static final String SECRET_BACKENDS_PLURAL = HasMetadata.getPlural(SecretBackend.class);

  private Commands() {}

  /** The usage error of a parent command run without one of its subcommands. */
  public static ParameterException missingSubcommand(CommandSpec spec) {
    String choices =
        spec.subcommands().values().stream()
            .filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
            .map(sub -> sub.getCommandName())
            .distinct()
            .collect(Collectors.joining(", "));
    return new ParameterException(
        spec.commandLine(), "Missing a subcommand; choose one of: " + choices);
  }

  /**
   * The SecretBackend {@code name} of the cluster's namespace.
   *
   * @throws CliException when there is none ({@link #notFound})
   */
  public static SecretBackend backend(ClusterReads cluster, String name) {
    return cluster
        .object(SECRET_BACKENDS, SECRET_BACKENDS_PLURAL, name)
        .map(found -> KubeJson.bind(found, SecretBackend.class))
        .orElseThrow(() -> notFound(name, cluster.namespace()));
  }

  /** The error for a SecretBackend that is not there, with the command that lists them. */
  public static CliException notFound(String name, String namespace) {
    return new CliException(
        "SecretBackend "
            + name
            + " not found in namespace "
            + namespace
            + "; list them with 'kubectl get secretbackends -n "
            + namespace
            + "'.");
  }

  /** How a user asks for help on {@code spec}, for the end of an error sentence. */
  public static String helpHint(CommandSpec spec) {
    return "run '" + spec.qualifiedName() + " --help' for usage";
  }
}
