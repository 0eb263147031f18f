package io.mcpctl.e2e;

import static io.mcpctl.e2e.PluginE2E.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mcpctl.e2e.PluginE2E.Result;
import io.mcpctl.e2e.support.KrewManifestRules;
import io.mcpctl.e2e.support.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin's release as a user gets it (issue 17, item 4): the Krew manifest the build wrote,
 * checked against Krew's rules and the archive it names, and the archive unpacked into a fresh
 * folder on PATH, run by the real kubectl.
 */
class ReleaseArchiveE2E {

  private static final String LAUNCHER = "kubectl-mcpctl";
  private static final String COMPLETION_SHIM = "kubectl_complete-mcpctl";
  private static final String CLASS_LIST = "kubectl-mcpctl.classlist";
  private static final String CLASS_DATA_ARCHIVE = "kubectl-mcpctl.jsa";
  private static final Set<String> RELEASED_FILES =
      Set.of(LAUNCHER, "kubectl-mcpctl.jar", CLASS_LIST, COMPLETION_SHIM, "LICENSE");

  static Path manifestFile() {
    return PluginE2E.pluginDirectory().resolve("plugins").resolve("mcpctl.yaml");
  }

  static Map<String, Object> manifest() {
    try {
      return new YAMLMapper().readValue(manifestFile().toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + manifestFile(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(Map<String, Object> manifest) {
    return (Map<String, Object>) manifest.get("spec");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> onlyPlatform(Map<String, Object> manifest) {
    List<Object> platforms = (List<Object>) spec(manifest).get("platforms");
    assertThat(platforms).hasSize(1);
    return (Map<String, Object>) platforms.get(0);
  }

  /** The archive the manifest's uri names, as the build left it beside the plugin. */
  static Path releaseArchive() {
    String uri = (String) onlyPlatform(manifest()).get("uri");
    return PluginE2E.pluginDirectory().resolve(uri.substring(uri.lastIndexOf('/') + 1));
  }

  static Set<String> archiveEntries() {
    Result listing = PluginE2E.succeeded(tar("-tzf", releaseArchive().toString()));
    return new TreeSet<>(listing.stdout().lines().toList());
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Result tar(String... arguments) {
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(arguments));
    return run(Path.of("/nonexistent"), Map.of(), null, command.toArray(String[]::new));
  }

  @Nested
  class TheKrewManifest {

    @Test
    void breaksNoKrewRuleForTheArchiveTheBuildWrote() {
      List<String> broken =
          KrewManifestRules.violations(
              manifestFile().getFileName().toString(),
              manifest(),
              archiveEntries(),
              sha256(releaseArchive()));

      assertThat(broken).isEmpty();
    }

    @Test
    void namesThePluginTheProjectVersionAndTheJavaItNeeds() {
      Map<String, Object> spec = spec(manifest());

      assertThat(manifest()).containsEntry("metadata", Map.of("name", "mcpctl"));
      assertThat(releaseArchive().getFileName())
          .hasToString("kubectl-mcpctl-" + ((String) spec.get("version")).substring(1) + ".tar.gz");
      assertThat((String) spec.get("caveats")).contains("Java 17");
      assertThat(onlyPlatform(manifest())).containsEntry("bin", LAUNCHER);
    }

    /** A manifest broken in one way, and what the rules must say about it. */
    record BrokenManifest(String breakage, Consumer<Map<String, Object>> breakIt, String said) {
      @Override
      public String toString() {
        return breakage;
      }
    }

    static Stream<BrokenManifest> brokenManifests() {
      return Stream.of(
          new BrokenManifest(
              "a version without the v",
              manifest -> spec(manifest).put("version", "0.1.0"),
              "is not a semantic version with a leading v"),
          new BrokenManifest(
              "a name other than the file's",
              manifest -> manifest.put("metadata", Map.of("name", "mcp-ctl")),
              "differs from the file name mcpctl.yaml"),
          new BrokenManifest(
              "a short description of 51 characters",
              manifest -> spec(manifest).put("shortDescription", "x".repeat(51)),
              "more than 50"),
          new BrokenManifest(
              "a short description that repeats kubectl",
              manifest -> spec(manifest).put("shortDescription", "kubectl plugin for OpenBao"),
              "repeats kubectl"),
          new BrokenManifest(
              "no platforms",
              manifest -> spec(manifest).put("platforms", List.of()),
              "no platform is specified"),
          new BrokenManifest(
              "a sha256 that is not the archive's",
              manifest -> onlyPlatform(manifest).put("sha256", "0".repeat(64)),
              "is not the archive's"),
          new BrokenManifest(
              "an upper-case sha256",
              manifest ->
                  onlyPlatform(manifest)
                      .put("sha256", sha256(releaseArchive()).toUpperCase(java.util.Locale.ROOT)),
              "is not 64 lower-case hex digits"),
          new BrokenManifest(
              "a bin the archive does not hold",
              manifest -> onlyPlatform(manifest).put("bin", "mcpctl.sh"),
              "bin mcpctl.sh is not among the installed files"),
          new BrokenManifest(
              "files that leave the LICENSE behind",
              manifest ->
                  onlyPlatform(manifest).put("files", List.of(Map.of("from", LAUNCHER, "to", "."))),
              "extracts no LICENSE file"),
          new BrokenManifest(
              "a files entry without to",
              manifest -> {
                List<Object> files = new ArrayList<>((List<?>) onlyPlatform(manifest).get("files"));
                files.replaceAll(
                    entry ->
                        COMPLETION_SHIM.equals(((Map<?, ?>) entry).get("from"))
                            ? Map.of("from", COMPLETION_SHIM)
                            : entry);
                onlyPlatform(manifest).put("files", files);
              },
              "lacks from or to"),
          new BrokenManifest(
              "a platform without a selector",
              manifest -> onlyPlatform(manifest).remove("selector"),
              "has no selector"),
          new BrokenManifest(
              "a selector on a key other than os and arch",
              manifest ->
                  onlyPlatform(manifest)
                      .put("selector", Map.of("matchLabels", Map.of("distro", "debian"))),
              "the selector key distro is neither os nor arch"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("brokenManifests")
    void theRulesRefuseAManifestBrokenInOneWay(BrokenManifest broken) {
      Map<String, Object> manifest = manifest();
      broken.breakIt().accept(manifest);

      List<String> said =
          KrewManifestRules.violations(
              "mcpctl.yaml", manifest, archiveEntries(), sha256(releaseArchive()));

      assertThat(said).singleElement().asString().contains(broken.said());
    }
  }

  @Nested
  class UnpackedIntoAFreshFolder {

    @TempDir Path work;

    private Path unpacked(String folder) throws IOException {
      Path directory = Files.createDirectories(work.resolve(folder));
      PluginE2E.succeeded(tar("-xzf", releaseArchive().toString(), "-C", directory.toString()));
      return directory;
    }

    /** Where the plugin's own first class came from, as the JVM's class-load log says. */
    private static Result versionWithClassLoadLog(Path bin) {
      return run(
          bin,
          Map.of("MCPCTL_JAVA_OPTS", "-Xlog:class+load=info"),
          null,
          "kubectl",
          "mcpctl",
          "version");
    }

    private static String commitOfTheCheckout() {
      Result head =
          run(
              Path.of("/nonexistent"),
              Map.of(),
              null,
              "git",
              "-C",
              Repository.root().toString(),
              "rev-parse",
              "HEAD");
      return head.exitCode() == 0 ? head.stdout().strip() : "unknown";
    }

    @Test
    void holdsTheLauncherTheJarTheClassListTheCompletionShimAndTheLicense() throws IOException {
      Path folder = unpacked("plugin");

      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .containsExactlyInAnyOrderElementsOf(RELEASED_FILES);
      }
      for (String executable : List.of(LAUNCHER, COMPLETION_SHIM)) {
        assertThat(Files.getPosixFilePermissions(folder.resolve(executable)))
            .as(executable)
            .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
      }
      assertThat(Files.readString(folder.resolve("LICENSE")))
          .isEqualTo(Files.readString(Repository.root().resolve("LICENSE")))
          .contains("Apache License", "Version 2.0, January 2004");
    }

    @Test
    void kubectlRunsItAndItsSecondRunStartsFromTheArchiveItsFirstRunMade() throws IOException {
      Path folder = unpacked("plugin");

      Result first = run(folder, Map.of(), null, "kubectl", "mcpctl", "version");
      Result help = run(folder, Map.of(), null, "kubectl", "mcpctl", "--help");
      Result second = versionWithClassLoadLog(folder);

      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.stdout())
          .as("the version and commit the build wrote")
          .startsWith("kubectl-mcpctl ")
          .contains("(commit " + commitOfTheCheckout() + ", API mcpctl.io/v1alpha1");
      assertThat(first.stderr()).as("making the archive says nothing").isEmpty();
      assertThat(folder.resolve(CLASS_DATA_ARCHIVE)).isRegularFile();
      assertThat(help.stdout()).as(help.toString()).startsWith("Usage: kubectl mcpctl");
      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.stdout())
          .as("the plugin's own classes come from the archive, not the jar")
          .contains("io.mcpctl.cli.McpctlCommand source: shared objects file");
    }

    @Test
    void aCopyOfAnInstalledFolderMakesItsOwnArchiveEvenWhereThePathHasASpace() throws IOException {
      Path installed = unpacked("installed");
      run(installed, Map.of(), null, "kubectl", "mcpctl", "version");
      Path copy = Files.createDirectories(work.resolve("copy"));
      try (Stream<Path> files = Files.list(installed)) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }

      Result copied = versionWithClassLoadLog(copy);

      assertThat(copied.exitCode()).as(copied.toString()).isZero();
      assertThat(copied.stdout())
          .as("an archive made for the other folder's jar is made again, then used")
          .contains("io.mcpctl.cli.McpctlCommand source: shared objects file");
    }

    @Test
    void aFolderThePluginMayNotWriteToRunsWithoutAnArchiveAndWithoutAWord() throws IOException {
      Path folder = unpacked("read-only");
      // Root writes anywhere, so as root the plugin runs as nobody, as a user of a shared install.
      boolean root = ((Integer) Files.getAttribute(folder, "unix:uid")) == 0;
      Path setpriv = Path.of("/usr/bin/setpriv");
      if (root) {
        assumeTrue(Files.isExecutable(setpriv), "as root this needs setpriv to run as nobody");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      List<String> command = new ArrayList<>();
      if (root) {
        command.addAll(
            List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"));
      }
      command.addAll(List.of("kubectl", "mcpctl", "version"));

      try {
        Result version =
            run(folder, Map.of("HOME", folder.toString()), null, command.toArray(String[]::new));

        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).startsWith("kubectl-mcpctl ");
        assertThat(version.stderr()).isEmpty();
        assertThat(folder.resolve(CLASS_DATA_ARCHIVE)).doesNotExist();
      } finally {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }
}
