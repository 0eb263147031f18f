package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.bench.RotationsChart.Bar;
import io.mcpctl.bench.RotationsChart.Sample;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RotationsChartTest {

  @Test
  void eachBarIsTheIncreaseOfTheCountersWithinItsBucket() {
    List<Sample> samples =
        List.of(
            new Sample(0, 0, 0),
            new Sample(5, 2, 0),
            new Sample(10, 6, 0),
            new Sample(16, 6, 3),
            new Sample(25, 9, 4));

    assertThat(RotationsChart.bars(samples, 10))
        .containsExactly(new Bar(0, 6, 0), new Bar(10, 0, 3), new Bar(20, 3, 1));
  }

  @Test
  void drawsAStackedBarPerBucketInValidSvg() throws Exception {
    String svg =
        RotationsChart.svg(
            List.of(new Bar(0, 4, 0), new Bar(15, 1, 3), new Bar(30, 0, 0)),
            15,
            "Rotations & failures",
            "a <caption>");

    Document document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    NodeList rects = document.getElementsByTagName("rect");
    long successBars = 0;
    long failureBars = 0;
    double tallestSuccess = 0;
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (rect.getAttribute("class").equals("success")) {
        successBars++;
        tallestSuccess = Math.max(tallestSuccess, Double.parseDouble(rect.getAttribute("height")));
      } else if (rect.getAttribute("class").equals("failure")) {
        failureBars++;
      }
    }
    assertThat(successBars).as("bars with successes").isEqualTo(2);
    assertThat(failureBars).as("bars with failures").isEqualTo(1);
    assertThat(tallestSuccess).as("4 of 4 rotations fill the plot's height").isEqualTo(248.0);
    assertThat(svg).contains("Rotations &amp; failures", "a &lt;caption&gt;");
  }
}
