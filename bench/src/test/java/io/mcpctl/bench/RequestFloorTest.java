package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFloorTest {

  @Test
  void anUnknownWayIsRefusedBeforeAnythingRuns() {
    // No stand: a way that is not known must be refused before one is needed.
    RequestFloor floor = new RequestFloor(null, new Report());

    assertThatThrownBy(() -> floor.measure(List.of("model", "okhttp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--floor-ways takes some of model,model-vertx,tree,vertx,jdk,urlconnection,openbao, not 'okhttp'.");
  }
}
