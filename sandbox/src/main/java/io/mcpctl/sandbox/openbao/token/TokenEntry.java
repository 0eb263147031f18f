package io.mcpctl.sandbox.openbao.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One token and its lease, as OpenBao's token store and expiration manager keep them together.
 * {@code period} and {@code explicitMaxTtl} hold only values passed to the create call, because
 * that is what lookups show; a role's values are read from the role when needed.
 */
public final class TokenEntry {
  /** The id OpenBao gives the root namespace. */
  public static final String ROOT_NAMESPACE_ID = "root";

  /** OpenBao marks a token that used its last use this way; it is revoked after that request. */
  static final int REVOCATION_PENDING = -1;

  final String id;
  final TokenType type;

  /** Empty for a batch token, which has none. */
  final String accessor;

  final List<String> policies;
  String parentId;
  final String role;
  final String path;
  final String displayName;
  final Map<String, String> meta;
  int numUses;
  final Instant creationTime;
  final Duration creationTtl;
  final Duration period;
  final Duration explicitMaxTtl;
  final String entityId;

  /** The id of the namespace the token was created in; {@code root} for the root namespace. */
  final String namespaceId;

  /** That namespace's path, such as {@code team-a/dev/}; empty for the root namespace. */
  final String namespacePath;

  /** Lease state; a token without a lease (the bootstrap root token) never expires or renews. */
  final boolean leased;

  final Instant issueTime;
  Instant expireTime;
  Instant lastRenewalTime;

  /** The lease before the last renewal, which a standby shows until the renewal reaches it. */
  Instant expireTimeBeforeRenewal;

  Instant lastRenewalTimeBeforeRenewal;
  Duration grantedTtl;
  final boolean renewable;

  TokenEntry(Builder builder) {
    this.id = builder.id;
    this.type = builder.type;
    this.accessor = builder.accessor;
    this.policies = List.copyOf(builder.policies);
    this.parentId = builder.parentId;
    this.role = builder.role;
    this.path = builder.path;
    this.displayName = builder.displayName;
    this.meta = builder.meta == null ? null : Map.copyOf(builder.meta);
    this.numUses = builder.numUses;
    this.creationTime = builder.creationTime;
    this.creationTtl = builder.ttl;
    this.period = builder.period;
    this.explicitMaxTtl = builder.explicitMaxTtl;
    this.entityId = builder.entityId;
    this.namespaceId = builder.namespaceId;
    this.namespacePath = builder.namespacePath;
    this.leased = builder.leased;
    this.issueTime = builder.creationTime;
    this.expireTime =
        builder.leased && !builder.ttl.isZero() ? builder.creationTime.plus(builder.ttl) : null;
    this.grantedTtl = builder.ttl;
    this.renewable = builder.renewable;
  }

  public List<String> policies() {
    return policies;
  }

  public String accessor() {
    return accessor;
  }

  /** The id of the namespace the token lives in ({@code root} for the root namespace). */
  public String namespaceId() {
    return namespaceId;
  }

  public boolean orphan() {
    return parentId == null;
  }

  public String role() {
    return role;
  }

  public String path() {
    return path;
  }

  public Instant expireTime() {
    return expireTime;
  }

  public boolean renewable() {
    return renewable;
  }

  public int numUses() {
    return numUses;
  }

  public TokenType type() {
    return type;
  }

  boolean batch() {
    return type == TokenType.BATCH;
  }

  boolean expiredAt(Instant now) {
    if (batch()) {
      // A batch token is valid up to and including its last second (vault/token_store.go,
      // lookupBatchToken); a lease expires at its expire time.
      return expireTime != null && now.isAfter(expireTime);
    }
    if (expireTime != null && !now.isBefore(expireTime)) {
      return true;
    }
    return !explicitMaxTtl.isZero() && !now.isBefore(creationTime.plus(explicitMaxTtl));
  }

  static final class Builder {
    String id;
    TokenType type = TokenType.SERVICE;
    String accessor;
    List<String> policies = List.of();
    String parentId;
    String role;
    String path;
    String displayName = "token";
    Map<String, String> meta;
    int numUses;
    Instant creationTime;
    Duration ttl = Duration.ZERO;
    Duration period = Duration.ZERO;
    Duration explicitMaxTtl = Duration.ZERO;
    String entityId = "";
    String namespaceId = ROOT_NAMESPACE_ID;
    String namespacePath = "";
    boolean leased = true;
    boolean renewable;
  }
}
