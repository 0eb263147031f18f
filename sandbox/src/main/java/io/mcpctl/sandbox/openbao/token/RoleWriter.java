package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Applies a role write the way OpenBao's token store does: only parameters present change an
 * existing role; {@code token_ttl}, {@code token_max_ttl} and {@code token_policies} are not role
 * parameters and are ignored without a word.
 */
final class RoleWriter {
  private static final Pattern PATH_SUFFIX = Pattern.compile("\\w[\\w-.]+\\w");

  private RoleWriter() {}

  static LogicalResponse write(TokenRole role, Fields fields, LeaseLimits limits) {
    List<String> warnings = new ArrayList<>();
    fields.bool("orphan").ifPresent(value -> role.orphan = value);
    fields.bool("renewable").ifPresent(value -> role.renewable = value);
    if (fields.has("path_suffix")) {
      String suffix = fields.string("path_suffix");
      if (!suffix.isEmpty() && !PATH_SUFFIX.matcher(suffix).find()) {
        throw ApiError.badRequest(
            "given role path suffix contains invalid characters; must match "
                + PATH_SUFFIX.pattern());
      }
      if (suffix.contains("..")) {
        throw ApiError.badRequest(
            "error registering path suffix: path cannot contain parent references");
      }
      role.pathSuffix = suffix;
    }
    fields
        .commaSlice("allowed_policies")
        .ifPresent(value -> role.allowedPolicies = PolicyNames.sanitize(value, false));
    fields
        .commaSlice("disallowed_policies")
        .ifPresent(value -> role.disallowedPolicies = PolicyNames.removeDuplicates(value));
    fields
        .commaSlice("allowed_policies_glob")
        .ifPresent(value -> role.allowedPoliciesGlob = PolicyNames.sanitize(value, false));
    fields
        .commaSlice("disallowed_policies_glob")
        .ifPresent(value -> role.disallowedPoliciesGlob = PolicyNames.removeDuplicates(value));

    // tokenutil's ParseTokenFields refuses these before the role's own token_type is looked at.
    if (fields.durationSeconds("token_period").filter(Duration::isNegative).isPresent()) {
      throw ApiError.badRequest("error parsing role fields: 'token_period' cannot be negative");
    }
    if (fields.integer("token_num_uses").filter(uses -> uses < 0).isPresent()) {
      throw ApiError.badRequest("error parsing role fields: 'token_num_uses' cannot be negative");
    }
    if (fields.has("token_type")) {
      String type = fields.string("token_type");
      switch (type) {
        case "service", "batch", "default-service", "default-batch" -> role.tokenType = type;
        // tokenutil takes "default", but the token store's roles do not.
        default -> throw ApiError.badRequest("invalid 'token_type' value \"" + type + "\"");
      }
    }
    fields.bool("token_no_default_policy").ifPresent(value -> role.tokenNoDefaultPolicy = value);
    fields.integer("token_num_uses").ifPresent(value -> role.tokenNumUses = value);
    fields
        .commaSlice("allowed_entity_aliases")
        .ifPresent(value -> role.allowedEntityAliases = PolicyNames.removeDuplicates(value));

    Optional<Duration> tokenPeriod = fields.durationSeconds("token_period");
    if (tokenPeriod.isPresent()) {
      if (fields.has("period")) {
        warnings.add(
            "Both 'token_period' and deprecated 'period' value supplied, ignoring the deprecated value");
      }
      role.tokenPeriod = tokenPeriod.get();
      role.period = Duration.ZERO;
    } else {
      fields
          .durationSeconds("period")
          .ifPresent(
              value -> {
                role.period = value;
                role.tokenPeriod = value;
              });
    }

    Optional<List<String>> tokenCidrs = fields.commaSlice("token_bound_cidrs");
    if (tokenCidrs.isPresent()) {
      if (fields.has("bound_cidrs")) {
        warnings.add(
            "Both 'token_bound_cidrs' and deprecated 'bound_cidrs' value supplied, ignoring the deprecated value");
      }
      role.tokenBoundCidrs = tokenCidrs.get();
      role.boundCidrs = List.of();
    } else {
      fields
          .commaSlice("bound_cidrs")
          .ifPresent(
              value -> {
                role.boundCidrs = value;
                role.tokenBoundCidrs = value;
              });
    }

    Duration finalExplicitMax = role.tokenExplicitMaxTtl;
    Optional<Duration> tokenExplicitMax = fields.durationSeconds("token_explicit_max_ttl");
    if (tokenExplicitMax.isPresent()) {
      if (fields.has("explicit_max_ttl")) {
        warnings.add(
            "Both 'token_explicit_max_ttl' and deprecated 'explicit_max_ttl' value supplied, ignoring the deprecated value");
      }
      role.tokenExplicitMaxTtl = tokenExplicitMax.get();
      role.explicitMaxTtl = Duration.ZERO;
      finalExplicitMax = role.tokenExplicitMaxTtl;
    } else {
      fields
          .durationSeconds("explicit_max_ttl")
          .ifPresent(
              value -> {
                role.explicitMaxTtl = value;
                role.tokenExplicitMaxTtl = value;
              });
      finalExplicitMax = role.explicitMaxTtl;
    }
    if (finalExplicitMax.compareTo(limits.maxTtl()) > 0) {
      warnings.add(
          "Given explicit max TTL of "
              + finalExplicitMax.toSeconds()
              + " is greater than system/mount allowed value of "
              + limits.maxTtl().toSeconds()
              + " seconds; until this is fixed attempting to create tokens against this role will"
              + " result in an error");
    }

    if (role.tokenType.equals("batch")) {
      if (!role.orphan) {
        throw ApiError.badRequest(
            "'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
      }
      if (!role.tokenPeriod.isZero()) {
        throw ApiError.badRequest(
            "'token_type' cannot be 'batch' when role is set to generate periodic tokens");
      }
      if (role.renewable) {
        throw ApiError.badRequest(
            "'token_type' cannot be 'batch' when role is set to generate renewable tokens");
      }
      if (!role.tokenExplicitMaxTtl.isZero()) {
        throw ApiError.badRequest(
            "'token_type' cannot be 'batch' when role is set to generate tokens with an explicit max TTL");
      }
    }
    return LogicalResponse.noContent().warnings(warnings);
  }
}
