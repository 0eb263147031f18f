package io.mcpctl.operator.testing;

import io.mcpctl.operator.rotation.TokenSecret;
import io.mcpctl.operator.rotation.TokenSecretStore;
import io.mcpctl.sandbox.openbao.TokenSnapshot;
import io.mcpctl.tokensecret.PreviousSlot;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The design §5 invariants, read from the stand-in's token store (no HTTP, so injected faults
 * cannot disturb the check) and the Secret: its token is live, and every live token the backend's
 * role minted is in the Secret.
 */
public final class TokenLedger {

  private final OpenBaoFixture bao;
  private final TokenSecretStore secrets;
  private final String namespace;
  private final String backend;

  public TokenLedger(
      OpenBaoFixture bao, TokenSecretStore secrets, String namespace, String backend) {
    this.bao = bao;
    this.secrets = secrets;
    this.namespace = namespace;
    this.backend = backend;
  }

  public TokenSecret secret() {
    return secrets.read(namespace, backend + "-token").orElseThrow();
  }

  /** Whether the token consumers read from the Secret is live. */
  public boolean secretTokenWorks() {
    return secret().value("accessor").flatMap(bao.standIn()::tokenByAccessor).isPresent();
  }

  /** Live tokens of the backend's role that the Secret does not hold: nobody can revoke them. */
  public Set<String> orphans() {
    TokenSecret secret = secret();
    Set<String> held =
        Stream.concat(
                Stream.of("accessor", "next-accessor"),
                PreviousSlot.all().stream().map(PreviousSlot::accessorKey))
            .map(secret::value)
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    Set<String> live = liveAccessors();
    live.removeAll(held);
    return live;
  }

  public Set<String> liveAccessors() {
    return bao.liveTokensOf(backend).stream()
        .map(TokenSnapshot::accessor)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Rotation finished: nothing staged or in any previous slot, and the Secret's token is live. Live
   * tokens the Secret does not hold are {@link #orphans()}, checked on their own.
   */
  public boolean settled() {
    TokenSecret secret = secret();
    return secret.value("next-token").isEmpty()
        && PreviousSlot.all().stream().allMatch(slot -> secret.value(slot.tokenKey()).isEmpty())
        && secretTokenWorks();
  }
}
