package io.mcpctl.sandbox.openbao.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.ApiReply;
import io.mcpctl.sandbox.openbao.logical.ApiRequest;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.sys.StandInVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code sys/health} and {@code sys/seal-status}: unauthenticated, answered with a body even on
 * 429/501/503, cluster identity left out while sealed.
 */
final class HealthEndpoints {
  private static final String COMMIT_DATE = "2026-08-18T00:00:00Z";

  private final SealState state;

  HealthEndpoints(SealState state) {
    this.state = state;
  }

  /**
   * @param standbyNode whether a standby node of a cluster answers (it says so with 429, as any
   *     standby does, unless asked with {@code standbyok})
   */
  ApiReply health(ApiRequest request, Instant now, boolean standbyNode) {
    boolean standby = standbyNode || state.standby();
    boolean head = request.method().equals("HEAD");
    if (!head && !request.method().equals("GET")) {
      return ApiReply.errors(405, List.of());
    }
    boolean standbyOk = false;
    if (request.hasQuery("standbyok")) {
      Optional<Boolean> parsed =
          Fields.parseGoBool(String.valueOf(request.queryValue("standbyok")));
      if (parsed.isEmpty()) {
        return ApiReply.errors(400, List.of());
      }
      standbyOk = parsed.get();
    }
    int activeCode = 200;
    int standbyCode = 429;
    int sealedCode = 503;
    int uninitCode = 501;
    try {
      activeCode = code(request, "activecode", activeCode);
      standbyCode = code(request, "standbycode", standbyCode);
      sealedCode = code(request, "sealedcode", sealedCode);
      uninitCode = code(request, "uninitcode", uninitCode);
    } catch (NumberFormatException badCode) {
      return ApiReply.errors(400, List.of());
    }
    int status = activeCode;
    if (!state.initialized()) {
      status = uninitCode;
    } else if (state.sealed()) {
      status = sealedCode;
    } else if (standby && !standbyOk) {
      status = standbyCode;
    }
    ObjectNode body = Json.object();
    body.put("initialized", state.initialized());
    body.put("sealed", state.sealed());
    body.put("standby", standby);
    body.put("replication_performance_mode", "disabled");
    body.put("replication_dr_mode", "disabled");
    body.put("server_time_utc", now.getEpochSecond());
    body.put("version", StandInVersion.VERSION);
    if (!state.sealed()) {
      body.put("cluster_name", state.clusterName);
      body.put("cluster_id", state.clusterId);
    }
    ApiReply reply = ApiReply.json(status, body);
    return head ? reply.withoutBody() : reply;
  }

  ApiReply sealStatus(ApiRequest request) {
    if (!request.method().equals("GET")) {
      return ApiReply.errors(405, List.of());
    }
    return ApiReply.json(200, sealStatusBody());
  }

  ObjectNode sealStatusBody() {
    boolean initialized = state.initialized();
    ObjectNode body = Json.object();
    body.put("type", "shamir");
    body.put("initialized", initialized);
    body.put("sealed", state.sealed());
    body.put("t", initialized ? 1 : 0);
    body.put("n", initialized ? 1 : 0);
    body.put("progress", 0);
    body.put("nonce", "");
    body.put("version", StandInVersion.VERSION);
    body.put("commit_date", COMMIT_DATE);
    body.put("migration", false);
    if (!state.sealed()) {
      body.put("cluster_name", state.clusterName);
      body.put("cluster_id", state.clusterId);
    }
    body.put("recovery_seal", false);
    body.put("storage_type", "inmem");
    return body;
  }

  private static int code(ApiRequest request, String name, int fallback) {
    if (!request.hasQuery(name)) {
      return fallback;
    }
    return Integer.parseInt(String.valueOf(request.queryValue(name)));
  }
}
