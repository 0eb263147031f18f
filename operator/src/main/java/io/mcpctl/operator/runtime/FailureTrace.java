package io.mcpctl.operator.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes an unexpected failure without its message: a library's message may quote what it was
 * parsing (a token read from a Secret, an answer from a server), so only exception types and the
 * code locations they passed through are told.
 */
public final class FailureTrace {

  private static final int FRAMES = 6;

  private FailureTrace() {}

  /** The failure's type and, when the operator's own code threw it, where: one clause. */
  public static String sentence(Throwable failure) {
    StackTraceElement[] frames = failure.getStackTrace();
    return failure.getClass().getSimpleName()
        + (frames.length > 0 ? " in " + frames[0].getClassName().replaceAll(".*\\.", "") : "");
  }

  /** The chain of types with their top frames, for the log. */
  public static String of(Throwable failure) {
    List<String> parts = new ArrayList<>();
    for (Throwable cause = failure; cause != null && parts.size() < 5; cause = cause.getCause()) {
      StringBuilder part = new StringBuilder(cause.getClass().getName());
      StackTraceElement[] frames = cause.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        part.append("\n    at ").append(frames[i]);
      }
      parts.add(part.toString());
      if (cause.getCause() == cause) {
        break;
      }
    }
    return String.join("\n  caused by ", parts);
  }
}
