package io.mcpctl.sandbox.demo;

/** A step did not do what it should; the message says what was seen instead. */
final class StepFailed extends RuntimeException {

  StepFailed(String message) {
    super(message, null, false, false);
  }
}
