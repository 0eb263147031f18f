package io.mcpctl.sandbox.demo;

import java.util.List;

/** The steps of the demo, in the order a person would take them. */
final class Story {

  private Story() {}

  static List<Step> steps() {
    return List.of(
        new StartSandbox(),
        new InstallCrd(),
        new StartOperator(),
        new CreateMcpSecrets(),
        new RunWizard(),
        new ShowHealthy(),
        new MigrateSecrets(),
        new AddConsumers(),
        new ScheduledRotation(),
        new RotateNow(),
        new SealOpenBao(),
        new UnsealOpenBao(),
        new DescribeEvents(),
        new ConsumersKeptWorking(),
        new WithoutRestarts(),
        new NoSecretShown());
  }
}
