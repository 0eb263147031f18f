package io.mcpctl.sandbox.openbao.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A conformance test that needs what only the stand-in offers (moving its clock, sealing it,
 * injecting faults); skipped when the suite runs against a real OpenBao.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StandInOnly {
  /** Why the test cannot run against a real server. */
  String value();
}
