package io.mcpctl.cli.common;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A kubeconfig's context as the direct path uses it, read the way fabric8 does, straight from its
 * YAML instead of through Jackson and fabric8's kubeconfig model (a tenth of a second and more on a
 * cold start), but only when it uses forms whose meaning is plain: one file; a server with a CA
 * (data or file) or {@code insecure-skip-tls-verify}; a bearer token and/or a client certificate
 * and key (data or file). Anything else (exec credential plugins, auth providers, basic auth,
 * impersonation, proxies, files merged from {@code KUBECONFIG}, fabric8's {@code KUBERNETES_*} and
 * {@code kubernetes.*} overrides, a file that is no kubeconfig or lacks the context) is left to
 * fabric8, which reads it as before and words its errors as before: this reader never fails, it
 * declines.
 */
record DirectKubeconfig(
    String server,
    String namespace,
    boolean insecure,
    Optional<List<X509Certificate>> authorities,
    Optional<String> token,
    Optional<ClientCertificate> clientCertificate) {

  /** A client certificate and its key as the kubeconfig names them: base64 data or a file each. */
  record ClientCertificate(String certData, String certFile, String keyData, String keyFile) {

    boolean hasCertificate() {
      return (certData != null && !certData.isEmpty()) || certFile != null;
    }

    boolean hasKey() {
      return (keyData != null && !keyData.isEmpty()) || keyFile != null;
    }
  }

  private static final Set<String> CONTEXT_FIELDS = Set.of("cluster", "user", "namespace");

  private static final Set<String> CLUSTER_FIELDS =
      Set.of(
          "server",
          "certificate-authority",
          "certificate-authority-data",
          "insecure-skip-tls-verify");

  private static final Set<String> USER_FIELDS =
      Set.of(
          "token",
          "client-certificate",
          "client-certificate-data",
          "client-key",
          "client-key-data");

  /** Ignored by kubectl and fabric8 alike. */
  private static final String EXTENSIONS = "extensions";

  /** kubectl's proxy variables; fabric8 reads the same and its own {@code *.proxy} ones. */
  private static final Set<String> PROXY_VARIABLES =
      Set.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");

  private static final Set<String> FABRIC8_PROXY_PROPERTIES =
      Set.of("http.proxy", "https.proxy", "all.proxy");

  /** Set in every pod; fabric8 reads them only for the service account, which is declined. */
  private static final Set<String> POD_VARIABLE_PREFIXES =
      Set.of("KUBERNETES_SERVICE_", "KUBERNETES_PORT");

  /**
   * The configuration for {@code context} (null: the current one) of {@code kubeconfig} (null: the
   * one file kubectl would read), with what fabric8 would set from these forms; empty to leave it
   * to fabric8.
   */
  static Optional<DirectKubeconfig> read(
      Path kubeconfig, String context, Map<String, String> environment, Properties properties) {
    if (overriddenByEnvironment(environment)
        || overriddenBySystemProperties(properties.stringPropertyNames())) {
      return Optional.empty();
    }
    Path file = kubeconfig;
    if (file == null) {
      List<Path> defaults = defaultKubeconfigs(environment, properties);
      if (defaults.size() != 1) {
        return Optional.empty();
      }
      file = defaults.get(0);
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return configOf(file, context);
    } catch (IOException | GeneralSecurityException | RuntimeException unusual) {
      // Not readable, not YAML, not shaped like a kubeconfig: fabric8 reads it and says what is
      // wrong in words that quote nothing.
      return Optional.empty();
    }
  }

  private static boolean overriddenByEnvironment(Map<String, String> environment) {
    return environment.entrySet().stream()
        .filter(variable -> !variable.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .anyMatch(
            name ->
                PROXY_VARIABLES.contains(name)
                    || (name.startsWith("KUBERNETES_")
                        && POD_VARIABLE_PREFIXES.stream().noneMatch(name::startsWith)));
  }

  /** fabric8 reads {@code kubernetes.*} and its proxy settings from system properties too. */
  private static boolean overriddenBySystemProperties(Set<String> names) {
    return names.stream()
        .anyMatch(
            name -> name.startsWith("kubernetes.") || FABRIC8_PROXY_PROPERTIES.contains(name));
  }

  /**
   * The files fabric8 would merge without {@code --kubeconfig}, as it names them: the {@code
   * kubeconfig} property or {@code KUBECONFIG}, split on the path separator, else {@code
   * .kube/config} in {@code HOME} (when that is a folder) or {@code user.home}. Not asked of
   * fabric8 ({@code KubeconfigLocations} does): its Config class starts logback when it loads, ~60
   * ms of the connection thread that this reader exists to save.
   */
  private static List<Path> defaultKubeconfigs(
      Map<String, String> environment, Properties properties) {
    String named = properties.getProperty("kubeconfig", environment.get("KUBECONFIG"));
    if (named != null) {
      return Arrays.stream(named.split(File.pathSeparator))
          .filter(name -> !name.isBlank())
          .map(Path::of)
          .toList();
    }
    String home = environment.get("HOME");
    if (home == null || home.isEmpty() || !Files.isDirectory(Path.of(home))) {
      home = properties.getProperty("user.home", ".");
    }
    return List.of(Path.of(home, ".kube", "config"));
  }

  private static Optional<DirectKubeconfig> configOf(Path file, String requestedContext)
      throws IOException, GeneralSecurityException {
    Object document =
        new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    Map<?, ?> kubeconfig = (Map<?, ?>) document;
    String contextName =
        requestedContext != null ? requestedContext : (String) kubeconfig.get("current-context");
    Optional<Map<?, ?>> context = named(kubeconfig, "contexts", contextName, "context");
    if (context.isEmpty() || !onlyFields(context.get(), CONTEXT_FIELDS)) {
      return Optional.empty();
    }
    Optional<Map<?, ?>> cluster =
        named(kubeconfig, "clusters", (String) context.get().get("cluster"), "cluster");
    Optional<Map<?, ?>> user =
        context.get().get("user") == null
            ? Optional.of(Map.of())
            : named(kubeconfig, "users", (String) context.get().get("user"), "user");
    if (cluster.isEmpty()
        || user.isEmpty()
        || !onlyFields(cluster.get(), CLUSTER_FIELDS)
        || !onlyFields(user.get(), USER_FIELDS)
        || !(cluster.get().get("server") instanceof String server)
        || !(server.startsWith("https://") || server.startsWith("http://"))
        // A quoted "true" is a string that fabric8's binding coerces; its reading decides.
        || !isBooleanOrAbsent(cluster.get().get("insecure-skip-tls-verify"))) {
      return Optional.empty();
    }
    Path folder = file.toAbsolutePath().getParent();
    Map<?, ?> clusterFields = cluster.get();
    Map<?, ?> userFields = user.get();
    Object authorityData = clusterFields.get("certificate-authority-data");
    if (Boolean.TRUE.equals(clusterFields.get("insecure-skip-tls-verify"))
        && (clusterFields.get("certificate-authority") != null
            || (authorityData != null && !"".equals(authorityData)))) {
      // A CA with the insecure flag, which kubectl refuses: KubeconfigLoader says so.
      return Optional.empty();
    }
    Optional<List<X509Certificate>> authorities =
        pem(
            (String) clusterFields.get("certificate-authority-data"),
            path(folder, clusterFields.get("certificate-authority")));
    if (authorities.isPresent() && authorities.get().isEmpty()) {
      return Optional.empty();
    }
    ClientCertificate clientCertificate =
        new ClientCertificate(
            (String) userFields.get("client-certificate-data"),
            path(folder, userFields.get("client-certificate")),
            (String) userFields.get("client-key-data"),
            path(folder, userFields.get("client-key")));
    if (clientCertificate.hasCertificate() != clientCertificate.hasKey()) {
      // One without the other: fabric8 ignores it, kubectl refuses it; fabric8 decides.
      return Optional.empty();
    }
    return Optional.of(
        new DirectKubeconfig(
            server.endsWith("/") ? server.substring(0, server.length() - 1) : server,
            (String) context.get().get("namespace"),
            Boolean.TRUE.equals(clusterFields.get("insecure-skip-tls-verify")),
            authorities,
            Optional.ofNullable((String) userFields.get("token")).filter(t -> !t.isEmpty()),
            Optional.of(clientCertificate).filter(ClientCertificate::hasCertificate)));
  }

  /**
   * The CA certificates of base64 {@code data}, else of {@code file}, as kubectl reads them (data
   * wins); empty when neither is given, an empty list when there is no certificate in them.
   */
  private static Optional<List<X509Certificate>> pem(String data, String file)
      throws IOException, CertificateException {
    byte[] pem;
    if (data != null && !data.isEmpty()) {
      pem = Base64.getDecoder().decode(data.strip());
    } else if (file != null) {
      pem = Files.readAllBytes(Path.of(file));
    } else {
      return Optional.empty();
    }
    return Optional.of(
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem))
            .stream()
            .map(X509Certificate.class::cast)
            .toList());
  }

  /** The {@code field} map of the one entry called {@code name} in the list {@code listName}. */
  private static Optional<Map<?, ?>> named(
      Map<?, ?> kubeconfig, String listName, String name, String field) {
    if (name == null || !(kubeconfig.get(listName) instanceof List<?> entries)) {
      return Optional.empty();
    }
    List<?> found =
        entries.stream()
            .map(entry -> (Map<?, ?>) entry)
            .filter(entry -> name.equals(entry.get("name")))
            .<Object>map(entry -> entry.get(field))
            .toList();
    // A name given twice is left to fabric8, whose merge decides which one counts.
    return found.size() == 1 && found.get(0) instanceof Map<?, ?> entry
        ? Optional.of(entry)
        : Optional.empty();
  }

  private static boolean isBooleanOrAbsent(Object value) {
    return value == null || value instanceof Boolean;
  }

  private static boolean onlyFields(Map<?, ?> entry, Set<String> known) {
    return entry.keySet().stream().allMatch(key -> EXTENSIONS.equals(key) || known.contains(key));
  }

  /** A file named in the kubeconfig, relative to the kubeconfig's folder as kubectl reads it. */
  private static String path(Path folder, Object name) {
    return name == null ? null : folder.resolve((String) name).toString();
  }
}
