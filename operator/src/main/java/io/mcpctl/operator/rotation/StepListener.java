package io.mcpctl.operator.rotation;

/** Told after each step completes; the crash tests stop the rotation here. */
@FunctionalInterface
public interface StepListener {

  StepListener NONE = step -> {};

  void completed(RotationStep step);
}
