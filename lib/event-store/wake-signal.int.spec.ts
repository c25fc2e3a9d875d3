import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { EVENTS_CHANNEL } from "./append";
import { createEventStore } from "./event-store";
import { increment, testMetadata, testRegistry } from "./test-fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

test("another session is woken after appends commit, and what it reads then includes every one of them", async () => {
  const listener = (await t.db.openSession())!;
  const seen: number[] = [];
  const reads: Promise<void>[] = [];
  const stop = await listener.listen(EVENTS_CHANNEL, () => {
    // What a runner in another process would read on this wake-up.
    reads.push(
      t.db.raw.$queryRaw<{ max: bigint | null }[]>`SELECT max(global_position) AS max FROM events`.then(([row]) => {
        seen.push(Number(row?.max ?? 0));
      }),
    );
  });
  try {
    const store = createEventStore(t.db, { registry: testRegistry });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.append(`counter-wake${i}`, [increment(1)], { expectedVersion: "no_stream", metadata: testMetadata() }),
      ),
    );
    const last = Math.max(...results.map((r) => r.position));
    await expect.poll(() => Math.max(0, ...seen), { timeout: 10_000 }).toBe(last);
    await Promise.all(reads);
    // Coalesced: fewer notifications than appends (each append's own NOTIFY would have sent 40).
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(40);
  } finally {
    await stop();
    await listener.close();
  }
});
