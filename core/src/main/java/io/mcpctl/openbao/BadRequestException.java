package io.mcpctl.openbao;

import java.util.List;
import java.util.Locale;

/**
 * OpenBao refused the request as invalid (400, or another 4xx without its own type); {@link
 * #errors()} carries OpenBao's messages, e.g. {@code check-and-set parameter did not match the
 * current version} or {@code unknown role R}.
 */
public final class BadRequestException extends OpenBaoException {
  public BadRequestException(String message, String request, int status, List<String> errors) {
    super(message, request, status, errors, null);
  }

  /** True when any of OpenBao's messages contains {@code fragment} (case-insensitive). */
  public boolean mentions(String fragment) {
    String needle = fragment.toLowerCase(Locale.ROOT);
    return errors().stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains(needle));
  }
}
