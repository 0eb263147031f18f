package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginLoggingTest {

  @Test
  void logsNothingUnlessALevelIsAskedForAndUnknownWordsMeanDebug() {
    assertThat(PluginLogging.level(null)).isEqualTo(Level.OFF);
    assertThat(PluginLogging.level(" ")).isEqualTo(Level.OFF);
    assertThat(PluginLogging.level("debug")).isEqualTo(Level.DEBUG);
    assertThat(PluginLogging.level("WARN ")).isEqualTo(Level.WARN);
    assertThat(PluginLogging.level("chatty")).isEqualTo(Level.DEBUG);
    assertThat(PluginLogging.level("off")).isEqualTo(Level.OFF);
  }

  @Test
  void traceAndAllAreCappedAtDebugSoFabric8NeverLogsHeadersOrBodies() {
    assertThat(PluginLogging.level("trace")).isEqualTo(Level.DEBUG);
    assertThat(PluginLogging.level("TRACE")).isEqualTo(Level.DEBUG);
    assertThat(PluginLogging.level("all")).isEqualTo(Level.DEBUG);
  }

  @Test
  void offMeansNoAppenderAndALevelMeansStderr() {
    LoggerContext off = new LoggerContext();
    PluginLogging.apply(off, Level.OFF);
    assertThat(off.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.OFF);
    assertThat(appenders(off)).isEmpty();

    LoggerContext debug = new LoggerContext();
    PluginLogging.apply(debug, Level.DEBUG);
    assertThat(debug.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(appenders(debug))
        .singleElement()
        .isInstanceOfSatisfying(
            ConsoleAppender.class,
            console -> {
              assertThat(console.getTarget()).isEqualTo("System.err");
              assertThat(console.isStarted()).isTrue();
            });
  }

  @Test
  void theTestsOwnLogbackFileWins() {
    // logback-test.xml is on the test class path: the tests keep their debug log file.
    assertThat(new PluginLogging().configure(new LoggerContext()))
        .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
  }

  private static List<Appender<ILoggingEvent>> appenders(LoggerContext context) {
    List<Appender<ILoggingEvent>> found = new ArrayList<>();
    context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(found::add);
    return found;
  }
}
