package io.mcpctl.operator.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.mcpctl.openbao.TokenShape;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * Logs to standard output as text or one JSON object per line. Anything shaped like an OpenBao
 * token is masked on the way out, as a last guard: the code never logs a token, and this keeps a
 * library's message from doing so either.
 */
public final class LogSetup {

  private LogSetup() {}

  public static void configure(boolean json) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    LayoutBase<ILoggingEvent> layout = json ? new JsonLayout() : new TextLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    context.getLogger("io.fabric8.kubernetes.client.informers").setLevel(Level.WARN);
    context.getLogger("io.javaoperatorsdk.operator.processing").setLevel(Level.WARN);
  }

  static String masked(String text) {
    return TokenShape.masked(text);
  }

  private static final class TextLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line =
          new StringBuilder()
              .append(Instant.ofEpochMilli(event.getTimeStamp()))
              .append(' ')
              .append(event.getLevel())
              .append(' ')
              .append(shortName(event.getLoggerName()))
              .append(" - ")
              .append(masked(event.getFormattedMessage()))
              .append('\n');
      if (event.getThrowableProxy() != null) {
        line.append(masked(ThrowableProxyUtil.asString(event.getThrowableProxy()))).append('\n');
      }
      return line.toString();
    }
  }

  private static final class JsonLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line =
          new StringBuilder("{\"time\":\"")
              .append(Instant.ofEpochMilli(event.getTimeStamp()))
              .append("\",\"level\":\"")
              .append(event.getLevel())
              .append("\",\"logger\":")
              .append(quoted(event.getLoggerName()))
              .append(",\"thread\":")
              .append(quoted(event.getThreadName()))
              .append(",\"message\":")
              .append(quoted(masked(event.getFormattedMessage())));
      if (event.getThrowableProxy() != null) {
        line.append(",\"exception\":")
            .append(quoted(masked(ThrowableProxyUtil.asString(event.getThrowableProxy()))));
      }
      return line.append("}\n").toString();
    }
  }

  private static String shortName(String loggerName) {
    int dot = loggerName.lastIndexOf('.');
    return dot < 0 ? loggerName : loggerName.substring(dot + 1);
  }

  static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : (text == null ? "" : text).toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
