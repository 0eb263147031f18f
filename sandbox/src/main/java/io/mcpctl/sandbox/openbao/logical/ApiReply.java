package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An answer ready for the transport: status, extra headers, and a JSON body or none. */
public record ApiReply(int status, JsonNode body, Map<String, String> headers) {

  public static ApiReply json(int status, JsonNode body) {
    return new ApiReply(status, body, Map.of());
  }

  public static ApiReply noBody(int status) {
    return new ApiReply(status, null, Map.of());
  }

  public static ApiReply error(ApiError error) {
    return json(error.status(), Envelope.errors(error.errors()));
  }

  public static ApiReply errors(int status, List<String> errors) {
    return json(status, Envelope.errors(errors));
  }

  public ApiReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiReply(status, body, more);
  }

  public ApiReply withoutBody() {
    return new ApiReply(status, null, headers);
  }
}
