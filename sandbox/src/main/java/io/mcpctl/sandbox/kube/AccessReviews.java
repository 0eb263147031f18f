package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.mcpctl.sandbox.kube.rbac.AccessRequest;
import io.mcpctl.sandbox.kube.rbac.Caller;
import io.mcpctl.sandbox.kube.rbac.RbacAuthorizer;
import java.util.List;
import java.util.Optional;

/**
 * SelfSubjectAccessReview and SelfSubjectRulesReview ({@code authorization.k8s.io/v1}), which
 * {@code kubectl auth can-i} and {@code kubectl auth can-i --list} create: the caller's own
 * question, answered by the same authorizer that guards every request.
 */
final class AccessReviews {

  static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private final RequestAuthorization authorization;

  AccessReviews(RequestAuthorization authorization) {
    this.authorization = authorization;
  }

  static boolean handles(ApiRequest request) {
    return request.method().equals("POST")
        && (request.path().equals(ACCESS_REVIEWS) || request.path().equals(RULES_REVIEWS));
  }

  ApiResponse answer(Caller caller, ApiRequest request) {
    ObjectNode review = RequestBodies.decode(request);
    JsonNode spec = review.path("spec");
    ObjectNode status = review.putObject("status");
    if (request.path().equals(ACCESS_REVIEWS)) {
      status.put("allowed", authorization.allows(caller, asked(spec)));
    } else {
      rules(
          caller,
          Optional.of(spec.path("namespace").asText("")).filter(ns -> !ns.isEmpty()),
          status);
    }
    return new ApiResponse(201, review);
  }

  private static AccessRequest asked(JsonNode spec) {
    JsonNode resource = spec.path("resourceAttributes");
    if (resource.isMissingNode()) {
      JsonNode nonResource = spec.path("nonResourceAttributes");
      return AccessRequest.nonResource(
          nonResource.path("verb").asText(""), nonResource.path("path").asText(""));
    }
    return AccessRequest.resource(
        resource.path("verb").asText(""),
        resource.path("group").asText(""),
        resource.path("resource").asText(""),
        resource.path("subresource").asText(""),
        text(resource, "namespace"),
        text(resource, "name"));
  }

  private void rules(Caller caller, Optional<String> namespace, ObjectNode status) {
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    status.put("incomplete", false);
    if (caller.isMaster()) {
      ObjectNode all = resourceRules.addObject();
      all.putArray("verbs").add("*");
      all.putArray("apiGroups").add("*");
      all.putArray("resources").add("*");
      ObjectNode paths = nonResourceRules.addObject();
      paths.putArray("verbs").add("*");
      paths.putArray("nonResourceURLs").add("*");
      return;
    }
    for (PolicyRule rule : RbacAuthorizer.rules(caller, namespace, authorization.rules())) {
      boolean nonResource =
          rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty();
      ObjectNode out = (nonResource ? nonResourceRules : resourceRules).addObject();
      strings(out, "verbs", rule.getVerbs());
      if (nonResource) {
        strings(out, "nonResourceURLs", rule.getNonResourceURLs());
      } else {
        strings(out, "apiGroups", rule.getApiGroups());
        strings(out, "resources", rule.getResources());
        strings(out, "resourceNames", rule.getResourceNames());
      }
    }
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    if (values != null && !values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    return Optional.of(node.path(field).asText("")).filter(value -> !value.isEmpty());
  }
}
