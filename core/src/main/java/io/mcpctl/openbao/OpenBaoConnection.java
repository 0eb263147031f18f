package io.mcpctl.openbao;

import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.text.Sentences;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to reach one OpenBao: address, optional namespace, TLS trust and timeouts. Holds no
 * token; build a client with {@link OpenBaoClient#connect(OpenBaoConnection)}.
 */
public final class OpenBaoConnection {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long a mint may take. OpenBao ends a request after its listener's max_request_duration, 90
   * s unless configured (vault/core.go, DefaultMaxRequestDuration), so a client that waits a little
   * longer learns the outcome of every mint OpenBao will ever complete, instead of giving up on one
   * that still succeeds and leaves a token nobody holds.
   */
  public static final Duration DEFAULT_MINT_TIMEOUT = Duration.ofSeconds(100);

  /**
   * The longest answer read unless set: OpenBao refuses requests over 32 MiB (max_request_size),
   * and a LIST of every token accessor of a large OpenBao is the longest answer this project asks
   * for.
   */
  public static final long DEFAULT_MAX_ANSWER_BYTES = 64L << 20;

  private static final Pattern PLAIN_PATH = Pattern.compile(OpenBaoSpec.ADDRESS_PATH_PATTERN);

  private static final Pattern LEGACY_TOKEN =
      Pattern.compile(
          "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

  private final URI address;
  private final String namespace;
  private final String caBundlePem;
  private final boolean insecureSkipVerify;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration mintTimeout;
  private final long maxAnswerBytes;

  private OpenBaoConnection(Builder builder) {
    this.address = builder.address;
    this.namespace = builder.namespace;
    this.caBundlePem = builder.caBundlePem;
    this.insecureSkipVerify = builder.insecureSkipVerify;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.mintTimeout = builder.mintTimeout;
    this.maxAnswerBytes = builder.maxAnswerBytes;
  }

  /**
   * Starts a connection to an http or https address such as {@code https://bao.example.com:8200}.
   *
   * @throws IllegalArgumentException when the address is not an http(s) URL with a host
   */
  public static Builder builder(String address) {
    return new Builder(parseAddress(address));
  }

  /** A connection with default timeouts and the JDK's trust store. */
  public static OpenBaoConnection of(String address) {
    return builder(address).build();
  }

  /**
   * A connection for a SecretBackend's {@code spec.openbao}.
   *
   * @param caBundlePem the PEM read from {@code tls.caSecretRef}, when the spec names one
   */
  public static OpenBaoConnection fromSpec(OpenBaoSpec spec, Optional<String> caBundlePem) {
    return builderFromSpec(spec, caBundlePem).build();
  }

  /** As {@link #fromSpec}, for a caller that also sets timeouts. */
  public static Builder builderFromSpec(OpenBaoSpec spec, Optional<String> caBundlePem) {
    // Sent as a header: a value the JDK refuses there would fail later, as an error of no use.
    try {
      OpenBaoNamespace.parse(spec.getNamespace());
    } catch (IllegalArgumentException unusable) {
      throw new IllegalArgumentException(
          "spec.openbao.namespace is not an OpenBao namespace: " + unusable.getMessage() + ".");
    }
    Builder builder = builder(spec.getAddress()).namespace(spec.getNamespace());
    caBundlePem.ifPresent(builder::caBundlePem);
    if (spec.getTls() != null && spec.getTls().skipsVerification()) {
      builder.insecureSkipVerify(true);
    }
    return builder;
  }

  /** The same server, trust and timeouts, in the OpenBao namespace {@code namespace}. */
  public OpenBaoConnection withNamespace(String namespace) {
    Builder builder =
        new Builder(address)
            .namespace(namespace)
            .insecureSkipVerify(insecureSkipVerify)
            .connectTimeout(connectTimeout)
            .requestTimeout(requestTimeout)
            .mintTimeout(mintTimeout)
            .maxAnswerBytes(maxAnswerBytes);
    if (caBundlePem != null) {
      builder.caBundlePem(caBundlePem);
    }
    return builder.build();
  }

  /** The base address, without {@code /v1}. */
  public URI address() {
    return address;
  }

  /** The OpenBao namespace sent as {@code X-Vault-Namespace}; empty for the root namespace. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** The PEM CA bundle trusted for https, when one was given (certificates are public). */
  public Optional<String> caBundlePem() {
    return Optional.ofNullable(caBundlePem);
  }

  /** True when https certificates and host names are not verified (testing only). */
  public boolean insecureSkipVerify() {
    return insecureSkipVerify;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest wait for a whole answer to one request. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The longest wait for the answer to a mint ({@link #DEFAULT_MINT_TIMEOUT} unless set). */
  public Duration mintTimeout() {
    return mintTimeout;
  }

  /** The longest answer body read; a longer one fails the request. */
  public long maxAnswerBytes() {
    return maxAnswerBytes;
  }

  @Override
  public String toString() {
    return "OpenBaoConnection[address="
        + address
        + ", namespace="
        + (namespace == null ? "<root>" : namespace)
        + ", tls="
        + (insecureSkipVerify ? "insecure" : caBundlePem != null ? "ca-bundle" : "system")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", mintTimeout="
        + mintTimeout
        + ", maxAnswerBytes="
        + maxAnswerBytes
        + "]";
  }

  /**
   * The address as an error may quote it: a query or fragment, and whatever stands before the last
   * '@', may be a token or a user name and password someone put in the wrong place, and are left
   * out. An '@' is looked for anywhere, since a password may itself hold a '/', '?' or '#' that
   * would end the authority early; leaving out a little too much of a refused address costs
   * nothing.
   */
  public static String quotable(String address) {
    // A token passed where the address belongs (swapped variables, the first prompt answered
    // with it) is quoted masked; a legacy token is a UUID.
    String quoted = LEGACY_TOKEN.matcher(TokenShape.masked(address)).replaceAll("****");
    int userInfoEnd = quoted.lastIndexOf('@');
    if (userInfoEnd >= 0) {
      int authority = quoted.indexOf("://");
      authority = authority < 0 || authority > userInfoEnd ? 0 : authority + 3;
      quoted = quoted.substring(0, authority) + "…@" + quoted.substring(userInfoEnd + 1);
    }
    int query = firstIndexOf(quoted, '?', '#');
    return Sentences.oneLine(query < 0 ? quoted : quoted.substring(0, query) + "?…", 200);
  }

  private static int firstIndexOf(String text, char first, char second) {
    int a = text.indexOf(first);
    int b = text.indexOf(second);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  private static URI parseAddress(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(
          "The OpenBao address is empty; pass a URL such as https://bao.example.com:8200.");
    }
    URI uri;
    try {
      uri = new URI(address.strip());
    } catch (URISyntaxException e) {
      // Not chained: its message quotes the address whole.
      throw new IllegalArgumentException(
          "The OpenBao address '"
              + quotable(address)
              + "' is not a valid URL; pass one such as https://bao.example.com:8200.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "The OpenBao address '"
              + quotable(address)
              + "' is not an http or https URL with a host; pass one such as"
              + " https://bao.example.com:8200.");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535 || uri.getPort() < -1) {
      throw new IllegalArgumentException(
          "The OpenBao address '"
              + quotable(address)
              + "' has port "
              + uri.getPort()
              + ", outside 1 to 65535; pass the port OpenBao listens on, such as 8200.");
    }
    if (uri.getHost() != null
        && uri.getRawAuthority() != null
        && uri.getRawAuthority().endsWith(":")) {
      throw new IllegalArgumentException(
          "The OpenBao address '"
              + quotable(address)
              + "' ends its host with ':' but names no port; pass one such as"
              + " https://bao.example.com:8200.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "The OpenBao address must not carry credentials; remove the user part before the host.");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "The OpenBao address '"
              + quotable(address)
              + "' has a query or fragment; pass only scheme, host, port and an optional path.");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!PLAIN_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "The OpenBao address '"
              + quotable(address)
              + "' has a path with characters other than letters, digits, '-', '_', '.' and '~'"
              + " in its segments, or a '.' or '..' segment; pass the path OpenBao is served under"
              + " as it is, such as https://gateway.example.com/openbao.");
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  /** Builds an {@link OpenBaoConnection}. */
  public static final class Builder {
    private final URI address;
    private String namespace;
    private String caBundlePem;
    private boolean insecureSkipVerify;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration mintTimeout = DEFAULT_MINT_TIMEOUT;
    private long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;

    private Builder(URI address) {
      this.address = address;
    }

    /** Sets {@code X-Vault-Namespace}; blank means the root namespace. */
    public Builder namespace(String namespace) {
      String trimmed = namespace == null ? "" : namespace.strip();
      this.namespace = trimmed.isEmpty() ? null : trimmed;
      return this;
    }

    /** Trusts only the certificates in this PEM bundle (one or more certificates). */
    public Builder caBundlePem(String caBundlePem) {
      this.caBundlePem = Objects.requireNonNull(caBundlePem, "caBundlePem");
      return this;
    }

    /** Skips certificate and host name verification. Testing only: the token can be read. */
    public Builder insecureSkipVerify(boolean insecureSkipVerify) {
      this.insecureSkipVerify = insecureSkipVerify;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connect timeout");
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "request timeout");
      return this;
    }

    public Builder mintTimeout(Duration mintTimeout) {
      this.mintTimeout = positive(mintTimeout, "mint timeout");
      return this;
    }

    public Builder maxAnswerBytes(long maxAnswerBytes) {
      if (maxAnswerBytes < 1) {
        throw new IllegalArgumentException("The longest OpenBao answer must be at least 1 byte.");
      }
      this.maxAnswerBytes = maxAnswerBytes;
      return this;
    }

    /**
     * @throws IllegalArgumentException when both a CA bundle and insecureSkipVerify are set
     */
    public OpenBaoConnection build() {
      if (insecureSkipVerify && caBundlePem != null) {
        throw new IllegalArgumentException(
            "Both a CA bundle and insecureSkipVerify are set; keep the CA bundle and drop"
                + " insecureSkipVerify.");
      }
      return new OpenBaoConnection(this);
    }

    private static Duration positive(Duration duration, String what) {
      if (duration == null || duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(
            "The OpenBao " + what + " must be a positive duration, such as 5s.");
      }
      return duration;
    }
  }
}
