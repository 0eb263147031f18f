package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.cli.backend.BackendObjects.Rotation;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.spec.RotationLimits;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rotation interval, jitter and revoke grace period a wizard run writes. A flag that is given
 * wins; otherwise a re-run keeps what the existing SecretBackend says, so a value tuned by hand is
 * not silently reset; otherwise the defaults. Kept values pass the same {@link RotationRules} as
 * the flags, and keep their text, so a re-run that changes nothing writes nothing.
 *
 * @param changes what this run changes in the existing backend's timing, e.g. {@code interval 24h
 *     -> 12h}; empty for a new backend
 */
record RotationTiming(Value interval, Value jitter, Value revokeGracePeriod, List<String> changes) {

  /** A duration and the text the SecretBackend holds for it. */
  record Value(String text, Duration duration) {

    static Value of(Duration duration) {
      return new Value(GoDuration.format(duration), duration);
    }
  }

  /** The spec fields of the timing, with the flag that sets each. */
  private enum Field {
    INTERVAL("interval", "--rotation-interval", RotationSpec::getInterval),
    JITTER("jitter", "--rotation-interval (it sets the jitter too)", RotationSpec::getJitter),
    GRACE("revokeGracePeriod", "--revoke-grace-period", RotationSpec::getRevokeGracePeriod);

    final String specName;
    final String flag;
    final Function<RotationSpec, String> getter;

    Field(String specName, String flag, Function<RotationSpec, String> getter) {
      this.specName = specName;
      this.flag = flag;
      this.getter = getter;
    }
  }

  /**
   * @param existing the rotation settings of the SecretBackend this run updates, if any
   * @throws CliException when a value breaks a rule, naming the flag that replaces it
   */
  static RotationTiming resolve(
      String backend,
      Optional<Duration> intervalFlag,
      Optional<Duration> graceFlag,
      Optional<RotationSpec> existing) {
    Kept kept = new Kept(backend, existing);

    Value interval =
        intervalFlag
            .map(given -> kept.sameOr(Field.INTERVAL, given))
            .orElseGet(
                () ->
                    kept.value(Field.INTERVAL)
                        .orElseGet(
                            () -> Value.of(GoDuration.parse(RotationSpec.DEFAULT_INTERVAL))));
    if (intervalFlag.isEmpty()) {
      kept.check(Field.INTERVAL, interval, RotationRules.interval(interval.duration()));
    }

    Value jitter =
        intervalFlag
            .map(given -> kept.sameOr(Field.JITTER, RotationRules.jitterFor(given)))
            .orElseGet(
                () ->
                    kept.value(Field.JITTER)
                        .orElseGet(() -> Value.of(RotationRules.jitterFor(interval.duration()))));
    if (intervalFlag.isEmpty()) {
      kept.check(
          Field.JITTER, jitter, RotationRules.jitter(jitter.duration(), interval.duration()));
    }

    Value grace =
        graceFlag
            .map(given -> kept.sameOr(Field.GRACE, given))
            .orElseGet(
                () ->
                    kept.value(Field.GRACE)
                        .orElseGet(
                            () ->
                                Value.of(
                                    RotationRules.defaultGracePeriodFor(interval.duration()))));
    Optional<String> graceProblem =
        RotationRules.gracePeriod(grace.duration(), interval.duration(), jitter.duration());
    if (graceFlag.isEmpty()) {
      kept.check(Field.GRACE, grace, graceProblem);
    } else if (graceProblem.isPresent()) {
      throw new CliException(
          "--revoke-grace-period "
              + grace.text()
              + " "
              + graceProblem.get()
              + " (the interval is "
              + interval.text()
              + " and the jitter "
              + jitter.text()
              + ").");
    }
    List<String> changes = new ArrayList<>();
    existing.ifPresent(
        before -> {
          noteChange(changes, Field.INTERVAL, before, interval);
          noteChange(changes, Field.JITTER, before, jitter);
          noteChange(changes, Field.GRACE, before, grace);
        });
    return new RotationTiming(interval, jitter, grace, List.copyOf(changes));
  }

  /** The rotation part of the spec, for tokens minted through {@code tokenRole}. */
  Rotation rotation(String tokenRole) {
    return new Rotation(tokenRole, interval.text(), jitter.text(), revokeGracePeriod.text());
  }

  private static void noteChange(
      List<String> changes, Field field, RotationSpec before, Value after) {
    String previous = field.getter.apply(before);
    if (previous != null && !previous.equals(after.text())) {
      changes.add(field.specName + " " + previous + " -> " + after.text());
    }
  }

  /** The values an existing backend's rotation settings give. */
  private record Kept(String backend, Optional<RotationSpec> existing) {

    /** The existing text when it means the same duration as {@code wanted}, else {@code wanted}. */
    Value sameOr(Field field, Duration wanted) {
      return existing
          .map(field.getter)
          .flatMap(Kept::parse)
          .filter(value -> value.duration().equals(wanted))
          .orElseGet(() -> Value.of(wanted));
    }

    /** The existing backend's value of {@code field}; empty without an existing backend. */
    Optional<Value> value(Field field) {
      // The API server fills in the CRD's defaults, so an unset field is rare; treat it as unset.
      Optional<String> text = existing.map(field.getter);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          parse(text.get())
              .orElseThrow(
                  () ->
                      new CliException(
                          "The "
                              + field.specName
                              + " '"
                              + text.get().replaceAll("\\p{Cntrl}", "?")
                              + "' of SecretBackend "
                              + backend
                              + " is not a duration; pass "
                              + field.flag
                              + " to set one, then run the wizard again.")));
    }

    /** Refuses a kept value that breaks a rule; values from flags or defaults are checked apart. */
    void check(Field field, Value value, Optional<String> problem) {
      boolean keptFromTheBackend = existing.map(field.getter).isPresent();
      if (keptFromTheBackend && problem.isPresent()) {
        throw new CliException(
            "The "
                + field.specName
                + " "
                + value.text()
                + " kept from SecretBackend "
                + backend
                + " "
                + problem.get()
                + "; pass "
                + field.flag
                + " to set another.");
      }
    }

    private static Optional<Value> parse(String text) {
      return RotationLimits.duration(text).map(duration -> new Value(text, duration));
    }
  }
}
