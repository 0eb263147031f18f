package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.acl.Policy;
import io.mcpctl.sandbox.openbao.acl.PolicyParser;
import io.mcpctl.sandbox.openbao.acl.PolicyStore;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.GoTime;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import io.mcpctl.time.GoDuration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code sys/policies/acl} and {@code sys/policies/acl/:name}, and the legacy {@code sys/policy}
 * and {@code sys/policy/:name} that common clients still use: the same store, with the policy text
 * under {@code rules} and the list's keys repeated under {@code policies} (vault/logical_system.go,
 * {@code handlePolicies*}, which check whether the request path starts with "policy").
 */
final class PoliciesEndpoint {
  private final PolicyStore policies;

  PoliciesEndpoint(PolicyStore policies) {
    this.policies = policies;
  }

  LogicalResponse list(LogicalRequest request) {
    if (request.operation() != Operation.LIST) {
      throw ApiError.unsupportedOperation();
    }
    return LogicalResponse.list(policies.names());
  }

  /** {@code sys/policy} (READ or LIST), or LIST of {@code sys/policy/:prefix}. */
  LogicalResponse legacyList(LogicalRequest request, String prefix) {
    if (request.operation() != Operation.LIST && request.operation() != Operation.READ) {
      throw ApiError.unsupportedOperation();
    }
    List<String> names =
        policies.names().stream()
            .filter(name -> !name.equals(PolicyStore.ROOT) || prefix.isEmpty())
            .filter(name -> name.startsWith(prefix))
            .toList();
    LogicalResponse listing = LogicalResponse.list(names);
    ((ObjectNode) listing.data()).set("policies", Json.strings(names));
    return listing;
  }

  LogicalResponse legacyPolicy(LogicalRequest request, String name) {
    switch (request.operation()) {
      case LIST:
        return legacyList(request, name);
      case READ:
        LogicalResponse read = read(PolicyStore.normalizeName(name));
        ObjectNode data = (ObjectNode) read.data();
        data.set("rules", data.remove("policy"));
        return read;
      case CREATE:
      case UPDATE:
        return write(request, name, true);
      default:
        return policy(request, name);
    }
  }

  LogicalResponse policy(LogicalRequest request, String name) {
    switch (request.operation()) {
      case READ:
        return read(PolicyStore.normalizeName(name));
      case CREATE:
      case UPDATE:
        return write(request, name, false);
      case DELETE:
        policies.delete(name);
        return LogicalResponse.noContent();
      default:
        throw ApiError.unsupportedOperation();
    }
  }

  private LogicalResponse read(String name) {
    if (name.equals(PolicyStore.ROOT)) {
      ObjectNode root = Json.object();
      root.put("name", PolicyStore.ROOT);
      root.put("policy", "");
      return LogicalResponse.data(root);
    }
    PolicyStore.Stored stored = policies.get(name).orElseThrow(() -> ApiError.empty(404));
    ObjectNode data = Json.object();
    data.put("name", name);
    data.put("policy", stored.policy().raw());
    data.put("version", stored.version());
    data.put("cas_required", false);
    data.put("allow_wildcards_in_identity_templates", false);
    data.put("allow_slashes_in_identity_templates", false);
    data.put("modified", GoTime.utc(stored.modified()));
    stored.expiration().ifPresent(expiration -> data.put("expiration", GoTime.utc(expiration)));
    return LogicalResponse.data(data);
  }

  private LogicalResponse write(LogicalRequest request, String name, boolean legacy) {
    String normalized = PolicyStore.normalizeName(name);
    String text = request.fields().string("policy");
    boolean fromRules = legacy && text.isEmpty() && !request.fields().string("rules").isEmpty();
    if (fromRules) {
      text = request.fields().string("rules");
    }
    if (text.isEmpty()) {
      throw ApiError.badRequest("'policy' parameter not supplied or empty");
    }
    text = base64Decoded(text).orElse(text);
    Policy parsed = PolicyParser.parse(normalized, text);
    policies.put(
        parsed, request.fields().integer("cas").orElse(null), expiration(request), request.now());
    LogicalResponse response = LogicalResponse.noContent();
    if (!normalized.equals(name)) {
      response.warning("policy name was converted to " + normalized);
    }
    if (fromRules) {
      response.warning("'rules' is deprecated, please use 'policy' instead");
    }
    return response;
  }

  /**
   * The whole policy's end: {@code expiration} (RFC 3339) or {@code ttl} from now, never both and
   * never in the past; absent when neither is given, which removes an earlier one.
   */
  private static Optional<Instant> expiration(LogicalRequest request) {
    Fields fields = request.fields();
    String at = fields.string("expiration");
    String ttl = fields.string("ttl");
    if (!at.isEmpty() && !ttl.isEmpty()) {
      throw ApiError.badRequest("cannot supply both 'expiration' and 'ttl' for policies");
    }
    Optional<Instant> expiration = Optional.empty();
    try {
      if (!at.isEmpty()) {
        expiration = Optional.of(OffsetDateTime.parse(at).toInstant());
      } else if (!ttl.isEmpty()) {
        expiration = Optional.of(request.now().plus(GoDuration.parse(ttl)));
      }
    } catch (RuntimeException unreadable) {
      throw ApiError.badRequest("error parsing expiration: " + (at.isEmpty() ? ttl : at));
    }
    if (expiration.filter(end -> !end.isAfter(request.now())).isPresent()) {
      throw ApiError.badRequest("refusing to update policy as expiration time has already elapsed");
    }
    return expiration;
  }

  /** OpenBao decodes a policy that is valid base64 before parsing it. */
  private static Optional<String> base64Decoded(String text) {
    try {
      return Optional.of(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
