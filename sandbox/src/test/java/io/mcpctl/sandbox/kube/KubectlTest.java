package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlTest {

  @Test
  void aMissingKubectlFailsWithAnInstruction(@TempDir Path empty) {
    assertThatThrownBy(() -> Kubectl.against(empty.resolve("kubeconfig"), empty.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kubectl was not found on the PATH; install kubectl");
  }

  @Test
  void theFirstExecutableKubectlOnThePathIsUsed(@TempDir Path dir) throws IOException {
    Path notExecutable = Files.createDirectories(dir.resolve("a")).resolve("kubectl");
    Files.writeString(notExecutable, "");
    Path executable = Files.createDirectories(dir.resolve("b")).resolve("kubectl");
    Files.writeString(executable, "#!/bin/sh\n");
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));

    assertThat(Kubectl.find(dir.resolve("a") + File.pathSeparator + dir.resolve("b")))
        .contains(executable);
  }
}
