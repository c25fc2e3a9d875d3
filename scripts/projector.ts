/**
 * `npm run projector`: runs the projections (and the billing-policy reactor)
 * and the billing clock in a process of their own, for scale-out. Start as many as you like: one
 * leads each projection, the others stand by and take over within a second
 * or two when it stops. Needs DATABASE_URL (the embedded database runs them
 * inside `npm start`).
 */
import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open";
import { startBillingClock } from "@/lib/automation/billing-clock-timer";
import { startProjector } from "@/lib/server/projector";
import { createRuntime } from "@/lib/server/runtime";

const config = readDbConfig();
if (config.kind === "embedded") {
  console.error(
    "npm run projector needs DATABASE_URL: on the embedded database, `npm start` runs the projections itself.",
  );
  process.exit(1);
}
const db = await openDatabase(config);
await migrate(db);
const runtime = createRuntime(db);
const runner = await startProjector(runtime);
const clock = process.env.BILLING_CLOCK === "off" ? null : await startBillingClock(runtime);
console.log(`[projector] running on ${describeDbConfig(config)} as pid ${process.pid}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([runner.stop(), clock?.stop()])
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}
