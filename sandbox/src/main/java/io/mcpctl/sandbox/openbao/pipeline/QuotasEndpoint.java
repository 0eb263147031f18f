package io.mcpctl.sandbox.openbao.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.Fields;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@code sys/quotas/config} and {@code sys/quotas/rate-limit/:name} ({@code
 * vault/logical_system_quotas.go}), root namespace only. A quota's {@code path} is taken as a
 * prefix of the request path, which is what OpenBao's mount and whole-server quotas amount to.
 */
final class QuotasEndpoint implements Backend {
  private static final String RATE_LIMIT = "quotas/rate-limit/";

  private final RateLimitQuotas quotas;

  QuotasEndpoint(RateLimitQuotas quotas) {
    this.quotas = quotas;
  }

  static boolean serves(String sysRelativePath) {
    return sysRelativePath.equals("quotas/config")
        || sysRelativePath.startsWith(RATE_LIMIT)
        || sysRelativePath.equals("quotas/rate-limit");
  }

  @Override
  public LogicalResponse handle(LogicalRequest request) {
    String path = request.relativePath();
    if (path.equals("quotas/config")) {
      return config(request);
    }
    String name = path.length() > RATE_LIMIT.length() ? path.substring(RATE_LIMIT.length()) : "";
    if (name.isEmpty()) {
      if (request.operation() != io.mcpctl.sandbox.openbao.logical.Operation.LIST) {
        throw ApiError.unsupportedOperation();
      }
      synchronized (quotas) {
        return LogicalResponse.list(List.copyOf(quotas.quotas.keySet()));
      }
    }
    return switch (request.operation()) {
      case CREATE, UPDATE -> write(request, name);
      case READ -> read(name);
      case DELETE -> {
        quotas.remove(name);
        yield LogicalResponse.noContent();
      }
      default -> throw ApiError.unsupportedOperation();
    };
  }

  private LogicalResponse config(LogicalRequest request) {
    synchronized (quotas) {
      switch (request.operation()) {
        case READ:
          ObjectNode data = Json.object();
          data.put("enable_rate_limit_audit_logging", quotas.auditLogging);
          data.put("enable_rate_limit_response_headers", quotas.responseHeaders);
          data.set("rate_limit_exempt_paths", Json.strings(quotas.exemptPaths));
          return LogicalResponse.data(data);
        case CREATE:
        case UPDATE:
          // Every field is replaced, an omitted one by its default, as OpenBao's handler does.
          Fields fields = request.fields();
          quotas.auditLogging = fields.bool("enable_rate_limit_audit_logging", false);
          quotas.responseHeaders = fields.bool("enable_rate_limit_response_headers", false);
          quotas.exemptPaths = fields.stringSlice("rate_limit_exempt_paths").orElse(List.of());
          return LogicalResponse.noContent();
        default:
          throw ApiError.unsupportedOperation();
      }
    }
  }

  private LogicalResponse write(LogicalRequest request, String name) {
    Fields fields = request.fields();
    double rate = fields.has("rate") ? fields.raw("rate").asDouble() : 0;
    if (rate <= 0) {
      throw ApiError.badRequest("'rate' is invalid");
    }
    Duration interval = fields.durationSeconds("interval").orElse(Duration.ZERO);
    if (interval.isNegative()) {
      throw ApiError.badRequest("'interval' is invalid");
    }
    String path = fields.string("path").strip();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    quotas.put(
        new RateLimitQuotas.Quota(
            name,
            path,
            (int) Math.round(rate),
            interval.isZero() ? Duration.ofSeconds(1) : interval));
    return LogicalResponse.noContent();
  }

  private LogicalResponse read(String name) {
    RateLimitQuotas.Quota quota;
    synchronized (quotas) {
      quota = quotas.quotas.get(name);
    }
    if (quota == null) {
      throw ApiError.empty(404);
    }
    ObjectNode data = Json.object();
    data.put("name", quota.name());
    data.put("type", "rate-limit");
    data.put("path", quota.path());
    data.put("rate", (double) quota.rate());
    data.put("interval", quota.interval().toSeconds());
    data.put("block_interval", 0);
    data.put("role", "");
    data.put("inheritable", quota.path().isEmpty());
    return LogicalResponse.data(data);
  }
}
