package io.mcpctl.operator;

/** Placeholder entry point; the operator is built in issue 4. */
public final class SecretBackendOperator {
  private SecretBackendOperator() {}

  public static void main(String[] args) {}
}
