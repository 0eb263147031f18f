package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.text.Sentences;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OpenBao servers the operator may send a backend's tokens to, as its administrators set them:
 * whoever may edit a SecretBackend chooses its address, and without a list the operator reaches
 * whatever server (or internal service) a namespace names, from the operator's place in the
 * network. An entry allows its scheme, host and port, and every path under its own; an empty list
 * allows any address.
 */
public final class AllowedOpenBaoAddresses {

  /** The longest the list is quoted in a condition, which holds 32 KiB. */
  private static final int LISTED_LENGTH = 1000;

  private final List<URI> allowed;

  private AllowedOpenBaoAddresses(List<URI> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** No list: every address is allowed. */
  public static AllowedOpenBaoAddresses any() {
    return new AllowedOpenBaoAddresses(List.of());
  }

  /**
   * @param commaSeparated addresses such as {@code https://bao.example.com:8200}; blank for any
   * @throws IllegalArgumentException naming the entry that is no OpenBao address
   */
  public static AllowedOpenBaoAddresses parse(String commaSeparated) {
    List<URI> allowed = new ArrayList<>();
    for (String entry : commaSeparated.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      allowed.add(OpenBaoConnection.of(entry.strip()).address());
    }
    return new AllowedOpenBaoAddresses(allowed);
  }

  /**
   * @return empty when the operator may reach {@code address}; else the sentence for the Ready
   *     condition
   */
  public Optional<String> refusal(String address) {
    if (allowed.isEmpty()) {
      return Optional.empty();
    }
    URI wanted;
    try {
      wanted = OpenBaoConnection.of(address).address();
    } catch (IllegalArgumentException unusable) {
      return Optional.of(unusable.getMessage());
    }
    if (allowed.stream().anyMatch(entry -> covers(entry, wanted))) {
      return Optional.empty();
    }
    return Optional.of(
        "spec.openbao.address "
            + wanted
            + " is not an OpenBao server this operator may reach (its allowedOpenBaoAddresses: "
            + Sentences.oneLine(toString(), LISTED_LENGTH)
            + "); point the backend at one of those, or ask the operator's administrators to add"
            + " it.");
  }

  private static boolean covers(URI entry, URI wanted) {
    String entryPath = entry.getRawPath() == null ? "" : entry.getRawPath();
    String wantedPath = wanted.getRawPath() == null ? "" : wanted.getRawPath();
    return entry.getScheme().equals(wanted.getScheme())
        && entry
            .getHost()
            .toLowerCase(Locale.ROOT)
            .equals(wanted.getHost().toLowerCase(Locale.ROOT))
        && port(entry) == port(wanted)
        && (wantedPath.equals(entryPath) || wantedPath.startsWith(entryPath + "/"));
  }

  private static int port(URI address) {
    if (address.getPort() != -1) {
      return address.getPort();
    }
    return address.getScheme().equals("https") ? 443 : 80;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AllowedOpenBaoAddresses that && allowed.equals(that.allowed);
  }

  @Override
  public int hashCode() {
    return allowed.hashCode();
  }

  /** The entries, comma-separated, as they are matched; "any" for none. */
  @Override
  public String toString() {
    return allowed.isEmpty()
        ? "any"
        : allowed.stream().map(URI::toString).collect(Collectors.joining(", "));
  }
}
