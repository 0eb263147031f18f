package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mcpctl.cli.McpctlCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TerminalSafeWriterTest {

  /** An OSC 52 clipboard write, a window title, a carriage return, an 8-bit CSI and DEL. */
  private static final String HOSTILE =
      "a\u001b]52;c;ZXZpbA==\u0007b\u001b]0;title\u001b\\c\rd\u009b2Je\u007ff\u0000g";

  @Test
  void controlCharactersArePrintedAsQuestionMarksWhateverTheWriteCall() {
    StringWriter sink = new StringWriter();
    PrintWriter out = TerminalSafeWriter.around(sink);

    out.print(HOSTILE);
    out.print(HOSTILE.toCharArray());
    for (char c : HOSTILE.toCharArray()) {
      out.write(c);
    }
    out.write(HOSTILE, 1, 6);
    out.flush();

    String shown = "a?]52;c;ZXZpbA==?b?]0;title?\\c?d?2Je?f?g";
    assertThat(sink.toString()).isEqualTo(shown + shown + shown + "?]52;c");
  }

  @Test
  void thePluginsOwnOutputAndErrorsPassTheFilter() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      CommandLine commandLine =
          McpctlCommand.commandLine(CliContext.system(), new String[] {"version"});

      commandLine.getOut().print("out\u001b]0;x\u0007");
      commandLine.getOut().flush();
      commandLine.getErr().print("err\u009b2J");
      commandLine.getErr().flush();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("out?]0;x?err?2J");
  }

  @Test
  void tabsLineBreaksAndNonAsciiTextPassAsTheyAre() {
    StringWriter sink = new StringWriter();
    PrintWriter out = TerminalSafeWriter.around(sink);
    String text = "NAME\tREADY\nbao\tTrue — naïve 日本 🔑\n";

    out.print(text);
    out.flush();

    assertThat(sink.toString()).isEqualTo(text);
  }

  @Test
  void jsonAndYamlOutputPassesExactSoTheValuesReadBackUnchanged() throws Exception {
    Map<String, String> document = Map.of("value", HOSTILE + "\u0085\u200b");
    for (boolean json : new boolean[] {true, false}) {
      StringWriter sink = new StringWriter();
      PrintWriter out = TerminalSafeWriter.around(sink);

      out.print(json ? Renderers.json(document) : Renderers.yaml(document));
      out.flush();

      ObjectMapper reader = json ? new ObjectMapper() : new YAMLMapper();
      assertThat(reader.readValue(sink.toString(), Map.class))
          .as(sink.toString())
          .isEqualTo(document);
    }
  }
}
