package io.mcpctl.sandbox.openbao.logical;

import java.util.List;

/**
 * An error answer in OpenBao's shape: a status and the {@code errors} list. OpenBao words the same
 * failure two ways: a handler's error response carries its plain message, while a bare Go error is
 * wrapped by go-multierror; {@link #wrapped} reproduces that wrapping.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final List<String> errors;

  private ApiError(int status, List<String> errors) {
    super(errors.isEmpty() ? "status " + status : errors.get(0), null, false, false);
    this.status = status;
    this.errors = errors;
  }

  /** {@code {"errors":["message"]}} with the message as written. */
  public static ApiError plain(int status, String message) {
    return new ApiError(status, List.of(message));
  }

  /** {@code {"errors":["1 error occurred:\n\t* message\n\n"]}}, the go-multierror form. */
  public static ApiError wrapped(int status, String message) {
    return new ApiError(status, List.of(multierror(message)));
  }

  /** {@code {"errors":[]}}, as for a read that found nothing. */
  public static ApiError empty(int status) {
    return new ApiError(status, List.of());
  }

  public static ApiError badRequest(String message) {
    return plain(400, message);
  }

  public static ApiError permissionDenied() {
    return plain(403, "permission denied");
  }

  public static ApiError aclDenied() {
    return wrapped(403, "permission denied");
  }

  public static ApiError unsupportedPath() {
    return wrapped(404, "unsupported path");
  }

  public static ApiError unsupportedOperation() {
    return wrapped(405, "unsupported operation");
  }

  public static String multierror(String message) {
    return "1 error occurred:\n\t* " + message + "\n\n";
  }

  public int status() {
    return status;
  }

  public List<String> errors() {
    return errors;
  }
}
