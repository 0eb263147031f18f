package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.backend.BackendObjects.Rotation;
import io.mcpctl.spec.SpecValidator;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rotation settings the wizard writes must pass the operator's own spec validation. */
class WizardRotationSpecTest {

  @ParameterizedTest(name = "an interval of {0} gets a jitter of {1}")
  @CsvSource({"24h, 10m", "2h, 10m", "1h, 6m", "20m, 2m", "1m, 6s"})
  void theJitterIsTheCrdDefaultButAtMostATenthOfTheInterval(String interval, String jitter) {
    assertThat(GoDuration.format(RotationRules.jitterFor(GoDuration.parse(interval))))
        .isEqualTo(jitter);
  }

  @ParameterizedTest(name = "a {0} interval with a {1} grace period is accepted by the operator")
  @CsvSource({"24h, 2m", "1h, 2m", "1m, 5s"})
  void theSpecTheWizardWritesIsOneTheOperatorAccepts(String interval, String grace) {
    Duration parsedInterval = GoDuration.parse(interval);
    SecretBackendSpec spec =
        BackendObjects.openBaoSpec(
            new BackendNames("bao"),
            new OpenBaoTarget("https://bao.example.com:8200", "secret", "mcpctl", false, false),
            Optional.of(
                new Rotation(
                    "mcpctl-bao-rotator",
                    interval,
                    GoDuration.format(RotationRules.jitterFor(parsedInterval)),
                    grace)),
            true);

    SpecValidator.Result result = SpecValidator.validate(spec);

    assertThat(result.problem()).isEmpty();
    assertThat(result.spec()).isPresent();
  }
}
