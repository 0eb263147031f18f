package io.mcpctl.sandbox;

/** Placeholder entry point; the launcher is built in issue 2. */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) {}
}
