/**
 * The narrow ACL policy and rotation role of design §6 ({@link
 * io.mcpctl.openbao.policy.NarrowPolicy}, {@link io.mcpctl.openbao.policy.RotatorRole}) and the
 * check of an existing role ({@link io.mcpctl.openbao.policy.RoleCheck}). Pure functions.
 */
package io.mcpctl.openbao.policy;
