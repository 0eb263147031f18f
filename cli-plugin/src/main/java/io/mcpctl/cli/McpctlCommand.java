package io.mcpctl.cli;

/** Placeholder entry point; the plugin is built in issue 5. */
public final class McpctlCommand {
  private McpctlCommand() {}

  public static void main(String[] args) {}
}
