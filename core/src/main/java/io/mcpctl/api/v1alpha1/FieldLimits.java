package io.mcpctl.api.v1alpha1;

/**
 * The longest value each spec string may hold, in the CRD's schema (maxLength) and in the
 * operator's own check, for an API server that serves an older schema. Whoever may edit a
 * SecretBackend could otherwise hand the operator a value so long that the status saying it is
 * wrong could not be written, and have it repeated in every log line and event about the backend.
 */
public final class FieldLimits {

  /** Kubernetes' own limit for a Secret's name (a DNS subdomain) and for a key in its data. */
  public static final int KUBERNETES_NAME = 253;

  public static final int ADDRESS = 2048;
  public static final int OPENBAO_NAMESPACE = 512;
  public static final int MOUNT = 256;
  public static final int PATH_PREFIX = 512;
  public static final int TOKEN_ROLE = 512;
  public static final int DURATION = 64;

  private FieldLimits() {}
}
