package io.mcpctl.api.v1alpha1;

import java.util.Set;

/**
 * The {@code Ready} condition and the reasons it carries. The reason tells the user what to do:
 * wait for or fix OpenBao (Sealed, Standby, Unreachable), re-run the wizard (TokenRejected,
 * KvAccessDenied), fix the resource or its Secret (InvalidSpec, SecretMissing, SecretInvalid,
 * SecretNotBound, DuplicateDefault), or nothing (TokenValid, RotationFailed while the old token
 * still works).
 */
public final class ReadyReasons {

  public static final String CONDITION_TYPE = "Ready";

  /** The token works (also used for static tokens, which are checked but never rotated). */
  public static final String TOKEN_VALID = "TokenValid";

  /** A kubernetes backend: plain Secrets, no token to check. */
  public static final String KUBERNETES_STORE = "KubernetesStore";

  /** OpenBao refused the token (expired, revoked or without the expected policies). */
  public static final String TOKEN_REJECTED = "TokenRejected";

  /** OpenBao answered that it is sealed. */
  public static final String SEALED = "Sealed";

  /** OpenBao answered as a standby or performance standby that cannot serve the request. */
  public static final String STANDBY = "Standby";

  /** OpenBao could not be reached (connection refused or reset, timeout, TLS, 5xx). */
  public static final String UNREACHABLE = "Unreachable";

  /** The Secret or the key named by tokenSecretRef does not exist. */
  public static final String SECRET_MISSING = "SecretMissing";

  /** The key named by tokenSecretRef is empty or holds something that is not one token. */
  public static final String SECRET_INVALID = "SecretInvalid";

  /**
   * The Secret named by tokenSecretRef is not a token Secret bound to this backend and its OpenBao
   * address, so the operator neither reads nor sends what it holds.
   */
  public static final String SECRET_NOT_BOUND = "SecretNotBound";

  /** The token no longer may read or write its namespace's KV folder. */
  public static final String KV_ACCESS_DENIED = "KvAccessDenied";

  /** Another default backend of the namespace is older and stays the default. */
  public static final String DUPLICATE_DEFAULT = "DuplicateDefault";

  /** The reconcile failed in a way the operator did not expect; it is retried. */
  public static final String RECONCILE_ERROR = "ReconcileError";

  /** The spec breaks a rule the schema states; the message names the field. */
  public static final String INVALID_SPEC = "InvalidSpec";

  /** Rotation keeps failing while the current token still works. */
  public static final String ROTATION_FAILED = "RotationFailed";

  /**
   * Not checked yet: the namespace has as many checks and revocations waiting on OpenBao as the
   * operator lets one namespace have.
   */
  public static final String NAMESPACE_BUSY = "NamespaceBusy";

  /**
   * Not checked yet: its first look at OpenBao is a rotation, which waits for a free rotation slot
   * (all taken, or the rate spent).
   */
  public static final String WAITING_FOR_ROTATION_SLOT = "WaitingForRotationSlot";

  /** The backend is being deleted and the finalizer is waiting to revoke its tokens. */
  public static final String DELETING = "Deleting";

  /**
   * A condition of its own, True while the token's policy reaches other namespaces' secrets (a
   * policy written before per-namespace isolation); removed once it no longer does.
   */
  public static final String POLICY_TOO_BROAD_CONDITION = "PolicyTooBroad";

  /** The reason of a True {@link #POLICY_TOO_BROAD_CONDITION}. */
  public static final String REACHES_OTHER_NAMESPACES = "ReachesOtherNamespaces";

  /**
   * A condition of its own, True while the token's period is shorter than the rotation role asks
   * for (OpenBao capped it at a lower max_lease_ttl); removed once the full period is granted.
   */
  public static final String TOKEN_PERIOD_CAPPED_CONDITION = "TokenPeriodCapped";

  /** The reason of a True {@link #TOKEN_PERIOD_CAPPED_CONDITION}. */
  public static final String PERIOD_CAPPED = "PeriodCapped";

  /**
   * A condition of its own, True while replaced tokens outlive their grace periods because pods
   * hold them, or fill every previous-token slot (its message says when each goes); absent
   * otherwise, a token that only waits out its grace period included.
   */
  public static final String PREVIOUS_TOKENS_WAITING_CONDITION = "PreviousTokensWaiting";

  /** True: pods that read the token only at start keep a waiting token beyond its grace period. */
  public static final String HELD_FOR_CONSUMERS = "HeldForConsumers";

  /**
   * True: every previous-token slot is taken and none is due, so the next rotation, even a
   * requested one, waits until the first of them is revoked.
   */
  public static final String ALL_SLOTS_TAKEN = "AllSlotsTaken";

  /**
   * A condition of its own, set each time the operator looks at the pods that read the token (after
   * a switch and while a previous token waits): True when none of them holds a replaced token. It
   * lives in the conditions, not in a field of its own, so that the release before this one, which
   * refuses status fields it does not know, still reads the status after a rollback.
   */
  public static final String CONSUMERS_CONDITION = "ConsumersOnCurrentToken";

  /** True: no pod in the namespace reads the token Secret. */
  public static final String NO_CONSUMERS = "NoConsumers";

  /** True: every container that reads the token uses the current one or re-reads the file. */
  public static final String ON_CURRENT_TOKEN = "OnCurrentToken";

  /** False: containers that read the token only at start hold a previous token still waiting. */
  public static final String HOLDING_PREVIOUS_TOKEN = "HoldingPreviousToken";

  /** False: containers hold a previous token that has been revoked; they fail until restarted. */
  public static final String PREVIOUS_TOKEN_REVOKED_IN_USE = "PreviousTokenRevokedInUse";

  /**
   * Unknown: the pods could not be listed (RBAC, the API unreachable); each previous token is kept
   * until its deadline, as if pods held it.
   */
  public static final String CONSUMERS_UNLISTED = "PodsNotListed";

  /** Ready=False reasons that mean OpenBao, the token or its Secret failed at the last check. */
  public static final Set<String> CHECK_FAILURES =
      Set.of(
          SEALED,
          STANDBY,
          UNREACHABLE,
          TOKEN_REJECTED,
          SECRET_MISSING,
          SECRET_INVALID,
          SECRET_NOT_BOUND,
          KV_ACCESS_DENIED);

  private ReadyReasons() {}
}
