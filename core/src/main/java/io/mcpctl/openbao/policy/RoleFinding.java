package io.mcpctl.openbao.policy;

/**
 * One unsafe setting of a token role.
 *
 * @param setting the OpenBao parameter name, e.g. {@code orphan} or {@code token_period}
 * @param message one sentence naming the setting, why it is unsafe and what to set instead
 */
public record RoleFinding(String setting, String message) {}
