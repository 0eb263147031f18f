package io.mcpctl.bench;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks for token values in what the run wrote (operator logs, the results): every token the fleet
 * minted and every token the Secrets hold at the end, plus anything shaped like a token.
 */
final class LeakScan {

  private static final Pattern TOKEN_SHAPED =
      Pattern.compile("\\b(?:s|b|r|hvs|hvb|hvr)\\.[A-Za-z0-9]{20,}");

  private LeakScan() {}

  /** Token values held by the Secrets of these namespaces, under any key. */
  static Set<String> secretTokens(KubernetesClient client, List<String> namespaces) {
    Set<String> tokens = new HashSet<>();
    for (String namespace : namespaces) {
      for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
        if (secret.getData() != null) {
          secret
              .getData()
              .values()
              .forEach(
                  value ->
                      tokens.add(
                          new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
      }
    }
    tokens.removeIf(value -> !TOKEN_SHAPED.matcher(value).matches());
    return tokens;
  }

  /**
   * What the files give away.
   *
   * @param knownTokens how many of the known token values appear in them
   * @param tokenShaped how many strings shaped like a token they hold, known or not
   */
  record Findings(int knownTokens, int tokenShaped) {
    boolean clean() {
      return knownTokens == 0 && tokenShaped == 0;
    }
  }

  static Findings scan(List<Path> files, Set<String> knownTokens) {
    Set<String> leaked = new HashSet<>();
    int shaped = 0;
    for (Path file : files) {
      String text = read(file);
      Matcher matcher = TOKEN_SHAPED.matcher(text);
      while (matcher.find()) {
        shaped++;
      }
      knownTokens.stream().filter(text::contains).forEach(leaked::add);
    }
    return new Findings(leaked.size(), shaped);
  }

  static List<Path> logsIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not list " + directory, failure);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not read " + file, failure);
    }
  }
}
