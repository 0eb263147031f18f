package io.mcpctl.cli.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files a flag names; errors name the flag and the file, never the content. */
public final class InputFiles {

  private InputFiles() {}

  public static String read(String flag, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException(
          "The file " + file + " given to " + flag + " does not exist; pass an existing file.");
    } catch (IOException e) {
      throw new CliException(
          "Could not read "
              + file
              + " given to "
              + flag
              + " ("
              + e.getClass().getSimpleName()
              + "); check that it is a readable text file.");
    }
  }
}
