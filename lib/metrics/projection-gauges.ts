import client from "prom-client";
import { readHorizonHealth, readProjectionHealth } from "@/lib/projections/health";
import type { Projection } from "@/lib/projections/types";
import type { Runtime } from "@/lib/server/runtime";
import { metrics } from "./registry";

type Gauges = Record<"lag" | "lagSeconds" | "throughput" | "failed" | "checkpoint", client.Gauge<"projection">> &
  Record<"horizonWaiting" | "horizonStuck", client.Gauge>;

const holder = globalThis as unknown as { __ledgerlineGauges?: Gauges };

function gauges(): Gauges {
  if (holder.__ledgerlineGauges) return holder.__ledgerlineGauges;
  const registers = [metrics().registry];
  const perProjection = (name: string, help: string) =>
    new client.Gauge({ name, help, labelNames: ["projection"] as const, registers });
  holder.__ledgerlineGauges = {
    lag: perProjection("ledgerline_projection_lag_events", "Events after the projection's checkpoint"),
    lagSeconds: perProjection("ledgerline_projection_lag_seconds", "Age of the oldest event not yet applied"),
    throughput: perProjection(
      "ledgerline_projection_throughput_events_per_second",
      "Events applied per second, last minute",
    ),
    failed: perProjection("ledgerline_projection_failed", "1 while the projection is stopped on a failed event"),
    checkpoint: perProjection("ledgerline_projection_checkpoint_position", "Global position of the checkpoint"),
    horizonWaiting: new client.Gauge({
      name: "ledgerline_horizon_waiting_events",
      help: "Committed events behind an open transaction",
      registers,
    }),
    horizonStuck: new client.Gauge({
      name: "ledgerline_horizon_stuck_seconds",
      help: "How long the oldest waiting event has waited",
      registers,
    }),
  };
  return holder.__ledgerlineGauges;
}

/** Projection gauges are read from the database at scrape time, so any process reports the truth. */
export async function updateProjectionGauges(runtime: Runtime, projections: readonly Projection[]) {
  const g = gauges();
  for (const health of await readProjectionHealth(runtime, projections)) {
    const labels = { projection: health.name };
    g.lag.set(labels, health.lagEvents);
    g.lagSeconds.set(labels, health.lagSeconds);
    g.throughput.set(labels, health.throughput);
    g.failed.set(labels, health.status === "failed" ? 1 : 0);
    g.checkpoint.set(labels, health.checkpoint);
  }
  const horizon = await readHorizonHealth(runtime);
  g.horizonWaiting.set(horizon.waitingEvents);
  g.horizonStuck.set(horizon.oldestWaitingSeconds);
}
