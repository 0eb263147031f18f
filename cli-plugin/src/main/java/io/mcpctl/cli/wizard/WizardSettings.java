package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.CaBundle;
import io.mcpctl.cli.backend.TlsOptions;
import io.mcpctl.cli.common.AdminTokenOptions;
import io.mcpctl.cli.common.Terminal;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.time.GoDuration;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Every answer the wizard needs, checked before anything is contacted. Holds no admin token: that
 * is read at the start of the run and never stored.
 *
 * @param rotationInterval the {@code --rotation-interval} given; empty keeps an existing backend's
 *     interval and jitter, else the default ({@link RotationTiming})
 * @param revokeGracePeriod the {@code --revoke-grace-period} given; empty keeps an existing
 *     backend's, else the default
 * @param stated which of the flags saying where the secrets live were given
 */
public record WizardSettings(
    BackendNames names,
    OpenBaoConnection connection,
    String mount,
    String pathPrefix,
    Optional<String> policyName,
    Optional<String> roleName,
    Optional<Duration> rotationInterval,
    Optional<Duration> revokeGracePeriod,
    Optional<CaBundle> caBundle,
    AdminTokenOptions adminToken,
    boolean promoteDefault,
    boolean assumeYes,
    StatedLocation stated) {

  /**
   * Resolves flags into settings, asking on the terminal for the address when it was not given.
   *
   * @throws ParameterException for a flag with a bad value (exit code 2)
   */
  public static WizardSettings resolve(
      BackendNames names,
      String url,
      Optional<OpenBaoNamespace> openBaoNamespace,
      boolean openBaoNamespaceGiven,
      String mount,
      String pathPrefix,
      TlsOptions tls,
      AdminTokenOptions adminToken,
      WizardOptions options,
      Terminal terminal,
      CommandLine commandLine) {
    String address = url != null ? url : askForAddress(terminal, commandLine);
    Optional<CaBundle> caBundle = CaBundle.of(tls);
    OpenBaoConnection connection;
    try {
      OpenBaoConnection.Builder builder =
          OpenBaoConnection.builder(address)
              .namespace(openBaoNamespace.map(OpenBaoNamespace::path).orElse(null));
      caBundle.map(CaBundle::pem).ifPresent(builder::caBundlePem);
      connection = builder.insecureSkipVerify(tls.insecureSkipTlsVerify()).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "Invalid --url: " + e.getMessage());
    }
    String kvMount = mount == null ? KvSpec.DEFAULT_MOUNT : mount;
    String prefix = pathPrefix == null ? KvSpec.DEFAULT_PATH_PREFIX : pathPrefix;
    Optional<String> policy = Optional.ofNullable(options.policyName());
    Optional<String> role = Optional.ofNullable(options.tokenRole());
    try {
      OpenBaoPaths.requireMount(kvMount);
      OpenBaoPaths.requirePathPrefix(prefix);
      policy.ifPresent(OpenBaoPaths::requirePolicyName);
      role.ifPresent(OpenBaoPaths::requireRoleName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage());
    }
    Optional<Duration> interval =
        Optional.ofNullable(options.rotationInterval())
            .map(text -> rotationInterval(text, commandLine));
    Optional<Duration> grace =
        Optional.ofNullable(options.revokeGracePeriod())
            .map(text -> revokeGracePeriod(text, commandLine));
    if (interval.isPresent() && grace.isPresent()) {
      RotationRules.gracePeriod(
              grace.get(), interval.get(), RotationRules.jitterFor(interval.get()))
          .ifPresent(
              problem -> {
                throw new ParameterException(
                    commandLine,
                    "--revoke-grace-period " + GoDuration.format(grace.get()) + " " + problem);
              });
    }
    return new WizardSettings(
        names,
        connection,
        kvMount,
        prefix,
        policy,
        role,
        interval,
        grace,
        caBundle,
        adminToken,
        !options.noPromoteDefault(),
        options.yes(),
        new StatedLocation(mount != null, pathPrefix != null, openBaoNamespaceGiven));
  }

  /**
   * The narrow access this run provisions in {@code namespace}: the flags' policy and role names,
   * else the per-namespace defaults.
   */
  public NarrowAccess access(String namespace) {
    NarrowAccess defaults = NarrowAccess.forBackend(namespace, names.backend(), mount, pathPrefix);
    return defaults
        .withPolicyName(policyName.orElse(defaults.policyName()))
        .withRoleName(roleName.orElse(defaults.roleName()));
  }

  /** These settings, leaving the namespace's default backend as it is. */
  WizardSettings withoutPromotion() {
    return new WizardSettings(
        names,
        connection,
        mount,
        pathPrefix,
        policyName,
        roleName,
        rotationInterval,
        revokeGracePeriod,
        caBundle,
        adminToken,
        false,
        assumeYes,
        stated);
  }

  /** The PEM of {@code --ca-file}, stored in Secret NAME-ca. */
  public Optional<String> caPem() {
    return caBundle.map(CaBundle::pem);
  }

  /**
   * What the token Secret this run writes is bound to: the backend, its address, the certificate
   * check of {@code --ca-file} or {@code --insecure-skip-tls-verify}, and the operator's rotation.
   */
  public TokenSecretBinding.Binding binding() {
    return TokenSecretBinding.Binding.rotated(
        names.backend(),
        address(),
        TokenSecretBinding.tls(connection.insecureSkipVerify(), caPem()));
  }

  /** The address as the SecretBackend records it. */
  public String address() {
    return connection.address().toString();
  }

  private static String askForAddress(Terminal terminal, CommandLine commandLine) {
    return terminal
        .readLine("OpenBao address (e.g. https://bao.example.com:8200): ")
        .map(String::strip)
        .filter(answer -> !answer.isEmpty())
        .orElseThrow(
            () ->
                new ParameterException(
                    commandLine, "--url is required when there is no terminal to ask on"));
  }

  private static Duration revokeGracePeriod(String text, CommandLine commandLine) {
    try {
      Duration grace = GoDuration.parse(text);
      if (grace.isNegative()) {
        throw new IllegalArgumentException("it must not be negative, such as 2m.");
      }
      return grace;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "Invalid --revoke-grace-period: " + e.getMessage());
    }
  }

  private static Duration rotationInterval(String text, CommandLine commandLine) {
    Duration interval;
    try {
      interval = GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "Invalid --rotation-interval: " + e.getMessage());
    }
    RotationRules.interval(interval)
        .ifPresent(
            problem -> {
              throw new ParameterException(commandLine, "--rotation-interval " + problem);
            });
    return interval;
  }
}
