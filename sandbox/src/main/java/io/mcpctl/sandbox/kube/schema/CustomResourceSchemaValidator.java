package io.mcpctl.sandbox.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Defaults and validates a custom resource against its CRD's {@code openAPIV3Schema} as the
 * Kubernetes API server does on create, update and patch: defaults first, in place; then type,
 * enum, pattern, required and unknown fields (allowed only under {@code
 * x-kubernetes-preserve-unknown-fields}); metadata is only checked to be an object. Last, the CEL
 * rules ({@code x-kubernetes-validations}), on a resource that passed the OpenAPI checks so that a
 * missing field is reported once rather than again as a rule evaluation error. Transition rules
 * (reading {@code oldSelf}) are skipped: they need the stored object.
 *
 * <p>Thread-safe: one instance per CRD version can serve concurrent requests.
 */
public final class CustomResourceSchemaValidator {

  private final SchemaNode schema;
  private final StructuralValidator structuralValidator = new StructuralValidator();
  private final ValidationRules validationRules;

  private CustomResourceSchemaValidator(SchemaNode schema) {
    this.schema = schema;
    this.validationRules = ValidationRules.compile(schema);
  }

  /**
   * @param openApiV3Schema a CRD version's {@code schema.openAPIV3Schema}
   * @throws IllegalArgumentException when the schema is not a JSON object or one of its CEL rules
   *     does not compile
   */
  public static CustomResourceSchemaValidator fromOpenApiV3Schema(JsonNode openApiV3Schema) {
    if (openApiV3Schema == null || !openApiV3Schema.isObject()) {
      throw new IllegalArgumentException(
          "The openAPIV3Schema must be a JSON object; pass a CRD version's"
              + " schema.openAPIV3Schema.");
    }
    return new CustomResourceSchemaValidator(new SchemaNode(openApiV3Schema.deepCopy()));
  }

  /**
   * Applies the schema's defaults to {@code customResource} in place, then validates it.
   *
   * @return the rejected fields in document order; empty when the resource is valid
   */
  public List<FieldError> defaultAndValidate(ObjectNode customResource) {
    SchemaDefaulter.apply(schema, customResource);
    List<FieldError> errors = new ArrayList<>();
    structuralValidator.validateResource(schema, customResource, errors);
    if (errors.isEmpty()) {
      validationRules.evaluate(schema, customResource, "", errors);
    }
    return List.copyOf(errors);
  }
}
