package io.mcpctl.cli.secret;

import io.mcpctl.cli.common.CliException;
import io.mcpctl.secrets.SecretNames;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where {@code create secret} takes its keys and values from, as {@code kubectl create secret
 * generic} does. Errors name flags, files, line numbers and the valid keys typed on the command
 * line, never a value, an invalid {@code --from-literal} key nor anything read from a file: an
 * argument without {@code =} might be a value typed in the wrong place, the text before the '=' of
 * a base64 value is most of it, and a file given by mistake might hold a token.
 */
public final class SecretSources {

  @Option(
      names = "--from-literal",
      paramLabel = "KEY=VALUE",
      description = "A key and its value (repeatable). The value lands in your shell history.")
  List<String> literals;

  @Option(
      names = "--from-file",
      paramLabel = "[KEY=]PATH",
      description =
          "A key whose value is the file's bytes (repeatable); the key defaults to the"
              + " file name.")
  List<String> files;

  @Option(
      names = "--from-env-file",
      paramLabel = "PATH",
      description = "A file of KEY=VALUE lines ('#' comments and blank lines skipped; repeatable).")
  List<Path> envFiles;

  /**
   * Every key and value given, in one map.
   *
   * @throws ParameterException for malformed flags, invalid or repeated keys on the command line,
   *     or no source at all
   * @throws CliException for a file that cannot be read, or an env file line without a valid or
   *     with a repeated key
   */
  public Map<String, byte[]> collect(CommandSpec spec) {
    Map<String, byte[]> data = new TreeMap<>();
    for (int number = 1; number <= orEmpty(literals).size(); number++) {
      String literal = literals.get(number - 1);
      int equals = literal.indexOf('=');
      if (equals < 0) {
        throw usage(
            spec,
            "--from-literal takes KEY=VALUE, and one of them has no '='; write it as"
                + " --from-literal key=value");
      }
      addLiteral(
          spec, data, literal.substring(0, equals), utf8(literal.substring(equals + 1)), number);
    }
    for (String file : orEmpty(files)) {
      int equals = file.indexOf('=');
      Path path = Path.of(equals < 0 ? file : file.substring(equals + 1));
      String key =
          equals < 0
              ? (path.getFileName() == null ? "" : path.getFileName().toString())
              : file.substring(0, equals);
      addFile(spec, data, key, bytes(path));
    }
    for (Path envFile : orEmpty(envFiles)) {
      readEnvFile(envFile, data);
    }
    if (data.isEmpty()) {
      throw usage(
          spec, "Give the secret's keys with --from-literal, --from-file or --from-env-file");
    }
    return data;
  }

  private static void readEnvFile(Path file, Map<String, byte[]> data) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException notText) {
      throw new CliException(
          "The file "
              + file
              + " given to --from-env-file is not UTF-8 text; pass binary values with"
              + " --from-file KEY=PATH.");
    } catch (IOException e) {
      throw unreadable("--from-env-file", file, e);
    }
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      line = line.stripLeading();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new CliException(
            "Line "
                + number
                + " of "
                + file
                + " has no '='; write each line of an env file as KEY=VALUE.");
      }
      addFromEnvFile(
          data, line.substring(0, equals), utf8(line.substring(equals + 1)), file, number);
    }
  }

  /**
   * Adds one line of an env file. Its errors name the line, never the key: a file passed by mistake
   * (a token, a base64 Secret value with '=' padding) has its secret where the key should be.
   */
  private static void addFromEnvFile(
      Map<String, byte[]> data, String key, byte[] value, Path file, int number) {
    try {
      SecretNames.requireKey(key);
    } catch (IllegalArgumentException invalid) {
      throw new CliException(
          "Line "
              + number
              + " of "
              + file
              + " has no valid key before its '='; write each line as KEY=VALUE with a key of"
              + " letters, digits, '-', '_' and '.'.");
    }
    if (data.putIfAbsent(key, value) != null) {
      throw new CliException(
          "Line " + number + " of " + file + " repeats a key given before; give each key once.");
    }
  }

  /**
   * Adds the {@code number}th {@code --from-literal}. An invalid key is not quoted, as in an env
   * file: a value typed without its key (a token, a base64 value with '=' padding) has its secret
   * where the key should be.
   */
  private static void addLiteral(
      CommandSpec spec, Map<String, byte[]> data, String key, byte[] value, int number) {
    try {
      SecretNames.requireKey(key);
    } catch (IllegalArgumentException invalid) {
      throw usage(
          spec,
          "--from-literal number "
              + number
              + " has no valid key before its '='; write it as --from-literal KEY=VALUE with a"
              + " key of letters, digits, '-', '_' and '.'");
    }
    addOnce(spec, data, key, value);
  }

  /** Adds a {@code --from-file}, whose key is typed before its '=' or is the file's name. */
  private static void addFile(
      CommandSpec spec, Map<String, byte[]> data, String key, byte[] value) {
    try {
      SecretNames.requireKey(key);
    } catch (IllegalArgumentException invalid) {
      throw usage(spec, invalid.getMessage().replaceFirst("\\.$", "") + " (from --from-file)");
    }
    addOnce(spec, data, key, value);
  }

  private static void addOnce(
      CommandSpec spec, Map<String, byte[]> data, String key, byte[] value) {
    if (data.putIfAbsent(key, value) != null) {
      throw usage(spec, "The key '" + key + "' is given twice; give each key once");
    }
  }

  private static byte[] bytes(Path file) {
    if (Files.isDirectory(file)) {
      throw new CliException(
          "The path " + file + " given to --from-file is a directory; pass one file per key.");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable("--from-file", file, e);
    }
  }

  private static CliException unreadable(String flag, Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new CliException(
          "The file " + file + " given to " + flag + " does not exist; pass an existing file.");
    }
    return new CliException(
        "Could not read "
            + file
            + " given to "
            + flag
            + " ("
            + e.getClass().getSimpleName()
            + "); check that it is a readable file.");
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
