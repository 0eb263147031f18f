package io.mcpctl.cli.common;

import io.mcpctl.openbao.TokenShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files a flag names; errors name the flag and the file, never the content. */
public final class InputFiles {

  /** The longest name without a folder that is shown: longer ones look more like a secret. */
  private static final int SHORT_NAME = 40;

  private InputFiles() {}

  /**
   * The name of a file that does not exist, as the message shows it: a token or a password passed
   * where its file's path belongs (the flag ends in -file) is not repeated.
   */
  private static String shown(Path file) {
    String name = file.toString();
    if (TokenShape.appearsIn(name) || !name.contains("/") && name.length() > SHORT_NAME) {
      return "(" + name.length() + " characters, not shown in case it is the secret itself) ";
    }
    return name + " ";
  }

  public static String read(String flag, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException(
          "The file "
              + shown(file)
              + "given to "
              + flag
              + " does not exist; pass the path of an existing file.");
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
