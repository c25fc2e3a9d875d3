import type { Database } from "@/lib/db/types";
import type { RecordedEvent } from "@/lib/event-store";
import { issueCommand } from "@/lib/automation/issue-command";
import type { Runtime } from "@/lib/server/runtime";
import { defineReadModel, type ReadModel } from "../types";

/** A small read model for the engine's own tests: events per account. Its table is created by the test. */
export async function createCountsTable(db: Database) {
  await db.prisma.$executeRawUnsafe(`
    CREATE TABLE IF NOT EXISTS rm_test_counts (account_id TEXT PRIMARY KEY, events INTEGER NOT NULL, last_position BIGINT NOT NULL)`);
}

interface Count {
  accountId: string;
  events: number;
  lastPosition: number;
}

export function countsProjection(
  options: { version?: number; poison?: (event: RecordedEvent) => boolean; weight?: number } = {},
): ReadModel {
  return defineReadModel({
    name: "test-counts",
    version: options.version ?? 1,
    eventTypes: ["AccountOpened", "AccountRenamed", "BillingContactChanged", "AccountClosed"],
    tables: {
      rm_test_counts: {
        key: ["account_id"],
        columns: { account_id: "text", events: "integer", last_position: "bigint" },
        fromRow: (row: { account_id: string; events: number; last_position: bigint }) => ({
          accountId: row.account_id,
          events: row.events,
          lastPosition: Number(row.last_position),
        }),
        toRow: (c: Count) => ({ account_id: c.accountId, events: c.events, last_position: c.lastPosition }),
      },
    },
    keys: (event) => ({ rm_test_counts: [event.accountId] }),
    fold(rows, event) {
      if (options.poison?.(event)) throw new Error(`cannot count ${event.type} ${JSON.stringify(event.data)}`);
      const events = (rows.rm_test_counts.get(event.accountId)?.events ?? 0) + (options.weight ?? 1);
      rows.rm_test_counts.set(event.accountId, { accountId: event.accountId, events, lastPosition: event.position });
    },
  });
}

/** What the counts read model should hold, straight from the log. */
export async function expectedCounts(db: Database, weight = 1) {
  const rows = await db.prisma.$queryRaw<{ account_id: string; n: bigint }[]>`
    SELECT account_id, count(*) AS n FROM events
    WHERE event_type IN ('AccountOpened', 'AccountRenamed', 'BillingContactChanged', 'AccountClosed')
    GROUP BY account_id ORDER BY account_id`;
  return rows.map((r) => ({ accountId: r.account_id, events: Number(r.n) * weight }));
}

export async function actualCounts(db: Database) {
  const rows = await db.prisma.$queryRaw<{ account_id: string; events: number }[]>`
    SELECT account_id, events FROM rm_test_counts ORDER BY account_id`;
  return rows.map((r) => ({ accountId: r.account_id, events: r.events }));
}

let serial = 0;
/** Opens an account and renames it `renames` times: 1 + renames counted events. */
export async function accountWithHistory(runtime: Runtime, renames = 2, prefix = "acct") {
  const accountId = `${prefix}${++serial}${Date.now().toString(36)}`;
  const caller = { system: "test" } as const;
  await issueCommand(runtime, {
    type: "OpenAccount",
    data: { accountId, name: "Test Co", billingEmail: "t@t.example", currency: "USD" },
    caller,
    source: "system",
  });
  for (let i = 0; i < renames; i++) {
    await issueCommand(runtime, {
      type: "RenameAccount",
      data: { accountId, name: `Test Co ${i}` },
      caller,
      source: "system",
    });
  }
  return accountId;
}
