package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON answer and its status code. */
record ApiResponse(int code, JsonNode body) {

  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }
}
