package io.mcpctl.cli.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One finding of {@code kubectl mcpctl check}: what was checked, and either that it is fine, a
 * problem (with what to do in the same sentence) or a note on what could not be checked.
 */
record CheckResult(String subject, Status status, String message) {

  enum Status {
    OK,
    PROBLEM,
    NOTE;

    @JsonValue
    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static CheckResult ok(String subject, String message) {
    return new CheckResult(subject, Status.OK, message);
  }

  static CheckResult problem(String subject, String message) {
    return new CheckResult(subject, Status.PROBLEM, message);
  }

  static CheckResult note(String subject, String message) {
    return new CheckResult(subject, Status.NOTE, message);
  }

  @JsonIgnore
  boolean isProblem() {
    return status == Status.PROBLEM;
  }
}
