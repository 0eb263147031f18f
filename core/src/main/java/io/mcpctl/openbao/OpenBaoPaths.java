package io.mcpctl.openbao;

import io.mcpctl.text.Sentences;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation and URL encoding of the names that end up in OpenBao paths (mounts, prefixes, secret
 * paths, role and policy names). Every failure is an {@link IllegalArgumentException} whose message
 * says what is wrong and what to pass instead.
 */
public final class OpenBaoPaths {

  private static final Pattern ROLE_NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");
  private static final Pattern POLICY_NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]*[a-z0-9])?");
  private static final Pattern KUBERNETES_NAMESPACE =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** sys APIs OpenBao serves only in the root namespace; they must not carry a namespace. */
  private static final Set<String> ROOT_ONLY_SYS_APIS =
      Set.of(
          "sys/health",
          "sys/seal-status",
          "sys/init",
          "sys/seal",
          "sys/unseal",
          "sys/step-down",
          "sys/generate-root",
          "sys/generate-recovery-token",
          "sys/rekey",
          "sys/rekey-recovery-key",
          "sys/storage",
          "sys/metrics",
          "sys/pprof",
          "sys/raw",
          "sys/in-flight-req",
          "sys/host-info",
          "sys/key-status",
          "sys/rotate");

  private OpenBaoPaths() {}

  /**
   * Checks a mount path such as {@code secret} or {@code teams/kv}.
   *
   * @return the mount unchanged
   */
  public static String requireMount(String mount) {
    return requireRelativePath(mount, "KV mount", "such as secret", true);
  }

  /** Checks a path prefix under a mount, such as {@code mcpctl}; same rules as a mount. */
  public static String requirePathPrefix(String prefix) {
    return requireRelativePath(prefix, "path prefix", "such as mcpctl", true);
  }

  /**
   * The folder one Kubernetes namespace's MCP secrets live in under a mount: {@code
   * <pathPrefix>/<namespace>}. The narrow policy grants exactly this folder, so no namespace's
   * token reaches another's secrets.
   *
   * @throws IllegalArgumentException for a bad prefix or a namespace that is not a DNS label
   */
  public static String namespaceFolder(String pathPrefix, String namespace) {
    requirePathPrefix(pathPrefix);
    if (namespace == null || !KUBERNETES_NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "The namespace '"
              + (namespace == null ? "" : namespace.replaceAll("\\p{Cntrl}", "?"))
              + "' is not a Kubernetes namespace name; pass one such as team-a.");
    }
    return pathPrefix + "/" + namespace;
  }

  /**
   * Checks a secret path under a mount, such as {@code mcpctl/team-a/github}; any character but
   * control characters is allowed inside a segment (it is URL-encoded on the wire).
   */
  public static String requireSecretPath(String path) {
    return requireRelativePath(path, "secret path", "such as mcpctl/team-a/github", false);
  }

  /**
   * Checks a single name that becomes one path segment (a policy or role name as OpenBao may hold
   * it): not blank, no slash, no control characters. The stricter rules for names this project
   * creates are {@link #requirePolicyName} and {@link #requireRoleName}.
   */
  public static String requireName(String name, String what) {
    if (name == null
        || name.isBlank()
        || name.contains("/")
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " name '"
              + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
              + "' is not valid; pass a non-empty name without slashes.");
    }
    return name;
  }

  /** Whether {@code name} matches OpenBao's token role pattern {@code \w(([\w-.]+)?\w)?}. */
  public static boolean isRoleName(String name) {
    return name != null && ROLE_NAME.matcher(name).matches();
  }

  /** Checks a token role name against OpenBao's pattern {@code \w(([\w-.]+)?\w)?}. */
  public static String requireRoleName(String name) {
    if (!isRoleName(name)) {
      throw new IllegalArgumentException(
          "Token role name '"
              + (name == null ? "" : Sentences.oneLine(name, 100))
              + "' is not valid; use letters, digits, '_', '-' and '.', starting and ending with"
              + " a letter or digit.");
    }
    return name;
  }

  /**
   * Checks an ACL policy name. OpenBao lower-cases names, so upper case is refused here rather than
   * silently stored under another name.
   */
  public static String requirePolicyName(String name) {
    if (name == null || !POLICY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Policy name '"
              + name
              + "' is not valid; use lower-case letters, digits, '.', '_' and '-', starting and"
              + " ending with a letter or digit.");
    }
    return name;
  }

  /**
   * URL-encodes each segment of a slash-separated path (a space becomes {@code %20}, a {@code %}
   * becomes {@code %25}); the slashes stay.
   */
  public static String encodePath(String path) {
    StringBuilder encoded = new StringBuilder();
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        encoded.append('/');
      }
      encoded.append(encodeSegment(segments[i]));
    }
    return encoded.toString();
  }

  /** URL-encodes one path segment (a slash inside it is encoded too). */
  public static String encodeSegment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** True when the {@code X-Vault-Namespace} header must not be sent with this API path. */
  static boolean isRootOnlySysApi(String path) {
    String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (String api : ROOT_ONLY_SYS_APIS) {
      if (withoutQuery.equals(api) || withoutQuery.startsWith(api + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String requireRelativePath(
      String path, String what, String example, boolean usedInPolicies) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("The " + what + " is empty; pass one " + example + ".");
    }
    if (path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " '"
              + path
              + "' starts or ends with '/'; pass it without leading or trailing slashes, "
              + example
              + ".");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "The "
                + what
                + " '"
                + path
                + "' has an empty, '.' or '..' segment; separate names with single slashes, "
                + example
                + ".");
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean policySyntax = c == '*' || c == '+' || c == '"' || Character.isWhitespace(c);
        if (Character.isISOControl(c) || usedInPolicies && policySyntax) {
          throw new IllegalArgumentException(
              "The "
                  + what
                  + " '"
                  + path.replaceAll("\\p{Cntrl}", "?")
                  + (Character.isISOControl(c)
                      ? "' contains a control character; use plain names "
                      : "' contains whitespace, '*', '+' or '\"', which OpenBao policies treat"
                          + " specially; use plain names ")
                  + example
                  + ".");
        }
      }
    }
    return path;
  }
}
