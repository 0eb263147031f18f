package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.RotationSpec;

/**
 * A schedule sized for a demo. The wizard writes the default jitter and grace period, made for a
 * daily rotation; with a one-minute interval the operator wants the jitter under half of it, and a
 * replaced token revoked well before the next rotation.
 */
final class DemoSchedule implements Step {

  @Override
  public String title() {
    return "Shrink jitter and grace period to demo size";
  }

  @Override
  public void run(DemoRun run) {
    run.transcript()
        .note(
            "rotate every "
                + DemoRun.ROTATION_INTERVAL
                + " ± "
                + DemoRun.DEMO_JITTER
                + " and revoke a replaced token "
                + DemoRun.DEMO_REVOKE_GRACE_PERIOD
                + " after the switch (defaults: ± "
                + RotationSpec.DEFAULT_JITTER
                + ", "
                + RotationSpec.DEFAULT_REVOKE_GRACE_PERIOD
                + ")");
    String patch =
        "{\"spec\":{\"openbao\":{\"auth\":{\"rotation\":{\"jitter\":\""
            + DemoRun.DEMO_JITTER
            + "\",\"revokeGracePeriod\":\""
            + DemoRun.DEMO_REVOKE_GRACE_PERIOD
            + "\"}}}}}";
    run.shell()
        .run("kubectl", "patch", "sb", DemoRun.BACKEND, "--type", "merge", "-p", patch)
        .succeeded()
        .printed("secretbackend.mcpctl.io/" + DemoRun.BACKEND + " patched");
  }
}
