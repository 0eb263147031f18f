package io.mcpctl.e2e.support;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Krew's rules for a plugin manifest and the archive it installs, each answered with a sentence
 * when broken. Read from Krew's own validation (krew {@code internal/index/validation/validate.go}:
 * apiVersion, kind, safe name equal to the file name, one-line short description, semantic version
 * with the required {@code v}, per platform a uri, a 64-hex lower-case sha256, a bin, non-empty
 * {@code files} entries with from and to, a non-empty selector on {@code os} and {@code arch}
 * only), its documentation (developer guide: plugin manifest, naming guide, submitting: the short
 * description is a few words, a description is required, the archive carries a license that the
 * installation extracts) and what {@code kubectl krew install --manifest --archive} checks: the
 * archive's sha256 and that {@code bin} is among the extracted files.
 */
public final class KrewManifestRules {

  public static final String API_VERSION = "krew.googlecontainertools.github.com/v1alpha2";

  /** Krew search shows the short description in a column; its reviewers hold it to about 50. */
  public static final int SHORT_DESCRIPTION_LIMIT = 50;

  private static final Pattern SAFE_NAME = Pattern.compile("[\\w-]+");
  private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Set<String> WINDOWS_RESERVED =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
  // semver.org's pattern, with Krew's required leading v.
  private static final Pattern VERSION =
      Pattern.compile(
          "v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(-((0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?");
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Set<String> SELECTOR_KEYS = Set.of("os", "arch");

  private KrewManifestRules() {}

  /**
   * @param fileName the manifest's file name, e.g. {@code mcpctl.yaml}
   * @param manifest the manifest as parsed YAML
   * @param archiveEntries the file names the archive holds
   * @param archiveSha256 the archive's real sha256
   * @return one sentence per broken rule; empty when Krew would accept the manifest
   */
  public static List<String> violations(
      String fileName,
      Map<String, Object> manifest,
      Set<String> archiveEntries,
      String archiveSha256) {
    List<String> broken = new ArrayList<>();
    if (!API_VERSION.equals(manifest.get("apiVersion"))) {
      broken.add("apiVersion is " + manifest.get("apiVersion") + ", not " + API_VERSION);
    }
    if (!"Plugin".equals(manifest.get("kind"))) {
      broken.add("kind is " + manifest.get("kind") + ", not Plugin");
    }
    String name = text(map(manifest.get("metadata")).get("name"));
    if (!SAFE_NAME.matcher(name).matches()
        || WINDOWS_RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
      broken.add("the name " + name + " is not a safe plugin name");
    }
    if (!KEBAB_CASE.matcher(name).matches() || name.matches("kube(rnetes)?-.*")) {
      broken.add("the name " + name + " is not lower-case kebab-case without a kube- prefix");
    }
    if (!fileName.equals(name + ".yaml")) {
      broken.add("the name " + name + " differs from the file name " + fileName);
    }
    Map<String, Object> spec = map(manifest.get("spec"));
    String version = text(spec.get("version"));
    if (!VERSION.matcher(version).matches()) {
      broken.add("the version " + version + " is not a semantic version with a leading v");
    }
    String shortDescription = text(spec.get("shortDescription"));
    if (shortDescription.isBlank()) {
      broken.add("the short description is missing");
    }
    if (shortDescription.contains("\n") || shortDescription.contains("\r")) {
      broken.add("the short description has a line break");
    }
    if (shortDescription.length() > SHORT_DESCRIPTION_LIMIT) {
      broken.add(
          "the short description has "
              + shortDescription.length()
              + " characters, more than "
              + SHORT_DESCRIPTION_LIMIT);
    }
    if (shortDescription.toLowerCase(Locale.ROOT).contains("kubectl")) {
      broken.add("the short description repeats kubectl");
    }
    if (text(spec.get("description")).isBlank()) {
      broken.add("the description is missing");
    }
    List<Object> platforms = list(spec.get("platforms"));
    if (platforms.isEmpty()) {
      broken.add("no platform is specified");
    }
    for (Object platform : platforms) {
      broken.addAll(platformViolations(map(platform), archiveEntries, archiveSha256));
    }
    return broken;
  }

  private static List<String> platformViolations(
      Map<String, Object> platform, Set<String> archiveEntries, String archiveSha256) {
    List<String> broken = new ArrayList<>();
    String uri = text(platform.get("uri"));
    if (!uri.endsWith(".tar.gz") && !uri.endsWith(".zip")) {
      broken.add("the uri " + uri + " names no .tar.gz or .zip archive");
    }
    String sha256 = text(platform.get("sha256"));
    if (!SHA256.matcher(sha256).matches()) {
      broken.add("the sha256 " + sha256 + " is not 64 lower-case hex digits");
    } else if (!sha256.equals(archiveSha256)) {
      broken.add("the sha256 " + sha256 + " is not the archive's, " + archiveSha256);
    }
    List<String> installed = new ArrayList<>();
    if (platform.containsKey("files")) {
      List<Object> files = list(platform.get("files"));
      if (files.isEmpty()) {
        broken.add("files is given but empty");
      }
      for (Object entry : files) {
        String from = text(map(entry).get("from"));
        String to = text(map(entry).get("to"));
        if (from.isBlank() || to.isBlank()) {
          broken.add("a files entry lacks from or to: " + entry);
          continue;
        }
        List<String> matched = matching(from, archiveEntries);
        if (matched.isEmpty()) {
          broken.add("files takes " + from + ", which the archive does not hold");
        }
        for (String file : matched) {
          installed.add(".".equals(to) || to.endsWith("/") ? baseName(file) : normal(to));
        }
      }
    } else {
      installed.addAll(archiveEntries);
    }
    String bin = normal(text(platform.get("bin")));
    if (bin.isBlank()) {
      broken.add("bin is missing");
    } else if (!installed.contains(bin)) {
      broken.add("bin " + bin + " is not among the installed files " + installed);
    }
    if (installed.stream().noneMatch(file -> baseName(file).startsWith("LICENSE"))) {
      broken.add("the installation extracts no LICENSE file");
    }
    broken.addAll(selectorViolations(platform.get("selector")));
    return broken;
  }

  private static List<String> selectorViolations(Object selectorValue) {
    if (selectorValue == null) {
      return List.of("a platform has no selector");
    }
    Map<String, Object> selector = map(selectorValue);
    List<String> broken = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    if (selector.containsKey("matchLabels")) {
      Map<String, Object> labels = map(selector.get("matchLabels"));
      if (labels.isEmpty()) {
        broken.add("matchLabels is given but empty");
      }
      keys.addAll(labels.keySet());
    }
    if (selector.containsKey("matchExpressions")) {
      List<Object> expressions = list(selector.get("matchExpressions"));
      if (expressions.isEmpty()) {
        broken.add("matchExpressions is given but empty");
      }
      expressions.forEach(expression -> keys.add(text(map(expression).get("key"))));
    }
    if (!selector.containsKey("matchLabels") && !selector.containsKey("matchExpressions")) {
      broken.add("a platform's selector is empty");
    }
    keys.stream()
        .filter(key -> !SELECTOR_KEYS.contains(key))
        .forEach(key -> broken.add("the selector key " + key + " is neither os nor arch"));
    return broken;
  }

  private static List<String> matching(String glob, Set<String> entries) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normal(glob));
    return entries.stream().filter(entry -> matcher.matches(Path.of(entry))).sorted().toList();
  }

  private static String normal(String path) {
    return path.startsWith("./") ? path.substring(2) : path;
  }

  private static String baseName(String path) {
    return Path.of(path).getFileName().toString();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }
}
