package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

  private static final ObjectNode EVENT =
      Json.parseObject(
          """
          {"metadata":{"name":"bao.1","namespace":"team-a"},
           "involvedObject":{"kind":"SecretBackend","name":"bao","namespace":"team-a","uid":"u-1"},
           "type":"Warning"}
          """);

  @ParameterizedTest(name = "{0} matches: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "involvedObject.name=bao,involvedObject.namespace=team-a,involvedObject.kind=SecretBackend,involvedObject.uid=u-1"
            + " | true",
        "involvedObject.name=other | false",
        "involvedObject.name==bao | true",
        "type!=Normal | true",
        "type!=Warning | false",
        "metadata.name=bao.1,involvedObject.uid=u-2 | false",
        "'' | true"
      })
  void selectsByFieldValues(String selector, boolean matches) {
    assertThat(FieldSelector.parse(selector).matches(EVENT)).isEqualTo(matches);
  }

  @Test
  void aTermWithoutAnOperatorIsABadRequest() {
    assertThatThrownBy(() -> FieldSelector.parse("involvedObject.name"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
