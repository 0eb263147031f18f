package io.mcpctl.sandbox.openbao.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens by id and by accessor, plus the parent index that makes revocation cascade. Only tokens
 * with a parent are indexed under it, so orphans survive their creator, as in OpenBao.
 */
public final class TokenStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, TokenEntry> byId = new HashMap<>();
  private final Map<String, String> idByAccessor = new HashMap<>();
  private final Map<String, Set<String>> childrenByParent = new HashMap<>();

  /**
   * Accessor entries whose token is gone, by accessor, with the token's namespace id: what an
   * interrupted revocation leaves in OpenBao's storage until {@code auth/token/tidy} runs.
   */
  private final Map<String, String> leakedAccessors = new HashMap<>();

  /**
   * Adds a token. A service token gets an {@code s.} id unless one was chosen, and an accessor; a
   * batch token always gets a {@code b.} id (OpenBao's is the encrypted entry, here random URL-safe
   * base64 of a similar length) and no accessor. Ids and accessors carry {@code .<namespace id>}
   * for a namespace other than root, as OpenBao's token store writes them (vault/token_store.go,
   * create).
   */
  TokenEntry store(TokenEntry.Builder builder) {
    String suffix =
        builder.namespaceId.equals(TokenEntry.ROOT_NAMESPACE_ID) ? "" : "." + builder.namespaceId;
    if (builder.type == TokenType.BATCH) {
      builder.id = "b." + randomUrlBase64(90) + suffix;
      builder.accessor = "";
    } else {
      if (builder.id == null) {
        builder.id = "s." + Base62.random(24) + suffix;
      }
      builder.accessor = Base62.random(24) + suffix;
    }
    TokenEntry entry = new TokenEntry(builder);
    byId.put(entry.id, entry);
    if (!entry.batch()) {
      idByAccessor.put(entry.accessor, entry.id);
    }
    if (entry.parentId != null) {
      childrenByParent
          .computeIfAbsent(entry.parentId, parent -> new LinkedHashSet<>())
          .add(entry.id);
    }
    return entry;
  }

  /**
   * Creates a bootstrap root token as {@code bao operator init} does: policy {@code root}, no
   * parent, no lease, never expiring. Returns its id.
   */
  public String createRootToken(Instant now) {
    TokenEntry.Builder root = new TokenEntry.Builder();
    root.policies = List.of("root");
    root.path = "auth/token/root";
    root.displayName = "root";
    root.creationTime = now;
    root.leased = false;
    return store(root).id;
  }

  boolean containsId(String id) {
    return byId.containsKey(id);
  }

  /** The live token with this id; expired tokens were revoked by {@link #expire} before. */
  public Optional<TokenEntry> lookup(String id) {
    TokenEntry entry = byId.get(id);
    if (entry == null || entry.numUses == TokenEntry.REVOCATION_PENDING) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  private static String randomUrlBase64(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public Optional<TokenEntry> byAccessor(String accessor) {
    String id = idByAccessor.get(accessor);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  /**
   * Drops the token (and its subtree) but keeps its accessor entry, as a revocation that stopped
   * half-way does in OpenBao (vault/token_store.go, lookupByAccessor: "an old accessor index entry
   * that was somehow not cleared up").
   */
  public void revokeLeavingAccessorEntry(TokenEntry entry) {
    revokeTree(entry);
    leakedAccessors.put(entry.accessor, entry.namespaceId());
  }

  /** Whether this accessor's entry outlived its token. */
  public boolean leaked(String accessor) {
    return leakedAccessors.containsKey(accessor);
  }

  /** The accessor entries of a namespace whose tokens are gone. */
  public List<String> leakedAccessorsIn(String namespaceId) {
    return leakedAccessors.entrySet().stream()
        .filter(entry -> entry.getValue().equals(namespaceId))
        .map(Map.Entry::getKey)
        .toList();
  }

  public Optional<TokenEntry> parentOf(TokenEntry entry) {
    return entry.parentId == null
        ? Optional.empty()
        : Optional.ofNullable(byId.get(entry.parentId));
  }

  public List<TokenEntry> all() {
    return List.copyOf(byId.values());
  }

  /**
   * Revokes every token whose lease or explicit max TTL has run out, each with its whole subtree,
   * the way OpenBao's expiration manager does when a lease timer fires.
   */
  public void expire(Instant now) {
    for (TokenEntry entry : List.copyOf(byId.values())) {
      if (byId.containsKey(entry.id) && entry.expiredAt(now)) {
        revokeTree(entry);
      }
    }
  }

  /** Revokes the token and all its non-orphan descendants, children first. */
  public void revokeTree(TokenEntry entry) {
    for (String childId : new ArrayList<>(childrenByParent.getOrDefault(entry.id, Set.of()))) {
      TokenEntry child = byId.get(childId);
      if (child != null) {
        revokeTree(child);
      }
    }
    remove(entry);
  }

  /**
   * Revokes only this token; its direct service children become orphans. A batch child names its
   * parent inside itself and is valid only while that parent is (vault/token_store.go,
   * lookupBatchToken), so it goes too.
   */
  void revokeOrphan(TokenEntry entry) {
    for (String childId : List.copyOf(childrenByParent.getOrDefault(entry.id, Set.of()))) {
      TokenEntry child = byId.get(childId);
      if (child != null && child.batch()) {
        remove(child);
      } else if (child != null) {
        child.parentId = null;
      }
    }
    childrenByParent.remove(entry.id);
    remove(entry);
  }

  /** Counts one use; the token that used its last one is revoked once its request is done. */
  public void use(TokenEntry entry) {
    if (entry.numUses > 0) {
      entry.numUses--;
      if (entry.numUses == 0) {
        entry.numUses = TokenEntry.REVOCATION_PENDING;
      }
    }
  }

  public void finishRequest(TokenEntry entry) {
    if (entry.numUses == TokenEntry.REVOCATION_PENDING && byId.containsKey(entry.id)) {
      revokeTree(entry);
    }
  }

  private void remove(TokenEntry entry) {
    byId.remove(entry.id);
    if (!entry.batch()) {
      idByAccessor.remove(entry.accessor);
    }
    childrenByParent.remove(entry.id);
    if (entry.parentId != null) {
      Set<String> siblings = childrenByParent.get(entry.parentId);
      if (siblings != null) {
        siblings.remove(entry.id);
      }
    }
  }
}
