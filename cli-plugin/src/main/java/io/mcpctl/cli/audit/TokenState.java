package io.mcpctl.cli.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a live token of the backend's role is to the backend. */
enum TokenState {
  /** In the Secret's key the consumers read. */
  CURRENT,
  /** Minted by a rotation under way and staged in the Secret, not yet switched in. */
  STAGED,
  /** Replaced, waiting in a previous slot for its revocation. */
  PREVIOUS,
  /** Held by another SecretBackend that uses the same role at the same OpenBao. */
  OTHER_BACKEND,
  /**
   * Held by no Secret, but minted so recently (or while a mint is under way) that a rotation may be
   * about to stage it; never revoked, audit again later.
   */
  RECENT,
  /**
   * Held by no Secret and not recent: left by a lost mint answer, by hand or by an older install.
   */
  ORPHAN;

  @JsonValue
  String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
