package io.mcpctl.sandbox.openbao.sys;

/** The OpenBao release the stand-in imitates; health and seal-status report it. */
public final class StandInVersion {
  public static final String VERSION = "2.6.2";

  private StandInVersion() {}
}
