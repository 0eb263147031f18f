package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher {@code kubectl-mcpctl} (src/main/dist), run by {@code /bin/sh} with a stand-in
 * {@code java} under {@code JAVA_HOME} that prints the arguments it got, one a line, and "makes" a
 * class-data archive as an empty file when asked to dump one: what the launcher hands the JVM,
 * without starting one.
 */
class LauncherTest {

  private static final String ARCHIVE = "kubectl-mcpctl.jsa";
  private static final String RECORD = "kubectl-mcpctl.jsa.for";
  private static final String USE_ARCHIVE = "-XX:SharedArchiveFile=";
  private static final String NOBODY = "65534";

  private static final String FAKE_JAVA =
      """
      #!/bin/sh
      dump=no
      for arg in "$@"; do
        case $arg in
          -Xshare:dump) dump=yes ;;
          -XX:SharedArchiveFile=*) file=${arg#-XX:SharedArchiveFile=} ;;
        esac
      done
      if [ $dump = yes ]; then
        echo dump >>"$FAKE_JAVA_LOG"
        : >"$file"
        exit 0
      fi
      printf '%s\\n' "$@"
      """;

  @TempDir Path work;

  private Path plugin;
  private Path javaHome;
  private Path dumps;

  @BeforeEach
  void installTheLauncherBesideAJarAndAClassList() throws IOException {
    plugin = Files.createDirectories(work.resolve("plugin"));
    Path launcher = plugin.resolve("kubectl-mcpctl");
    Files.copy(
        KubeFixture.repositoryRoot().resolve("cli-plugin/src/main/dist/kubectl-mcpctl"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(plugin.resolve("kubectl-mcpctl.jar"), "");
    Files.writeString(plugin.resolve("kubectl-mcpctl.classlist"), "");
    javaHome = Files.createDirectories(work.resolve("jdk").resolve("bin")).getParent();
    Path java = Files.writeString(javaHome.resolve("bin/java"), FAKE_JAVA);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    dumps = work.resolve("dumps.log");
  }

  @Test
  void theSecondRunUsesTheArchiveTheFirstRunMade() {
    List<String> first = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");
    List<String> second = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(dumpCount()).isEqualTo(1);
    assertThat(first).contains(USE_ARCHIVE + plugin.resolve(ARCHIVE));
    assertThat(second).contains(USE_ARCHIVE + plugin.resolve(ARCHIVE));
    assertThat(second.subList(second.indexOf("-jar"), second.size()))
        .containsExactly("-jar", plugin.resolve("kubectl-mcpctl.jar").toString(), "x");
  }

  @Test
  void aCdpathThatFindsThePluginsFolderChangesNothing() {
    List<String> args =
        launch(work, Map.of("CDPATH", work.toString()), "plugin/kubectl-mcpctl", "version");

    assertThat(args.subList(args.indexOf("-jar"), args.size()))
        .containsExactly("-jar", plugin.resolve("kubectl-mcpctl.jar").toString(), "version");
  }

  @Test
  void theCompletionShimFindsTheLauncherWhateverCdpathSays() throws IOException {
    Path shim = plugin.resolve("kubectl_complete-mcpctl");
    Files.copy(
        KubeFixture.repositoryRoot().resolve("cli-plugin/src/main/dist/kubectl_complete-mcpctl"),
        shim);
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));

    List<String> args =
        launch(work, Map.of("CDPATH", work.toString()), "plugin/kubectl_complete-mcpctl", "de");

    assertThat(args.subList(args.indexOf("-jar"), args.size()))
        .containsExactly(
            "-jar", plugin.resolve("kubectl-mcpctl.jar").toString(), "__complete", "--", "de");
  }

  @Test
  void aFileNamePatternInTheJavaOptionsIsPassedAsWritten() throws IOException {
    Files.writeString(work.resolve("-Dmcpctl.x=matched"), "");

    List<String> args =
        launch(
            work,
            Map.of("MCPCTL_JAVA_OPTS", "-Dmcpctl.x=*  -Dmcpctl.y=1"),
            plugin.resolve("kubectl-mcpctl").toString(),
            "version");

    assertThat(args).contains("-Dmcpctl.x=*", "-Dmcpctl.y=1").doesNotContain("-Dmcpctl.x=matched");
  }

  @Test
  void anArchiveOthersMayWriteIsNotUsed() throws IOException {
    launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    Files.setPosixFilePermissions(
        plugin.resolve(ARCHIVE), PosixFilePermissions.fromString("rw-rw-r--"));
    List<String> groupWritable =
        launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");
    Files.setPosixFilePermissions(
        plugin.resolve(ARCHIVE), PosixFilePermissions.fromString("rw-r--rw-"));
    List<String> otherWritable =
        launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(groupWritable).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
    assertThat(otherWritable).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
  }

  @Test
  void anArchiveThatIsASymlinkIsNotUsed() throws IOException {
    launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");
    Path elsewhere = Files.move(plugin.resolve(ARCHIVE), work.resolve("planted.jsa"));
    Files.createSymbolicLink(plugin.resolve(ARCHIVE), elsewhere);

    List<String> args = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(args).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
  }

  @Test
  void aRecordOthersMayWriteInAFolderNotOursIsNeitherTrustedNorRemade() throws IOException {
    launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");
    Files.setPosixFilePermissions(
        plugin.resolve(RECORD), PosixFilePermissions.fromString("rw-rw-rw-"));
    notOurs(plugin);

    List<String> args = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(args).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
    assertThat(dumpCount()).as("made once, by the first run").isEqualTo(1);
  }

  @Test
  void noArchiveIsMadeInAFolderOfOursThatOthersMayWriteSoNoPlantedLinkIsFollowed()
      throws IOException {
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path victim = Files.writeString(work.resolve("victim"), "mine");
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-rw-rw-"));
    var permissionsBefore = Files.getPosixFilePermissions(victim);
    // Links under every name the launcher could write to, as someone else could plant them.
    for (String name : List.of(ARCHIVE, RECORD)) {
      Files.createSymbolicLink(plugin.resolve(name), victim);
    }

    List<String> args = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(args).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
    assertThat(dumpCount()).isZero();
    assertThat(victim).hasContent("mine");
    assertThat(Files.getPosixFilePermissions(victim)).isEqualTo(permissionsBefore);
  }

  @Test
  void anArchiveAndRecordAnotherUserPutInAFolderAnyoneMayWriteAreNotUsed() throws IOException {
    assumeRoot();
    launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");
    chown(plugin.resolve(ARCHIVE), NOBODY);
    chown(plugin.resolve(RECORD), NOBODY);
    chown(plugin, NOBODY);
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxrwxrwx"));

    List<String> args = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(args).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
    assertThat(dumpCount()).as("not made again in a folder of another user").isEqualTo(1);
  }

  @Test
  void aSharedInstallInAFolderOnlyItsOwnerMayWriteKeepsItsArchive() throws IOException {
    assumeRoot(); // the install's owner is another user; we only read it
    launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");
    chown(plugin.resolve(ARCHIVE), NOBODY);
    chown(plugin.resolve(RECORD), NOBODY);
    chown(plugin, NOBODY);

    List<String> args = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(args)
        .as("whoever could put the archive there could replace the jar as well")
        .anyMatch(arg -> arg.startsWith(USE_ARCHIVE));
    assertThat(dumpCount()).isEqualTo(1);
  }

  @Test
  void noArchiveIsMadeInAFolderOfAnotherUserEvenWhereWeMayWrite() throws IOException {
    assumeRoot(); // root may write anywhere: the folder's owner alone decides
    chown(plugin, NOBODY);

    List<String> args = launch(work, Map.of(), plugin.resolve("kubectl-mcpctl").toString(), "x");

    assertThat(args).noneMatch(arg -> arg.startsWith(USE_ARCHIVE));
    assertThat(dumpCount()).isZero();
    assertThat(plugin.resolve(ARCHIVE)).doesNotExist();
    assertThat(plugin.resolve(RECORD)).doesNotExist();
  }

  /** The arguments the stand-in java got, one per element; fails unless the launcher exited 0. */
  private List<String> launch(Path directory, Map<String, String> environment, String... command) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Map<String, String> variables = builder.environment();
      variables.remove("MCPCTL_JAVA_OPTS");
      variables.remove("CDPATH");
      variables.put("JAVA_HOME", javaHome.toString());
      variables.put("FAKE_JAVA_LOG", dumps.toString());
      variables.putAll(environment);
      Process process = builder.start();
      byte[] stdout = process.getInputStream().readAllBytes();
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(stderr).isZero();
      assertThat(stderr).isEmpty();
      return new String(stdout, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long dumpCount() {
    try {
      return Files.exists(dumps) ? Files.readAllLines(dumps).size() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder is another user's (as root) or at least not writable by us (as anyone else). */
  private void notOurs(Path folder) throws IOException {
    if (isRoot()) {
      chown(folder, NOBODY);
    } else {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }

  @AfterEach
  void letTheTemporaryFolderBeRemoved() throws IOException {
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void chown(Path file, String uid) throws IOException {
    List<String> command = new ArrayList<>(List.of("chown", "-h", uid, file.toString()));
    try {
      Process chown = new ProcessBuilder(command).inheritIO().start();
      assertThat(chown.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(chown.exitValue()).as(String.join(" ", command)).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(work, "unix:uid")) == 0;
  }

  private void assumeRoot() throws IOException {
    assumeTrue(isRoot(), "changing a file's owner needs root");
  }
}
