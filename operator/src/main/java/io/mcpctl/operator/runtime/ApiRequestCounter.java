package io.mcpctl.operator.runtime;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

/** Counts every request the operator's Kubernetes client sends, by method, into the metrics. */
public final class ApiRequestCounter implements Interceptor {

  private final OperatorMetrics metrics;

  public ApiRequestCounter(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    metrics.apiRequest(request.method());
  }
}
