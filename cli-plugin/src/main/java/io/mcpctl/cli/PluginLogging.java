package io.mcpctl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The plugin's logging, set up in code: off unless {@code MCPCTL_LOG_LEVEL} asks for a level, then
 * to stderr. Reading an XML file instead (Joran, a SAX parser, the date formats of every locale)
 * costs a short command about a tenth of a second before its first request. Never a token at any
 * level: the libraries log no credentials and the plugin logs none.
 *
 * <p>A {@code logback-test.xml} on the class path (the tests') or {@code
 * -Dlogback.configurationFile} still wins: this configurator then steps aside, and that file
 * decides whether trace (and with it fabric8's logging of headers and bodies) is on.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class PluginLogging extends ContextAwareBase implements Configurator {

  static final String LEVEL_VARIABLE = "MCPCTL_LOG_LEVEL";
  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || PluginLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context, level(System.getProperty(LEVEL_VARIABLE, System.getenv(LEVEL_VARIABLE))));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The root logger at {@code level}, writing to stderr unless off. */
  static void apply(LoggerContext context, Level level) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    if (level != Level.OFF) {
      root.addAppender(stderr(context));
    }
  }

  /**
   * Unset or blank means off; a word logback does not know means debug, as in its XML files; trace
   * (or all) means debug too.
   *
   * <p>Capped at debug rather than only silencing one logger: at trace, fabric8 installs its {@code
   * io.fabric8.kubernetes.client.http.HttpLoggingInterceptor}, which prints every request's headers
   * ({@code Authorization: Bearer ...}) and every request and response body (the values of
   * Secrets); it is the only thing the plugin's libraries write at trace, and a cap also keeps out
   * whatever a later library version may add there, where a list of muted loggers would miss it.
   */
  static Level level(String requested) {
    if (requested == null || requested.isBlank()) {
      return Level.OFF;
    }
    Level level = Level.toLevel(requested.strip(), Level.DEBUG);
    return level.isGreaterOrEqual(Level.DEBUG) ? level : Level.DEBUG;
  }

  private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
