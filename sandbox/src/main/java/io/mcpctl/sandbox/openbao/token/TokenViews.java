package io.mcpctl.sandbox.openbao.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.GoTime;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The two shapes OpenBao shows a token in: the lookup {@code data} and the {@code auth} block. */
final class TokenViews {
  private TokenViews() {}

  /**
   * {@code data} of lookup-self, lookup and lookup-accessor (the latter with {@code id} empty), as
   * the node serving {@code request} has it: a standby that has not yet seen the last renewal shows
   * the lease as it was before it.
   */
  static ObjectNode lookupData(TokenEntry entry, boolean showId, LogicalRequest request) {
    boolean renewalSeen = entry.lastRenewalTime == null || request.sees(entry.lastRenewalTime);
    return lookupData(
        entry,
        showId,
        request.now(),
        request.zone(),
        renewalSeen ? entry.expireTime : entry.expireTimeBeforeRenewal,
        renewalSeen ? entry.lastRenewalTime : entry.lastRenewalTimeBeforeRenewal);
  }

  private static ObjectNode lookupData(
      TokenEntry entry,
      boolean showId,
      Instant now,
      ZoneId zone,
      Instant expireTime,
      Instant lastRenewalTime) {
    ObjectNode data = Json.object();
    data.put("id", showId ? entry.id : "");
    data.put("accessor", entry.accessor);
    data.set("policies", Json.strings(entry.policies));
    data.put("path", entry.path);
    if (!entry.namespacePath.isEmpty()) {
      data.put("namespace_path", entry.namespacePath);
    }
    data.set("meta", Json.stringMapOrNull(entry.meta));
    data.put("display_name", entry.displayName);
    data.put("num_uses", entry.numUses);
    data.put("orphan", entry.orphan());
    data.put("creation_time", entry.creationTime.getEpochSecond());
    data.put("creation_ttl", entry.creationTtl.toSeconds());
    data.putNull("expire_time");
    data.put("ttl", 0);
    data.put("explicit_max_ttl", entry.explicitMaxTtl.toSeconds());
    data.put("entity_id", entry.entityId);
    data.put("type", entry.type.wireName());
    if (entry.role != null) {
      data.put("role", entry.role);
    }
    if (!entry.period.isZero()) {
      data.put("period", entry.period.toSeconds());
    }
    if (entry.leased) {
      if (lastRenewalTime != null) {
        data.put("last_renewal_time", lastRenewalTime.getEpochSecond());
        data.put("last_renewal", GoTime.format(lastRenewalTime, zone));
      }
      if (expireTime != null) {
        data.put("expire_time", GoTime.format(expireTime, zone));
        data.put("ttl", Math.max(0, Duration.between(now, expireTime).getSeconds()));
      }
      data.put("renewable", entry.renewable && expireTime != null && now.isBefore(expireTime));
      data.put("issue_time", GoTime.format(entry.issueTime, zone));
    }
    return data;
  }

  /** The {@code auth} block of a renew response. */
  static ObjectNode authBlock(
      TokenEntry entry, String clientToken, Duration ttl, boolean renewable) {
    return authBlock(entry, clientToken, ttl, renewable, entry.numUses);
  }

  /**
   * The {@code auth} block of a create response; {@code numUses} is the count the create call
   * settled on, which a batch token shows here but does not keep.
   */
  static ObjectNode authBlock(
      TokenEntry entry, String clientToken, Duration ttl, boolean renewable, int numUses) {
    ObjectNode auth = Json.object();
    auth.put("client_token", clientToken);
    auth.put("accessor", entry.accessor);
    auth.set("policies", Json.strings(entry.policies));
    auth.set("token_policies", Json.strings(entry.policies));
    auth.set("metadata", Json.stringMapOrNull(entry.meta));
    auth.put("lease_duration", ttl.toSeconds());
    auth.put("renewable", renewable);
    auth.put("entity_id", entry.entityId);
    auth.put("token_type", entry.type.wireName());
    auth.put("orphan", entry.orphan());
    auth.putNull("mfa_requirement");
    auth.put("num_uses", numUses);
    return auth;
  }
}
