package io.mcpctl.sandbox.openbao.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.sandbox.openbao.acl.Acl;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.ApiReply;
import io.mcpctl.sandbox.openbao.logical.ApiRequest;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.Operation;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@code sys/seal} (needs {@code update} and {@code sudo}) and {@code sys/unseal} (the key). */
final class SealEndpoints {
  private final SealState state;
  private final HealthEndpoints health;

  SealEndpoints(SealState state, HealthEndpoints health) {
    this.state = state;
    this.health = health;
  }

  ApiReply seal(ApiRequest request, Function<String, Optional<Acl>> aclOfToken) {
    if (!isWrite(request)) {
      return ApiReply.errors(405, List.of());
    }
    if (state.sealed()) {
      return ApiReply.error(ApiError.plain(503, "Vault is sealed"));
    }
    Optional<Acl> acl = request.hasToken() ? aclOfToken.apply(request.token()) : Optional.empty();
    if (acl.isEmpty() || !acl.get().allows(Operation.UPDATE, "sys/seal", true)) {
      return ApiReply.error(ApiError.aclDenied());
    }
    state.seal();
    return ApiReply.noBody(204);
  }

  ApiReply unseal(ApiRequest request) {
    if (!isWrite(request)) {
      return ApiReply.errors(405, List.of());
    }
    JsonNode body;
    try {
      body = request.body().length == 0 ? Json.object() : Json.MAPPER.readTree(request.body());
    } catch (IOException malformed) {
      return ApiReply.error(ApiError.badRequest("error parsing JSON"));
    }
    if (!state.initialized()) {
      return ApiReply.error(ApiError.badRequest("Vault is not initialized"));
    }
    if (body.path("reset").asBoolean(false)) {
      return ApiReply.json(200, health.sealStatusBody());
    }
    String key = body.path("key").asText("");
    if (key.isEmpty()) {
      return ApiReply.error(
          ApiError.badRequest(
              "'key' must be specified in request body as JSON, or 'reset' set to true"));
    }
    if (!state.sealed()) {
      return ApiReply.json(200, health.sealStatusBody());
    }
    byte[] given = decode(key);
    if (given == null) {
      return ApiReply.error(ApiError.badRequest("'key' must be a valid hex or base64 string"));
    }
    if (!MessageDigest.isEqual(given, Base64.getDecoder().decode(state.unsealKey))) {
      return ApiReply.error(
          ApiError.badRequest("Error unsealing: cipher: message authentication failed"));
    }
    state.unseal();
    return ApiReply.json(200, health.sealStatusBody());
  }

  private static byte[] decode(String key) {
    try {
      return HexFormat.of().parseHex(key);
    } catch (IllegalArgumentException notHex) {
      try {
        return Base64.getDecoder().decode(key);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
  }

  private static boolean isWrite(ApiRequest request) {
    return request.method().equals("PUT") || request.method().equals("POST");
  }
}
