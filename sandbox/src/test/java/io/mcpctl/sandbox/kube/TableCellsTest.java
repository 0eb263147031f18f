package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableCellsTest {

  @ParameterizedTest(name = "{0} as {1} gives {2}")
  @CsvSource({
    ".spec.type, string, openbao",
    ".spec.replicas, integer, 3",
    ".spec.enabled, boolean, true",
    ".spec.items[1].name, string, second",
    ".metadata.labels.app\\.kubernetes\\.io/name, string, mcpctl",
    ".status.since, date, 60m",
    ".spec.missing, string, null",
    ".spec.type, integer, null"
  })
  void customColumnCellsFollowTheColumnType(String jsonPath, String type, String expected) {
    ObjectNode object =
        Json.parseObject(
            """
            {"metadata":{"labels":{"app.kubernetes.io/name":"mcpctl"}},
             "spec":{"type":"openbao","replicas":3,"enabled":true,"items":[{"name":"first"},{"name":"second"}]},
             "status":{"since":"2030-01-01T11:00:00Z"}}
            """);

    String cell =
        TableCells.customColumnCell(object, jsonPath, type, Instant.parse("2030-01-01T12:00:00Z"))
            .asText();

    assertThat(cell).isEqualTo(expected);
  }
}
