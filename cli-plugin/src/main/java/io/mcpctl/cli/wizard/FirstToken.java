package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.CliException;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.StandbyCatchUp;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The backend's first token: the working one its Secret already holds (a re-run keeps it), or a new
 * one minted through the role. A minted token is verified end to end and revoked if anything after
 * the mint fails, so every token minted is either stored or revoked.
 */
final class FirstToken {

  private final OpenBaoClient admin;
  private final NarrowAccess access;
  private final String backendLabel;
  private VaultToken token;
  private String accessor;
  private boolean minted;
  private Duration grantedPeriod;

  FirstToken(OpenBaoClient admin, NarrowAccess access, String backendLabel) {
    this.admin = admin;
    this.access = access;
    this.backendLabel = backendLabel;
  }

  /**
   * The warning for a minted token whose period OpenBao capped below the role's (a lower
   * max_lease_ttl); empty for a full period or a kept token.
   */
  Optional<String> periodShortfall() {
    return Optional.ofNullable(grantedPeriod).flatMap(RotatorRole::periodShortfall);
  }

  /** Step 6: keep a token that already fits, else mint one through the role. */
  String obtain(Optional<VaultToken> current) {
    Optional<TokenInfo> fitting = current.flatMap(this::lookUpIfFitting);
    if (fitting.isPresent()) {
      token = current.get();
      return "kept the working token already in the Secret (expires "
          + Optional.ofNullable(fitting.get().expireTime()).map(Rfc3339::format).orElse("never")
          + ")";
    }
    // Step 5 has just written the role: the client waits out a standby that has not received it.
    IssuedToken issued =
        admin.createToken(
            TokenCreateRequest.builder()
                .role(access.roleName())
                .displayName("mcpctl-" + backendLabel.replace('/', '-'))
                .meta(Map.of("mcpctl-backend", backendLabel))
                .build());
    token = issued.clientToken();
    accessor = issued.accessor();
    minted = true;
    grantedPeriod = issued.leaseDuration();
    if (!issued.renewable()
        || !issued.orphan()
        || !issued.policies().contains(access.policyName())) {
      throw new CliException(
          "The token minted through role "
              + access.roleName()
              + " is not renewable, orphan and carrying policy "
              + access.policyName()
              + "; it was revoked. Fix the role and run the wizard again.");
    }
    return "minted (periodic "
        + GoDuration.format(issued.leaseDuration())
        + ", orphan, policies "
        + String.join(", ", issued.policies())
        + ")";
  }

  /**
   * Step 7: lookup-self and a KV round trip with the new token; a kept token gets a read-only
   * check, so a re-run writes nothing.
   */
  String verify() {
    OpenBaoClient self = admin.withToken(token);
    TokenInfo info;
    try {
      info = self.lookupSelf();
    } catch (OpenBaoException e) {
      throw failedVerification("lookup-self", e);
    }
    if (!info.policies().contains(access.policyName())) {
      throw new CliException(
          "The token does not carry policy "
              + access.policyName()
              + " (it has "
              + info.policies()
              + "); check the role's allowed_policies and run the wizard again.");
    }
    KvV2 kv = self.kv(access.mount());
    try {
      if (minted) {
        kv.healthCheckRoundTrip(access.folder());
        return "lookup-self ok, KV write and read-back ok under "
            + access.mount()
            + "/"
            + access.folder()
            + "/";
      }
      kv.get(KvV2.healthCheckPath(access.folder()));
      return "lookup-self ok, KV read ok under " + access.mount() + "/" + access.folder() + "/";
    } catch (OpenBaoException e) {
      throw failedVerification("the KV round trip", e);
    }
  }

  boolean minted() {
    return minted;
  }

  VaultToken token() {
    return token;
  }

  Optional<String> accessor() {
    return Optional.ofNullable(accessor);
  }

  /**
   * Revokes the token this run minted (with its own revoke-self, else the admin's revoke-accessor).
   *
   * @return empty when revoked, else the sentence telling the user how to revoke it by hand
   */
  Optional<String> revokeMinted() {
    if (!minted) {
      return Optional.empty();
    }
    try {
      admin.withToken(token).revokeSelf();
      return Optional.empty();
    } catch (TokenRejectedException alreadyGone) {
      return Optional.empty();
    } catch (OpenBaoException selfRevokeFailed) {
      String why;
      try {
        // A standby that has not received the token yet finds no token with its accessor.
        if (StandbyCatchUp.REAL.untilSeen(() -> admin.revokeAccessor(accessor), found -> !found)) {
          return Optional.empty();
        }
        why = "OpenBao found no token with its accessor";
      } catch (OpenBaoException adminRevokeFailed) {
        why = Sentences.withoutFinalPeriod(adminRevokeFailed.getMessage());
      }
      return Optional.of(
          "Could not revoke the token minted in this run ("
              + why
              + "); revoke it with 'bao token revoke -accessor "
              + accessor
              + "'.");
    }
  }

  /** The token's lookup, when it is alive and made for this backend's role and policy. */
  private Optional<TokenInfo> lookUpIfFitting(VaultToken candidate) {
    try {
      TokenInfo info = admin.withToken(candidate).lookupSelf();
      boolean fits =
          info.renewable()
              && info.orphan()
              && info.policies().contains(access.policyName())
              && info.role().filter(access.roleName()::equals).isPresent();
      return fits ? Optional.of(info) : Optional.empty();
    } catch (TokenRejectedException | PermissionDeniedException unusable) {
      return Optional.empty();
    }
  }

  private CliException failedVerification(String what, OpenBaoException cause) {
    return new CliException(
        "Verifying the token failed at "
            + what
            + " ("
            + Sentences.withoutFinalPeriod(cause.getMessage())
            + "); check the policy and the mount, then run the wizard again.",
        cause);
  }
}
