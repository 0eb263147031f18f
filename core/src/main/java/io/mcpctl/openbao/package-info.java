/**
 * The OpenBao HTTP client (java.net.http + Jackson).
 *
 * <p>Start with {@link io.mcpctl.openbao.OpenBaoClient#connect(OpenBaoConnection)}, then {@link
 * io.mcpctl.openbao.OpenBaoClient#withToken(VaultToken)}; KV v2 through {@link
 * io.mcpctl.openbao.OpenBaoClient#kv(String)}. Failures are {@link
 * io.mcpctl.openbao.OpenBaoException} subtypes: {@link io.mcpctl.openbao.TokenRejectedException}
 * (bad, expired or revoked token), {@link io.mcpctl.openbao.PermissionDeniedException} (ACL),
 * {@link io.mcpctl.openbao.NotFoundException}, {@link io.mcpctl.openbao.SealedException}, {@link
 * io.mcpctl.openbao.RateLimitedException}, {@link io.mcpctl.openbao.UnreachableException}, {@link
 * io.mcpctl.openbao.TlsFailureException}, {@link io.mcpctl.openbao.BadRequestException}, {@link
 * io.mcpctl.openbao.ServerErrorException} and {@link
 * io.mcpctl.openbao.UnexpectedResponseException}. Tokens are {@link io.mcpctl.openbao.VaultToken}s,
 * printed masked everywhere.
 */
package io.mcpctl.openbao;
