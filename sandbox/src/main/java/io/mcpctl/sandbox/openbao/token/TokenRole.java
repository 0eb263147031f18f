package io.mcpctl.sandbox.openbao.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.Json;
import java.time.Duration;
import java.util.List;

/**
 * A token role with the parameters OpenBao's token store accepts, including the deprecated {@code
 * period}/{@code explicit_max_ttl} pair that is kept apart for reads.
 */
final class TokenRole {
  final String name;
  List<String> allowedPolicies = List.of();
  List<String> disallowedPolicies = List.of();
  List<String> allowedPoliciesGlob = List.of();
  List<String> disallowedPoliciesGlob = List.of();
  boolean orphan;
  boolean renewable = true;
  String pathSuffix = "";
  Duration period = Duration.ZERO;
  Duration tokenPeriod = Duration.ZERO;
  Duration explicitMaxTtl = Duration.ZERO;
  Duration tokenExplicitMaxTtl = Duration.ZERO;
  String tokenType = "default-service";
  boolean tokenNoDefaultPolicy;
  List<String> allowedEntityAliases;
  List<String> tokenBoundCidrs = List.of();
  List<String> boundCidrs = List.of();
  int tokenNumUses;

  TokenRole(String name) {
    this.name = name;
  }

  TokenRole copy() {
    TokenRole copy = new TokenRole(name);
    copy.allowedPolicies = allowedPolicies;
    copy.disallowedPolicies = disallowedPolicies;
    copy.allowedPoliciesGlob = allowedPoliciesGlob;
    copy.disallowedPoliciesGlob = disallowedPoliciesGlob;
    copy.orphan = orphan;
    copy.renewable = renewable;
    copy.pathSuffix = pathSuffix;
    copy.period = period;
    copy.tokenPeriod = tokenPeriod;
    copy.explicitMaxTtl = explicitMaxTtl;
    copy.tokenExplicitMaxTtl = tokenExplicitMaxTtl;
    copy.tokenType = tokenType;
    copy.tokenNoDefaultPolicy = tokenNoDefaultPolicy;
    copy.allowedEntityAliases = allowedEntityAliases;
    copy.tokenBoundCidrs = tokenBoundCidrs;
    copy.boundCidrs = boundCidrs;
    copy.tokenNumUses = tokenNumUses;
    return copy;
  }

  boolean hasPolicyLists() {
    return !allowedPolicies.isEmpty()
        || !disallowedPolicies.isEmpty()
        || !allowedPoliciesGlob.isEmpty()
        || !disallowedPoliciesGlob.isEmpty();
  }

  /** The {@code data} of {@code GET auth/token/roles/:name}, with the conditional keys. */
  ObjectNode toData() {
    ObjectNode data = Json.object();
    data.put("name", name);
    data.set("allowed_policies", Json.strings(allowedPolicies));
    data.set("disallowed_policies", Json.strings(disallowedPolicies));
    data.set("allowed_policies_glob", Json.strings(allowedPoliciesGlob));
    data.set("disallowed_policies_glob", Json.strings(disallowedPoliciesGlob));
    data.put("orphan", orphan);
    data.put("renewable", renewable);
    data.put("path_suffix", pathSuffix);
    data.put("period", period.toSeconds());
    data.put("token_period", tokenPeriod.toSeconds());
    data.put("explicit_max_ttl", explicitMaxTtl.toSeconds());
    data.put("token_explicit_max_ttl", tokenExplicitMaxTtl.toSeconds());
    data.put("token_type", tokenType);
    data.put("token_no_default_policy", tokenNoDefaultPolicy);
    data.set("allowed_entity_aliases", Json.stringsOrNull(allowedEntityAliases));
    if (!tokenBoundCidrs.isEmpty()) {
      data.set("token_bound_cidrs", Json.strings(tokenBoundCidrs));
    }
    if (!boundCidrs.isEmpty()) {
      data.set("bound_cidrs", Json.strings(boundCidrs));
    }
    if (tokenNumUses > 0) {
      data.put("token_num_uses", tokenNumUses);
    }
    return data;
  }
}
