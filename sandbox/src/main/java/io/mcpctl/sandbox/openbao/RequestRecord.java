package io.mcpctl.sandbox.openbao;

import java.time.Instant;
import java.util.Optional;

/**
 * One request the stand-in answered. Carries no token: only whether one was presented.
 *
 * @param time the stand-in clock's time when it arrived
 * @param method the HTTP method, e.g. {@code LIST}
 * @param path the URL path, e.g. {@code /v1/secret/data/x}, with anything shaped like a token
 *     replaced by {@code <redacted>}
 * @param status the status answered; 0 when the connection was dropped
 * @param namespace the {@code X-Vault-Namespace} header, if sent
 * @param tokenPresented whether {@code X-Vault-Token} or {@code Authorization} was sent
 */
public record RequestRecord(
    Instant time,
    String method,
    String path,
    int status,
    Optional<String> namespace,
    boolean tokenPresented) {}
