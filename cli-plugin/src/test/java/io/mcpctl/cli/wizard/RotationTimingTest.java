package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.time.GoDuration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which timing a wizard run writes: the flags, else what the backend has, else the defaults. */
class RotationTimingTest {

  /**
   * @param existing the backend's interval, jitter and grace period; null for a new backend
   * @param written the interval, jitter and grace period written
   */
  record Case(
      String name,
      String intervalFlag,
      String graceFlag,
      List<String> existing,
      List<String> written,
      List<String> changes) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "a new backend gets the defaults",
            null,
            null,
            null,
            List.of("24h", "10m", "2m"),
            List.of()),
        new Case(
            "a new backend with a short interval gets a tenth of it as jitter and grace period",
            "1m",
            null,
            null,
            List.of("1m", "6s", "6s"),
            List.of()),
        new Case(
            "a re-run without flags keeps hand-tuned values as written",
            null,
            null,
            List.of("12h", "600s", "7m"),
            List.of("12h", "600s", "7m"),
            List.of()),
        new Case(
            "a given grace period replaces the kept one and is reported",
            null,
            "3m",
            List.of("12h", "30m", "7m"),
            List.of("12h", "30m", "3m"),
            List.of("revokeGracePeriod 7m -> 3m")),
        new Case(
            "a given interval sets the jitter with it and keeps the grace period",
            "6h",
            null,
            List.of("12h", "30m", "7m"),
            List.of("6h", "10m", "7m"),
            List.of("interval 12h -> 6h", "jitter 30m -> 10m")),
        new Case(
            "a flag equal to the kept value keeps its text, so nothing changes",
            "720m",
            "120s",
            List.of("12h", "10m", "2m"),
            List.of("12h", "10m", "2m"),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theTimingWritten(Case c) {
    RotationTiming timing =
        RotationTiming.resolve(
            "bao",
            Optional.ofNullable(c.intervalFlag()).map(GoDuration::parse),
            Optional.ofNullable(c.graceFlag()).map(GoDuration::parse),
            Optional.ofNullable(c.existing()).map(RotationTimingTest::rotation));

    assertThat(
            List.of(
                timing.interval().text(),
                timing.jitter().text(),
                timing.revokeGracePeriod().text()))
        .isEqualTo(c.written());
    assertThat(timing.changes()).isEqualTo(c.changes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void keptValuesAreHeldToTheRulesOfTheFlags(Refusal r) {
    assertThatThrownBy(
            () ->
                RotationTiming.resolve(
                    "bao",
                    Optional.ofNullable(r.intervalFlag()).map(GoDuration::parse),
                    Optional.empty(),
                    Optional.of(rotation(r.existing()))))
        .isInstanceOf(CliException.class)
        .hasMessage(r.message());
  }

  record Refusal(String name, String intervalFlag, List<String> existing, String message) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refusal> refusals() {
    return Stream.of(
        new Refusal(
            "a kept grace period that outlasts a new, shorter interval",
            "1m",
            List.of("24h", "10m", "7m"),
            "The revokeGracePeriod 7m kept from SecretBackend bao must end before the next"
                + " rotation (54s after the switch); lower it, such as 6s; pass"
                + " --revoke-grace-period to set another."),
        new Refusal(
            "a kept interval of the token period or longer",
            null,
            List.of("720h", "10m", "2m"),
            "The interval 720h kept from SecretBackend bao must be at least 1m and shorter than"
                + " the token period 720h, such as 24h; pass --rotation-interval to set another."),
        new Refusal(
            "a kept jitter of half the interval or more",
            null,
            List.of("1h", "30m", "2m"),
            "The jitter 30m kept from SecretBackend bao must be less than half the interval (1h);"
                + " lower it, such as 6m; pass --rotation-interval (it sets the jitter too) to set"
                + " another."),
        new Refusal(
            "a kept value that is no duration",
            null,
            List.of("daily", "10m", "2m"),
            "The interval 'daily' of SecretBackend bao is not a duration; pass --rotation-interval"
                + " to set one, then run the wizard again."));
  }

  private static RotationSpec rotation(List<String> values) {
    RotationSpec spec = new RotationSpec();
    spec.setEnabled(true);
    spec.setTokenRole("mcpctl-team-a.bao-rotator");
    spec.setInterval(values.get(0));
    spec.setJitter(values.get(1));
    spec.setRevokeGracePeriod(values.get(2));
    return spec;
  }
}
