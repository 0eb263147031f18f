package io.mcpctl.sandbox.demo;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's first rule, checked on this very run: no token or secret value in what the demo
 * showed or in the sandbox's logs. Looks for the root token, the tokens the token Secret holds now,
 * the MCP secrets' values, and anything shaped like an OpenBao token (which covers the tokens
 * minted and revoked on the way).
 */
final class NoSecretShown implements Step {

  /** OpenBao's token forms: service, batch and recovery, old style and new. */
  static final Pattern TOKEN_SHAPED =
      Pattern.compile("\\b(?:s|b|r|hvs|hvb|hvr)\\.[A-Za-z0-9]{20,}");

  @Override
  public String title() {
    return "Check that no token or secret value was shown or logged";
  }

  @Override
  public void run(DemoRun run) {
    List<String> secrets = new ArrayList<>();
    secrets.add(read(run.directory().adminToken()).strip());
    secrets.addAll(tokensIn(run));
    secrets.addAll(mcpSecretValues(run));
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("the output above", run.transcript().shown());
    texts.put(run.directory().log().toString(), read(run.directory().log()));
    texts.put(run.directory().operatorLog().toString(), read(run.directory().operatorLog()));
    texts.forEach(
        (where, text) -> {
          if (secrets.stream().anyMatch(text::contains)) {
            throw new StepFailed(where + " contains a token or secret value.");
          }
          if (TOKEN_SHAPED.matcher(text).find()) {
            throw new StepFailed(where + " contains something shaped like an OpenBao token.");
          }
        });
    run.transcript()
        .note(
            "searched the output above and both logs for the root token, the tokens in Secret "
                + DemoRun.TOKEN_SECRET
                + ", the MCP secrets' values and anything token-shaped: none found");
  }

  private static List<String> tokensIn(DemoRun run) {
    Secret secret =
        run.backend()
            .client()
            .secrets()
            .inNamespace(DemoRun.NAMESPACE)
            .withName(DemoRun.TOKEN_SECRET)
            .get();
    if (secret == null || secret.getData() == null || secret.getData().isEmpty()) {
      throw new StepFailed("Secret " + DemoRun.TOKEN_SECRET + " holds no token to look for.");
    }
    return secret.getData().entrySet().stream()
        .filter(entry -> entry.getKey().endsWith("token"))
        .map(
            entry ->
                new String(Base64.getDecoder().decode(entry.getValue()), StandardCharsets.UTF_8))
        .toList();
  }

  private static List<String> mcpSecretValues(DemoRun run) {
    try (Stream<Path> files = Files.list(run.mcpSecretValues())) {
      return files.map(file -> read(file).strip()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + run.mcpSecretValues(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }
}
