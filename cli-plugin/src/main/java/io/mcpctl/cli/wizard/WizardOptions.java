package io.mcpctl.cli.wizard;

import picocli.CommandLine.Option;

/** The wizard's answers, each a flag so that CI never meets a prompt. */
public final class WizardOptions {

  @Option(
      names = "--policy-name",
      paramLabel = "POLICY",
      description = "OpenBao policy to write (default: mcpctl-NAMESPACE.NAME).")
  String policyName;

  @Option(
      names = "--token-role",
      paramLabel = "ROLE",
      description = "OpenBao token role to write (default: mcpctl-NAMESPACE.NAME-rotator).")
  String tokenRole;

  @Option(
      names = "--rotation-interval",
      paramLabel = "DURATION",
      description =
          "How often the operator rotates the token (default: what the existing backend has,"
              + " else 24h).")
  String rotationInterval;

  @Option(
      names = "--revoke-grace-period",
      paramLabel = "DURATION",
      description =
          "How long a replaced token stays valid so consumers can pick up the new one"
              + " (default: what the existing backend has, else 2m, or a tenth of a shorter"
              + " rotation interval).")
  String revokeGracePeriod;

  @Option(
      names = "--no-promote-default",
      description = "Do not make the new backend the namespace's default.")
  boolean noPromoteDefault;

  @Option(
      names = {"-y", "--yes"},
      description = "Answer yes to every question (e.g. overwriting a different policy).")
  boolean yes;

  public String policyName() {
    return policyName;
  }

  public String tokenRole() {
    return tokenRole;
  }

  public String rotationInterval() {
    return rotationInterval;
  }

  public String revokeGracePeriod() {
    return revokeGracePeriod;
  }

  public boolean noPromoteDefault() {
    return noPromoteDefault;
  }

  public boolean yes() {
    return yes;
  }

  /** Whether any of the wizard's flags was given. */
  public boolean given() {
    return policyName != null
        || tokenRole != null
        || rotationInterval != null
        || revokeGracePeriod != null
        || noPromoteDefault
        || yes;
  }
}
