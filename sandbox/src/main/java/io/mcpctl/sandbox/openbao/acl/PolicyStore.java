package io.mcpctl.sandbox.openbao.acl;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named ACL policies. Names are lower-cased; {@code root} is built in and immutable; {@code
 * default} is pre-loaded with the paths of OpenBao's default policy and can be edited but not
 * deleted.
 */
public final class PolicyStore {
  public static final String ROOT = "root";
  public static final String DEFAULT = "default";

  /** The paths and capabilities of OpenBao's built-in default policy, in our own words. */
  static final String DEFAULT_POLICY_TEXT =
      """
      # Self-service for every token: look itself up, renew and revoke itself.
      path "auth/token/lookup-self" {
          capabilities = ["read"]
      }

      path "auth/token/renew-self" {
          capabilities = ["update"]
      }

      path "auth/token/revoke-self" {
          capabilities = ["update"]
      }

      # Ask which capabilities this token has on a path.
      path "sys/capabilities-self" {
          capabilities = ["update"]
      }

      # Read the token's own identity entity.
      path "identity/entity/id/{{identity.entity.id}}" {
        capabilities = ["read"]
      }
      path "identity/entity/name/{{identity.entity.name}}" {
        capabilities = ["read"]
      }

      # The UI reads the token's resulting ACL here.
      path "sys/internal/ui/resultant-acl" {
          capabilities = ["read"]
      }

      # Renew or look up leases by id (sys/renew left this policy with its endpoint in 2.5.4).
      path "sys/leases/renew" {
          capabilities = ["update"]
      }
      path "sys/leases/lookup" {
          capabilities = ["update"]
      }

      # The token's private cubbyhole.
      path "cubbyhole/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
      }

      # Response wrapping.
      path "sys/wrapping/wrap" {
          capabilities = ["update"]
      }
      path "sys/wrapping/lookup" {
          capabilities = ["update"]
      }
      path "sys/wrapping/unwrap" {
          capabilities = ["update"]
      }

      # Hashing tools.
      path "sys/tools/hash" {
          capabilities = ["update"]
      }
      path "sys/tools/hash/*" {
          capabilities = ["update"]
      }

      # OIDC provider authorization endpoint.
      path "identity/oidc/provider/+/authorize" {
          capabilities = ["read", "update"]
      }
      """;

  /**
   * One stored policy with the bookkeeping OpenBao reports on read.
   *
   * @param expiration when the whole policy stops applying, if it was written with one
   */
  public record Stored(Policy policy, int version, Instant modified, Optional<Instant> expiration) {

    Stored(Policy policy, int version, Instant modified) {
      this(policy, version, modified, Optional.empty());
    }

    boolean expiredAt(Instant now) {
      return expiration.filter(end -> !end.isAfter(now)).isPresent();
    }
  }

  private final TreeMap<String, Stored> policies = new TreeMap<>();

  public PolicyStore(Instant now) {
    policies.put(DEFAULT, new Stored(PolicyParser.parse(DEFAULT, DEFAULT_POLICY_TEXT), 1, now));
  }

  public static String normalizeName(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  public Optional<Stored> get(String name) {
    return Optional.ofNullable(policies.get(normalizeName(name)));
  }

  /** Whether a policy of that name exists; {@code root} always does. */
  public boolean exists(String name) {
    String normalized = normalizeName(name);
    return normalized.equals(ROOT) || policies.containsKey(normalized);
  }

  /** Stores a parsed policy; a {@code cas} that does not match the stored version is refused. */
  public void put(Policy policy, Integer cas, Instant now) {
    put(policy, cas, Optional.empty(), now);
  }

  /**
   * Stores a parsed policy in place of the old one, its expiration included: a write without one
   * removes the old one (OpenBao 2.6.1, GH-3506).
   */
  public void put(Policy policy, Integer cas, Optional<Instant> expiration, Instant now) {
    String name = normalizeName(policy.name());
    if (name.equals(ROOT) || name.equals("response-wrapping")) {
      throw ApiError.badRequest("cannot update \"" + name + "\" policy");
    }
    Stored existing = policies.get(name);
    int currentVersion = existing == null ? 0 : existing.version();
    if (cas != null) {
      if (cas == -1 && existing != null) {
        throw ApiError.badRequest("check-and-set parameter set to -1 on existing entry");
      }
      if (cas != -1 && cas != currentVersion) {
        throw ApiError.badRequest("check-and-set parameter did not match the current version");
      }
    }
    policies.put(
        name,
        new Stored(
            new Policy(name, policy.raw(), policy.rules()), currentVersion + 1, now, expiration));
  }

  public void delete(String name) {
    String normalized = normalizeName(name);
    if (normalized.equals(DEFAULT)) {
      throw ApiError.badRequest("cannot delete default policy");
    }
    if (normalized.equals(ROOT)) {
      throw ApiError.badRequest("cannot delete \"root\" policy");
    }
    policies.remove(normalized);
  }

  /** Every policy name, {@code root} included, sorted. */
  public List<String> names() {
    List<String> names = new ArrayList<>(policies.keySet());
    names.add(ROOT);
    names.sort(String::compareTo);
    return names;
  }

  /**
   * The ACL of a token carrying these policy names; a name with no stored policy (deleted or never
   * written) contributes nothing, as in OpenBao.
   */
  public Acl aclFor(List<String> names, Instant now) {
    if (names.contains(ROOT)) {
      return Acl.root();
    }
    List<Policy> found = new ArrayList<>();
    for (String name : names) {
      Stored stored = policies.get(normalizeName(name));
      if (stored != null && !stored.expiredAt(now)) {
        found.add(stored.policy());
      }
    }
    return Acl.of(found, now);
  }
}
