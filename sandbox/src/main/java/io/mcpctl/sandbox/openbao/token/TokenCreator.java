package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.acl.PolicyStore;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The three create endpoints ({@code create}, {@code create-orphan}, {@code create/:role}) with
 * OpenBao's policy resolution, sudo gates, orphan rules and TTL arithmetic.
 */
final class TokenCreator {
  private final LeaseLimits limits;
  private final TokenStore tokens;
  private final PolicyStore policies;

  private final String namespaceId;
  private final String namespacePath;

  TokenCreator(
      TokenStore tokens,
      PolicyStore policies,
      String namespaceId,
      String namespacePath,
      LeaseLimits limits) {
    this.limits = limits;
    this.tokens = tokens;
    this.policies = policies;
    this.namespaceId = namespaceId;
    this.namespacePath = namespacePath;
  }

  LogicalResponse create(LogicalRequest request, TokenRole role, boolean orphanEndpoint) {
    TokenEntry parent = request.token();
    if (parent.numUses == TokenEntry.REVOCATION_PENDING) {
      throw ApiError.badRequest("parent token lookup failed: no parent found");
    }
    if (parent.batch()) {
      throw ApiError.badRequest("batch tokens cannot create more tokens");
    }
    if (parent.numUses > 0) {
      throw ApiError.badRequest("restricted use token cannot generate child tokens");
    }
    Fields fields = request.fields();
    boolean sudo = request.acl().hasSudo(request.path());
    List<String> requested = fields.stringSlice("policies").orElse(List.of());

    if (!parent.namespaceId.equals(namespaceId)) {
      // A token of a parent namespace creating one here is an administrator's act.
      if (!sudo) {
        throw ApiError.badRequest(
            "root or sudo privileges required to directly generate a token in a child namespace");
      }
      if (requested.contains(PolicyStore.ROOT)) {
        throw ApiError.badRequest("root tokens may not be created from a parent namespace");
      }
    }

    TokenType type = RequestedTokenType.resolve(fields, role);
    boolean batch = type == TokenType.BATCH;

    boolean renewable = !batch && fields.bool("renewable", true);
    int numUses = fields.integer("num_uses").orElse(0);
    if (numUses < 0) {
      throw ApiError.badRequest("number of uses cannot be negative");
    }
    if (!fields.string("entity_alias").isEmpty()) {
      if (role == null) {
        throw ApiError.badRequest("'entity_alias' is only allowed in combination with token role");
      }
      throw ApiError.badRequest(
          "entity aliases are not modelled by the OpenBao stand-in; create the token without"
              + " entity_alias");
    }

    TokenEntry.Builder entry = new TokenEntry.Builder();
    entry.type = type;
    entry.namespaceId = namespaceId;
    entry.namespacePath = namespacePath;
    entry.parentId = parent.id;
    entry.path = "auth/token/" + request.relativePath();
    entry.meta = fields.stringMap("meta").orElse(null);
    entry.numUses = numUses;
    entry.creationTime = request.now();

    if (role != null) {
      entry.role = role.name;
      renewable = renewable && role.renewable;
      if (role.tokenNumUses != 0 && (entry.numUses == 0 || role.tokenNumUses < entry.numUses)) {
        entry.numUses = role.tokenNumUses;
      }
      if (!role.pathSuffix.isEmpty()) {
        entry.path = entry.path + "/" + role.pathSuffix;
      }
    }

    String displayName = fields.string("display_name");
    if (!displayName.isEmpty()) {
      String full = ("token-" + displayName).replaceAll("[^a-zA-Z0-9-]", "-");
      entry.displayName = full.endsWith("-") ? full.substring(0, full.length() - 1) : full;
    }

    String customId = fields.string("id");
    if (!customId.isEmpty()) {
      CustomTokenId.requireMayChoose(sudo, namespaceId);
    }

    boolean noDefaultPolicy = fields.bool("no_default_policy", false);
    entry.policies = resolvePolicies(parent, role, requested, noDefaultPolicy, sudo);
    if (batch && entry.policies.contains(PolicyStore.ROOT)) {
      // Nothing could end a root batch token before its TTL (vault/token_store.go).
      throw ApiError.badRequest("batch tokens cannot be root tokens");
    }

    if (role != null) {
      if (role.orphan) {
        entry.parentId = null;
      }
    } else if (fields.bool("no_parent", false)) {
      if (!sudo) {
        throw ApiError.badRequest("root or sudo privileges required to create orphan token");
      }
      entry.parentId = null;
    } else if (orphanEndpoint) {
      entry.parentId = null;
    }
    entry.entityId = entry.parentId != null ? parent.entityId : "";

    List<String> warnings = new ArrayList<>();

    Duration explicitMaxToUse = Duration.ZERO;
    String explicitMax = fields.string("explicit_max_ttl");
    if (!explicitMax.isEmpty()) {
      Duration parsed = duration(explicitMax);
      if (parsed.isNegative()) {
        throw ApiError.badRequest("explicit_max_ttl must be positive");
      }
      entry.explicitMaxTtl = parsed;
      explicitMaxToUse = parsed;
    }

    Duration periodToUse = Duration.ZERO;
    String period = fields.string("period");
    if (!period.isEmpty()) {
      Duration parsed = duration(period);
      if (parsed.isNegative()) {
        throw ApiError.badRequest("period must be positive");
      }
      if (!parsed.isZero()) {
        if (!sudo) {
          throw ApiError.badRequest("root or sudo privileges required to create periodic token");
        }
        entry.period = parsed;
        periodToUse = parsed;
      }
    }

    Duration ttl = Duration.ZERO;
    String ttlText = fields.string("ttl").isEmpty() ? fields.string("lease") : fields.string("ttl");
    if (!ttlText.isEmpty()) {
      ttl = duration(ttlText);
      if (ttl.isNegative()) {
        throw ApiError.badRequest("ttl must be positive");
      }
    }

    if (role != null && !batch) {
      // A batch token never takes the role's period or explicit max TTL
      // (vault/token_store.go, parseAndMergeTTLPeriod).
      explicitMaxToUse =
          lesserOf(explicitMaxToUse, role.tokenExplicitMaxTtl, "Explicit max TTL", warnings);
      periodToUse = lesserOf(periodToUse, role.tokenPeriod, "Period", warnings);
    }

    boolean rootPolicy = entry.policies.contains(PolicyStore.ROOT);
    Instant creationSecond = request.now().truncatedTo(ChronoUnit.SECONDS);
    if (periodToUse.compareTo(Duration.ZERO) > 0
        || ttl.compareTo(Duration.ZERO) > 0
        || !rootPolicy) {
      TtlCalculator.Result result =
          TtlCalculator.calculate(
              Duration.ZERO,
              ttl,
              periodToUse,
              explicitMaxToUse,
              creationSecond,
              request.now(),
              limits);
      warnings.addAll(result.warnings());
      ttl = result.ttl();
    }
    if (ttl.isZero() && explicitMaxToUse.compareTo(Duration.ZERO) > 0) {
      ttl = explicitMaxToUse;
    }
    if (ttl.isZero()) {
      if (!parent.creationTtl.isZero()) {
        throw ApiError.badRequest("expiring root tokens cannot create non-expiring root tokens");
      }
      renewable = false;
    }
    if (!customId.isEmpty()) {
      warnings.add(
          "Supplying a custom ID for the token uses the weaker SHA1 hashing instead of the more"
              + " secure SHA2-256 HMAC for token obfuscation. SHA1 hashed tokens on the wire leads to"
              + " less secure lookups.");
    }

    entry.ttl = ttl;
    entry.renewable = renewable;
    int numUsesShown = entry.numUses;
    if (batch) {
      keepOnlyWhatABatchTokenCarries(entry, creationSecond);
    } else if (!customId.isEmpty()) {
      CustomTokenId.requireAcceptable(customId, tokens);
      entry.id = customId;
    }
    TokenEntry created = tokens.store(entry);
    for (String policy : created.policies) {
      if (!policies.exists(policy)) {
        warnings.add("Policy \"" + policy + "\" does not exist");
      }
    }
    return LogicalResponse.auth(
            TokenViews.authBlock(created, created.id, ttl, renewable, numUsesShown))
        .warnings(warnings);
  }

  /**
   * A batch token is its encrypted entry, which holds neither a use count, a period nor an explicit
   * max TTL, and whose creation time is whole seconds; its lifetime is the creation second plus its
   * TTL (vault/token_store.go, create and lookupBatchToken; sdk/logical, the token protobuf). Empty
   * metadata does not survive the encoding either.
   */
  private static void keepOnlyWhatABatchTokenCarries(
      TokenEntry.Builder entry, Instant creationSecond) {
    entry.numUses = 0;
    entry.period = Duration.ZERO;
    entry.explicitMaxTtl = Duration.ZERO;
    entry.creationTime = creationSecond;
    if (entry.meta != null && entry.meta.isEmpty()) {
      entry.meta = null;
    }
  }

  private List<String> resolvePolicies(
      TokenEntry parent,
      TokenRole role,
      List<String> requested,
      boolean noDefaultPolicy,
      boolean sudo) {
    List<String> resolved;
    boolean addDefault = false;
    if (role != null && role.hasPolicyLists()) {
      boolean localAddDefault =
          !noDefaultPolicy
              && !role.tokenNoDefaultPolicy
              && !role.disallowedPolicies.contains("default")
              && !PolicyNames.matchesAnyGlob(role.disallowedPoliciesGlob, "default");
      List<String> finalPolicies =
          requested.isEmpty() ? List.of() : PolicyNames.sanitize(requested, localAddDefault);
      if (!role.allowedPolicies.isEmpty() || !role.allowedPoliciesGlob.isEmpty()) {
        List<String> allowed = PolicyNames.sanitize(role.allowedPolicies, localAddDefault);
        if (finalPolicies.isEmpty()) {
          finalPolicies = allowed;
        } else {
          List<String> allowedGlobs = PolicyNames.sanitize(role.allowedPoliciesGlob, false);
          for (String policy : finalPolicies) {
            if (!allowed.contains(policy) && !PolicyNames.matchesAnyGlob(allowedGlobs, policy)) {
              throw ApiError.badRequest(
                  "token policies ("
                      + goQuotedList(finalPolicies)
                      + ") must be subset of the role's allowed policies ("
                      + goQuotedList(allowed)
                      + ") or glob policies ("
                      + goQuotedList(allowedGlobs)
                      + ")");
            }
          }
        }
      } else if (finalPolicies.isEmpty()) {
        finalPolicies = PolicyNames.sanitize(parent.policies, localAddDefault);
      }
      if (!role.disallowedPolicies.isEmpty() || !role.disallowedPoliciesGlob.isEmpty()) {
        for (String policy : finalPolicies) {
          if (role.disallowedPolicies.contains(policy)
              || PolicyNames.matchesAnyGlob(role.disallowedPoliciesGlob, policy)) {
            throw ApiError.badRequest("token policy \"" + policy + "\" is disallowed by this role");
          }
        }
      }
      resolved = finalPolicies;
    } else if (requested.isEmpty()) {
      resolved = PolicyNames.sanitize(parent.policies, false);
    } else if (!sudo) {
      List<String> wanted = PolicyNames.sanitize(requested, false);
      List<String> parentPolicies = PolicyNames.sanitize(parent.policies, false);
      if (!parentPolicies.containsAll(wanted)) {
        throw ApiError.badRequest("child policies must be subset of parent");
      }
      addDefault = !noDefaultPolicy && parent.policies.contains("default");
      resolved = requested;
    } else {
      addDefault = !noDefaultPolicy;
      resolved = requested;
    }
    List<String> sanitized = new ArrayList<>(PolicyNames.sanitize(resolved, addDefault));
    if (noDefaultPolicy) {
      sanitized.remove("default");
    }
    if (sanitized.contains("response-wrapping")) {
      throw ApiError.badRequest("cannot assign policy \"response-wrapping\"");
    }
    if (sanitized.contains(PolicyStore.ROOT) && !parent.policies.contains(PolicyStore.ROOT)) {
      throw ApiError.badRequest("root tokens may not be created without parent token being root");
    }
    return sanitized;
  }

  /**
   * A setting given both in the create call and by the role: the lesser wins, with OpenBao's
   * warning; a setting given only once is taken as it is.
   */
  private static Duration lesserOf(
      Duration requested, Duration fromRole, String what, List<String> warnings) {
    if (fromRole.isZero()) {
      return requested;
    }
    if (requested.isZero()) {
      return fromRole;
    }
    Duration lesser = fromRole.compareTo(requested) < 0 ? fromRole : requested;
    warnings.add(
        what
            + " specified both during creation call and in role; using the lesser value of "
            + lesser.toSeconds()
            + " seconds");
    return lesser;
  }

  private static Duration duration(String text) {
    try {
      return Fields.parseDurationSecond(text);
    } catch (IllegalArgumentException malformed) {
      throw ApiError.badRequest(malformed.getMessage());
    }
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
  private static String goQuotedList(List<String> values) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      text.append(i == 0 ? "" : " ").append('"').append(values.get(i)).append('"');
    }
    return text.append(']').toString();
  }
}
