package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a backend answers before it becomes HTTP: data, an auth block, warnings and a status. A
 * response with none of them is OpenBao's "no response object", sent as 204 with no body.
 */
public final class LogicalResponse {
  private final int status;
  private final JsonNode data;
  private final ObjectNode auth;
  private final List<String> warnings = new ArrayList<>();
  private final boolean raw;

  private LogicalResponse(int status, JsonNode data, ObjectNode auth) {
    this(status, data, auth, false);
  }

  private LogicalResponse(int status, JsonNode data, ObjectNode auth, boolean raw) {
    this.status = status;
    this.data = data;
    this.auth = auth;
    this.raw = raw;
  }

  public static LogicalResponse noContent() {
    return new LogicalResponse(204, null, null);
  }

  public static LogicalResponse data(JsonNode data) {
    return new LogicalResponse(200, data, null);
  }

  public static LogicalResponse auth(ObjectNode auth) {
    return new LogicalResponse(200, null, auth);
  }

  /**
   * A status and nothing else, not even an error list: {@code logical.RespondWithStatusCode} with
   * no response, as the KV v2 PATCH of a missing key answers 404.
   */
  public static LogicalResponse statusWithoutBody(int status) {
    return new LogicalResponse(status, null, null, true);
  }

  /** A success envelope sent with another status, as {@code logical.RespondWithStatusCode} does. */
  public static LogicalResponse envelopeWithStatus(int status, JsonNode data) {
    return new LogicalResponse(status, data, null);
  }

  /** {@code data.keys}; an empty listing is OpenBao's 404 {@code {"errors":[]}}. */
  public static LogicalResponse list(Collection<String> keys) {
    if (keys.isEmpty()) {
      throw ApiError.empty(404);
    }
    ObjectNode data = Json.object();
    data.set("keys", Json.strings(keys));
    return data(data);
  }

  public LogicalResponse warning(String warning) {
    warnings.add(warning);
    return this;
  }

  public LogicalResponse warnings(Collection<String> more) {
    warnings.addAll(more);
    return this;
  }

  /** 204 turns into a 200 envelope as soon as a warning is attached, as in OpenBao. */
  public int status() {
    return status == 204 && !warnings.isEmpty() ? 200 : status;
  }

  public boolean hasBody() {
    return !raw && status() != 204;
  }

  public JsonNode data() {
    return data;
  }

  public ObjectNode authBlock() {
    return auth;
  }

  public List<String> warningList() {
    return List.copyOf(warnings);
  }
}
