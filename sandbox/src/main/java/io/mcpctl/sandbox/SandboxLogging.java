package io.mcpctl.sandbox;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Sends the sandbox's logs to {@code DIR/sandbox.log}, keeping the terminal for the banner. */
final class SandboxLogging {

  private SandboxLogging() {}

  static void toFile(Path logFile, boolean verbose, PrintWriter err) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      err.println("Logging is not logback here, so logs stay where that binding sends them.");
      return;
    }
    context.reset();
    context.putProperty("SANDBOX_LOG", logFile.toString());
    context.putProperty("SANDBOX_LOG_LEVEL", verbose ? "DEBUG" : "INFO");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(SandboxLogging.class.getResource("logback-up.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("The sandbox's logging configuration is broken", e);
    }
  }
}
