import client from "prom-client";

/**
 * This process's Prometheus metrics (GET /api/metrics). Counters and the
 * latency histogram are kept in memory per process; projection gauges are
 * read from the database at scrape time (see lib/metrics/projection-gauges.ts).
 */
interface Metrics {
  registry: client.Registry;
  appended: client.Counter<"type">;
  commandDuration: client.Histogram<"command" | "outcome">;
  rejections: client.Counter<"command" | "code">;
  projectionErrors: client.Counter<"projection">;
  projectionEvents: client.Counter<"projection">;
}

const holder = globalThis as unknown as { __ledgerlineMetrics?: Metrics };

export function metrics(): Metrics {
  if (holder.__ledgerlineMetrics) return holder.__ledgerlineMetrics;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerline_process_" });
  holder.__ledgerlineMetrics = {
    registry,
    appended: new client.Counter({
      name: "ledgerline_events_appended_total",
      help: "Events appended by this process, by event type",
      labelNames: ["type"],
      registers: [registry],
    }),
    commandDuration: new client.Histogram({
      name: "ledgerline_command_duration_seconds",
      help: "Command handling latency (validate, load, decide, append), by command and outcome",
      labelNames: ["command", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    rejections: new client.Counter({
      name: "ledgerline_command_rejections_total",
      help: "Commands refused by a business rule or a conflict, by command and code",
      labelNames: ["command", "code"],
      registers: [registry],
    }),
    projectionErrors: new client.Counter({
      name: "ledgerline_projection_errors_total",
      help: "Failed projection batches in this process (poison events, lost leases excluded)",
      labelNames: ["projection"],
      registers: [registry],
    }),
    projectionEvents: new client.Counter({
      name: "ledgerline_projection_events_total",
      help: "Events moved past by this process's projection runners",
      labelNames: ["projection"],
      registers: [registry],
    }),
  };
  return holder.__ledgerlineMetrics;
}

export function countAppendedEvents(events: readonly { type: string }[]) {
  const { appended } = metrics();
  for (const event of events) appended.inc({ type: event.type });
}
