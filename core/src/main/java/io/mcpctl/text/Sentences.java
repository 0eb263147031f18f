package io.mcpctl.text;

/** Joins one-sentence messages into another sentence. */
public final class Sentences {

  private Sentences() {}

  /** {@code message} stripped, without its final period, to embed it in a longer sentence. */
  public static String withoutFinalPeriod(String message) {
    String trimmed = message == null ? "" : message.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
