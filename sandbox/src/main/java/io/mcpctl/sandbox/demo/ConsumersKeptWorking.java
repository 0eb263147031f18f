package io.mcpctl.sandbox.demo;

import io.mcpctl.sandbox.kube.ConsumerLoops;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consumers' own account of the rotations: requests made and refused per workload, across every
 * pod a restart replaced. A rotation must never make OpenBao refuse a consumer's token; a sealed
 * OpenBao refusing everyone is counted apart.
 */
final class ConsumersKeptWorking implements Step {

  @Override
  public String title() {
    return "Count what the consumers saw across the rotations: no token refused";
  }

  @Override
  public void run(DemoRun run) {
    Map<String, long[]> byWorkload = new TreeMap<>();
    List<ConsumerLoops.Counts> counts = run.kubernetes().api().consumers();
    for (ConsumerLoops.Counts consumer : counts) {
      long[] sums =
          byWorkload.computeIfAbsent(
              consumer.workload() + " (" + consumer.readsBy() + ")", unused -> new long[4]);
      sums[0]++;
      sums[1] += consumer.requests();
      sums[2] += consumer.rejected();
      sums[3] += consumer.unavailable();
    }
    long refused = 0;
    for (Map.Entry<String, long[]> workload : byWorkload.entrySet()) {
      long[] sums = workload.getValue();
      refused += sums[2];
      run.transcript()
          .note(
              String.format(
                  "%-36s %d requests, %d refused (token), %d while sealed",
                  workload.getKey(), sums[1], sums[2], sums[3]));
    }
    if (byWorkload.size() < 3) {
      throw new StepFailed(
          "Only " + byWorkload.size() + " of the 3 consumer workloads called OpenBao.");
    }
    if (refused > 0) {
      throw new StepFailed(
          refused
              + " requests of the consumers were refused by OpenBao: a rotation revoked a token"
              + " a consumer still used.");
    }
    run.transcript()
        .note(
            "every consumer kept working through the rotations: env and subPath pods were"
                + " restarted by the operator before their old token was revoked; the volume pod"
                + " picked the new token up by itself");
  }
}
