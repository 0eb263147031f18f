package io.mcpctl.cli.common;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The admin token is the one secret a command sends that can do everything; over plain http to
 * another machine anyone on the network path may read it. Tests and the sandbox talk to loopback,
 * where nothing crosses a network.
 */
public final class PlainHttpWarning {

  private PlainHttpWarning() {}

  /** Warns on {@code err} when {@code address} is plain http to a host that is not loopback. */
  public static void warnIfAdminTokenTravelsInClear(URI address, PrintWriter err) {
    if (!"http".equalsIgnoreCase(address.getScheme()) || isLoopback(address.getHost())) {
      return;
    }
    err.println(
        "warning: "
            + address
            + " is plain http, so the admin token crosses the network unencrypted; use https"
            + " outside of tests.");
    err.flush();
  }

  private static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    if (!name.matches("[0-9.]+") && !name.startsWith("[")) {
      // A name is not resolved: whatever it resolves to now, the token goes wherever it does.
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }
}
