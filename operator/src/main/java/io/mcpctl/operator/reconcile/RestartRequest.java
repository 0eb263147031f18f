package io.mcpctl.operator.reconcile;

import io.mcpctl.consumer.Workload;
import java.time.Instant;

/**
 * One rolling restart to send after a switch.
 *
 * @param namespace the namespace of the backend, its token Secret and the workload
 * @param secret the token Secret that the workload's pod template must read
 * @param tokenKey the key of that Secret which holds the token
 * @param backend the SecretBackend whose switch it follows, named in the workload's event
 * @param switchedAt the switch, written as the pod template's {@code restartedAt}
 */
public record RestartRequest(
    String namespace,
    Workload workload,
    String secret,
    String tokenKey,
    String backend,
    Instant switchedAt) {}
