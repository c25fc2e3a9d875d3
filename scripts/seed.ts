/**
 * `npm run seed`: the demo data (demo mode only: the embedded database, or
 * LEDGERLINE_DEMO=1). Flags: `--seed <n>` (the same number, the same demo),
 * `--accounts <n>` (generated customers, default 200), `--large` (adds one
 * account with 100,000 events for speed checks; `--events <n>` to change it).
 */
import { parseArgs } from "node:util";
import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open";
import { seedDemoData } from "@/lib/seed/demo-seed";
import { seedLargeAccount } from "@/lib/seed/large";
import { progressLine } from "@/lib/seed/progress";
import { isDemoMode } from "@/lib/server/config";
import { createRuntime } from "@/lib/server/runtime";

const usage = "usage: npm run seed -- [--seed <n>] [--accounts <n>] [--large [--events <n>]]";
let args;
try {
  args = parseArgs({
    options: {
      seed: { type: "string" },
      accounts: { type: "string" },
      large: { type: "boolean", default: false },
      events: { type: "string" },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const whole = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) {
    console.error(`--${name} must be a whole number, not "${value}"\n${usage}`);
    process.exit(2);
  }
  return Number(value);
};
const options = { seed: whole("seed", args.seed), accounts: whole("accounts", args.accounts) };
const largeEvents = whole("events", args.events) ?? 100_000;

if (!isDemoMode()) {
  console.error(
    "Refusing to seed demo data (with its well-known API tokens) into a server database. Set LEDGERLINE_DEMO=1 if this database is for demos.",
  );
  process.exit(1);
}
const config = readDbConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  const runtime = createRuntime(db);
  const { seeded, events } = await seedDemoData(runtime, {
    ...options,
    concurrency: db.kind === "embedded" ? 1 : 4,
    onProgress: progressLine((line) => console.log(line)),
  });
  console.log(
    seeded
      ? `Seeded ${events} demo events into ${describeDbConfig(config)}.`
      : `Demo data is already in ${describeDbConfig(config)}.`,
  );
  if (args.large) {
    const log = progressLine((line) => console.log(line.replace("demo data", "large account")));
    const large = await seedLargeAccount(runtime, {
      events: largeEvents,
      onProgress: (done, total) => log(done, total, "megacorp"),
    });
    console.log(`Account ${large.accountId} has ${large.events} events.`);
  }
} finally {
  await db.close();
}
