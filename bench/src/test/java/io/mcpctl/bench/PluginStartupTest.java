package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginStartupTest {

  @Test
  void aBeforeFolderWithoutLauncherAndJarIsRefusedInOneSentence(@TempDir Path folder)
      throws IOException {
    assertThatThrownBy(() -> PluginStartup.requireLauncher(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--plugin-before "
                + folder
                + " holds no kubectl-mcpctl launcher and jar; pass the folder of another build's"
                + " launcher, jar and class list.");

    Path launcher = Files.writeString(folder.resolve("kubectl-mcpctl"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> PluginStartup.requireLauncher(folder))
        .as("a launcher without its jar")
        .isInstanceOf(IllegalArgumentException.class);

    Files.write(folder.resolve("kubectl-mcpctl.jar"), new byte[] {0});
    assertThat(PluginStartup.requireLauncher(folder)).isEqualTo(folder);
  }
}
