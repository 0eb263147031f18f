package io.mcpctl.operator;

import io.mcpctl.operator.rotation.AllowedOpenBaoAddresses;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.GoDuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The operator's settings (the "Operator configuration" contract): each flag has an environment
 * variable, the flag wins over the variable, and the variable over the default.
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    int metricsPort,
    boolean leaderElection,
    String leaderElectionNamespace,
    String leaderElectionLeaseName,
    Duration healthCheckInterval,
    int maxConcurrentRotations,
    int maxRotationsPerSecond,
    LogFormat logFormat,
    Duration openBaoMintTimeout,
    AllowedOpenBaoAddresses allowedOpenBaoAddresses) {

  /** How log lines are written. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /** One setting: its flag, its variable, its default and what it means. */
  private record Setting(String flag, String variable, String defaultValue, String help) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              "--watch-namespaces",
              "MCPCTL_WATCH_NAMESPACES",
              "",
              "comma-separated namespaces to watch; empty watches all"),
          new Setting(
              "--metrics-port",
              "MCPCTL_METRICS_PORT",
              "8080",
              "port of /metrics, /healthz and /readyz"),
          new Setting(
              "--leader-election",
              "MCPCTL_LEADER_ELECTION",
              "true",
              "elect one active replica through a Lease"),
          new Setting(
              "--leader-election-namespace",
              "MCPCTL_LEADER_ELECTION_NAMESPACE",
              "",
              "namespace of the Lease; default POD_NAMESPACE, the service account's namespace, or default"),
          new Setting(
              "--leader-election-lease-name",
              "MCPCTL_LEADER_ELECTION_LEASE_NAME",
              "mcpctl-operator-leader",
              "name of the Lease"),
          new Setting(
              "--health-check-interval",
              "MCPCTL_HEALTH_CHECK_INTERVAL",
              "1h",
              "how often each token is looked up, e.g. 1h"),
          new Setting(
              "--max-concurrent-rotations",
              "MCPCTL_MAX_CONCURRENT_ROTATIONS",
              "4",
              "rotations running at once, across all backends"),
          new Setting(
              "--max-rotations-per-second",
              "MCPCTL_MAX_ROTATIONS_PER_SECOND",
              "2",
              "most mints reaching OpenBao in any second, across all backends"),
          new Setting("--log-format", "MCPCTL_LOG_FORMAT", "text", "text or json"),
          new Setting(
              "--openbao-mint-timeout",
              "MCPCTL_OPENBAO_MINT_TIMEOUT",
              "100s",
              "how long a mint may take; longer than OpenBao's max_request_duration (90s by"
                  + " default), so that a mint OpenBao completes is never given up on"),
          new Setting(
              "--allowed-openbao-addresses",
              "MCPCTL_ALLOWED_OPENBAO_ADDRESSES",
              "",
              "comma-separated OpenBao addresses backends may name (each allows the paths under"
                  + " it); none allows any"));

  /** Thrown for a setting that cannot be used; the message says what to write instead. */
  public static final class InvalidConfigException extends Exception {
    InvalidConfigException(String message) {
      super(message, null, false, false);
    }
  }

  /** The usage text for --help. */
  public static String usage() {
    StringBuilder text =
        new StringBuilder(
            "Usage: java -jar mcpctl-operator.jar [options]\n\nOptions (each also read from its environment variable):\n");
    for (Setting setting : SETTINGS) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %-30s %-34s %s (default: %s)%n",
              setting.flag(),
              setting.variable(),
              setting.help(),
              setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()));
    }
    return text.toString();
  }

  /**
   * Reads flags ({@code --name value} or {@code --name=value}) over environment variables over
   * defaults.
   *
   * @throws InvalidConfigException naming the flag or variable and a valid value
   */
  public static OperatorConfig parse(String[] args, Map<String, String> environment)
      throws InvalidConfigException {
    Map<String, String> flags = flags(args);
    Function<Setting, String> value =
        setting -> {
          String fromFlag = flags.get(setting.flag());
          if (fromFlag != null) {
            return fromFlag.strip();
          }
          String fromEnvironment = environment.get(setting.variable());
          return fromEnvironment != null ? fromEnvironment.strip() : setting.defaultValue();
        };
    String leaseNamespace = value.apply(SETTINGS.get(3));
    return new OperatorConfig(
        namespaces(value.apply(SETTINGS.get(0))),
        port(SETTINGS.get(1), value.apply(SETTINGS.get(1))),
        bool(SETTINGS.get(2), value.apply(SETTINGS.get(2))),
        leaseNamespace.isEmpty() ? defaultLeaseNamespace(environment) : leaseNamespace,
        name(SETTINGS.get(4), value.apply(SETTINGS.get(4))),
        interval(SETTINGS.get(5), value.apply(SETTINGS.get(5))),
        positive(SETTINGS.get(6), value.apply(SETTINGS.get(6))),
        positive(SETTINGS.get(7), value.apply(SETTINGS.get(7))),
        logFormat(SETTINGS.get(8), value.apply(SETTINGS.get(8))),
        interval(SETTINGS.get(9), value.apply(SETTINGS.get(9))),
        addresses(SETTINGS.get(10), value.apply(SETTINGS.get(10))));
  }

  /**
   * The Lease's namespace when none is set: the pod's, then the service account's, else default.
   */
  static String defaultLeaseNamespace(Map<String, String> environment) {
    String podNamespace = environment.get("POD_NAMESPACE");
    if (podNamespace != null && !podNamespace.isBlank()) {
      return podNamespace.strip();
    }
    try {
      if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
        String fromFile =
            Files.readString(SERVICE_ACCOUNT_NAMESPACE, StandardCharsets.UTF_8).strip();
        if (!fromFile.isEmpty()) {
          return fromFile;
        }
      }
    } catch (IOException unreadable) {
      // Falls through to the default, as when running outside a cluster.
    }
    return "default";
  }

  private static Map<String, String> flags(String[] args) throws InvalidConfigException {
    Set<String> known = new LinkedHashSet<>();
    SETTINGS.forEach(setting -> known.add(setting.flag()));
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!known.contains(name)) {
        throw new InvalidConfigException(
            "Unknown option '" + name + "'; run with --help to see the options.");
      }
      if (arg.contains("=")) {
        flags.put(name, arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.length) {
        flags.put(name, args[++i]);
      } else {
        throw new InvalidConfigException(
            "Option " + name + " needs a value; run with --help to see it.");
      }
    }
    return flags;
  }

  private static Set<String> namespaces(String text) {
    Set<String> namespaces = new LinkedHashSet<>();
    Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(namespace -> !namespace.isEmpty())
        .forEach(namespaces::add);
    return Set.copyOf(namespaces);
  }

  private static int port(Setting setting, String text) throws InvalidConfigException {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw invalid(setting, text, "a port from 1 to 65535 (0 picks a free one), such as 8080");
  }

  private static boolean bool(Setting setting, String text) throws InvalidConfigException {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw invalid(setting, text, "true or false");
  }

  private static String name(Setting setting, String text) throws InvalidConfigException {
    if (text.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      return text;
    }
    throw invalid(setting, text, "a lower-case Kubernetes name, such as mcpctl-operator-leader");
  }

  private static Duration interval(Setting setting, String text) throws InvalidConfigException {
    try {
      Duration duration = GoDuration.parse(text);
      if (duration.compareTo(Duration.ofSeconds(1)) >= 0) {
        return duration;
      }
    } catch (IllegalArgumentException notADuration) {
      // reported below
    }
    throw invalid(setting, text, "a duration of 1s or more, such as 1h or 30m");
  }

  private static int positive(Setting setting, String text) throws InvalidConfigException {
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw invalid(setting, text, "a whole number of 1 or more");
  }

  private static AllowedOpenBaoAddresses addresses(Setting setting, String text)
      throws InvalidConfigException {
    try {
      return AllowedOpenBaoAddresses.parse(text);
    } catch (IllegalArgumentException notAnAddress) {
      throw new InvalidConfigException(
          setting.flag()
              + " ("
              + setting.variable()
              + "): "
              + Sentences.withoutFinalPeriod(notAnAddress.getMessage())
              + "; list addresses such as https://bao.example.com:8200, separated by commas.");
    }
  }

  private static LogFormat logFormat(Setting setting, String text) throws InvalidConfigException {
    try {
      return LogFormat.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw invalid(setting, text, "text or json");
    }
  }

  private static InvalidConfigException invalid(Setting setting, String text, String expected) {
    return new InvalidConfigException(
        setting.flag()
            + " ("
            + setting.variable()
            + ") is '"
            + text
            + "'; set it to "
            + expected
            + ".");
  }
}
