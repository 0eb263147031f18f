package io.mcpctl.cli.create;

import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.TlsOptions;
import io.mcpctl.cli.common.AdminTokenOptions;
import io.mcpctl.cli.common.PlainHttpWarning;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.wizard.OpenBaoWizard;
import io.mcpctl.cli.wizard.WizardOptions;
import io.mcpctl.cli.wizard.WizardSettings;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.openbao.OpenBaoPaths;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl create secretbackend NAME --type kubernetes|openbao [--wizard]}: parses and
 * checks the flags, then hands over to the wizard or to the plain creator.
 */
@Command(
    name = "secretbackend",
    aliases = {"secretbackends", "sb"},
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create a SecretBackend:",
      "  --type kubernetes: MCP secrets as Kubernetes Secrets.",
      "  --type openbao --wizard: set OpenBao up with an admin token that is used once and"
          + " never stored (KV v2 mount, narrow policy, token role, first periodic token,"
          + " verified end to end); the operator rotates the token.",
      "  --type openbao --url URL --token-file FILE: a static token you provide; not rotated.",
      ""
    })
public final class CreateSecretBackendCommand implements Runnable {

  /** The backend types this command creates. */
  public enum Type {
    kubernetes,
    openbao
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the SecretBackend.")
  String name;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "Backend type: ${COMPLETION-CANDIDATES}.")
  Type type;

  @Option(names = "--wizard", description = "Set OpenBao up step by step (type openbao).")
  boolean wizard;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "OpenBao address, e.g. https://bao.example.com:8200.")
  String url;

  @Option(
      names = "--openbao-namespace",
      paramLabel = "PATH",
      description =
          "OpenBao namespace the backend lives in, such as team-a/dev (default: the root"
              + " namespace). The wizard provisions the mount, policy and role there; -n stays the"
              + " Kubernetes namespace.")
  String openBaoNamespace;

  @Option(
      names = "--mount",
      paramLabel = "MOUNT",
      description = "KV v2 mount for MCP secrets (default: secret).")
  String mount;

  @Option(
      names = "--path-prefix",
      paramLabel = "PREFIX",
      description = "Path prefix under the mount (default: mcpctl).")
  String pathPrefix;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Without --wizard: file holding a static OpenBao token (rotation off).")
  Path tokenFile;

  @Option(
      names = "--default",
      description = "Without --wizard: make it the namespace's default, demoting the current one.")
  boolean makeDefault;

  @Mixin TlsOptions tls;

  @Mixin AdminTokenOptions adminToken;

  @Mixin WizardOptions wizardOptions;

  @Override
  public void run() {
    validate();
    PluginRoot root = PluginRoot.of(spec);
    BackendNames names = new BackendNames(name);
    tls.warnIfInsecure(spec.commandLine().getErr());
    if (wizard) {
      WizardSettings settings =
          WizardSettings.resolve(
              names,
              url,
              openBaoNamespace(),
              openBaoNamespace != null,
              mount,
              pathPrefix,
              tls,
              adminToken,
              wizardOptions,
              root.context().terminal(),
              spec.commandLine());
      PlainHttpWarning.warnIfAdminTokenTravelsInClear(
          settings.connection().address(), spec.commandLine().getErr());
      new OpenBaoWizard(
              root.kube(), root.context(), spec.commandLine().getOut(), spec.commandLine().getErr())
          .run(settings);
      return;
    }
    PlainBackendCreator creator = new PlainBackendCreator(root.kube(), spec.commandLine().getOut());
    if (type == Type.kubernetes) {
      creator.createKubernetes(names, makeDefault);
    } else {
      creator.createStaticOpenBao(
          names,
          url,
          openBaoNamespace(),
          orDefault(mount, KvSpec.DEFAULT_MOUNT),
          orDefault(pathPrefix, KvSpec.DEFAULT_PATH_PREFIX),
          tls,
          tokenFile,
          makeDefault);
    }
  }

  /** The OpenBao namespace of {@code --openbao-namespace}; empty for the root namespace. */
  private Optional<OpenBaoNamespace> openBaoNamespace() {
    try {
      return OpenBaoNamespace.parse(openBaoNamespace);
    } catch (IllegalArgumentException refused) {
      throw usage(
          "--openbao-namespace \""
              + openBaoNamespace
              + "\" is not an OpenBao namespace path: "
              + refused.getMessage()
              + "; pass one such as team-a/dev, or leave it out for the root namespace");
    }
  }

  private void validate() {
    String nameProblem = BackendNames.problem(name);
    if (nameProblem != null) {
      throw usage(nameProblem);
    }
    if (type == Type.kubernetes) {
      if (wizard
          || url != null
          || openBaoNamespace != null
          || mount != null
          || pathPrefix != null
          || tokenFile != null
          || tls.given()
          || adminToken.given()
          || wizardOptions.given()) {
        throw usage("--type kubernetes takes no OpenBao flags; drop them, or use --type openbao");
      }
      return;
    }
    if (wizard) {
      if (tokenFile != null || makeDefault) {
        throw usage(
            "--token-file and --default are for a static token without --wizard; the wizard mints"
                + " the token and promotes the backend unless --no-promote-default");
      }
    } else {
      if (adminToken.given() || wizardOptions.given()) {
        throw usage(
            "--admin-token, --admin-token-file, --policy-name, --token-role,"
                + " --rotation-interval, --no-promote-default and --yes need --wizard");
      }
      if (url == null || tokenFile == null) {
        throw usage("--type openbao needs --wizard, or --url and --token-file for a static token");
      }
      // The wizard checks these with its other answers; the static path must refuse the same.
      try {
        OpenBaoPaths.requireMount(orDefault(mount, KvSpec.DEFAULT_MOUNT));
        OpenBaoPaths.requirePathPrefix(orDefault(pathPrefix, KvSpec.DEFAULT_PATH_PREFIX));
      } catch (IllegalArgumentException invalid) {
        throw usage(invalid.getMessage());
      }
    }
    if (tls.caFile() != null && tls.insecureSkipTlsVerify()) {
      throw usage("--ca-file and --insecure-skip-tls-verify exclude each other; keep --ca-file");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
