import { describe, expect, it } from "vitest";
import { chooseReader } from "./replica";
import type { Runtime } from "./runtime";

/** A runtime whose database answers "has event at position" from a set the test moves, or is down. */
function fakeReplica(state: { has: Set<number>; down?: boolean }) {
  const raw = {
    async $queryRaw(strings: TemplateStringsArray, ...values: unknown[]) {
      if (state.down) throw new Error("connect ECONNREFUSED");
      if (strings.join("?").includes("FROM events WHERE global_position")) {
        return state.has.has(values[0] as number) ? [{}] : [];
      }
      return [{}];
    },
    async $executeRaw() {
      return 0;
    },
  };
  return { db: { raw } } as unknown as Runtime;
}
const primary = { db: {} } as unknown as Runtime;

describe("choosing where a read goes", () => {
  it("reads the primary without a replica", async () => {
    expect((await chooseReader(primary, null)).source).toBe("primary");
  });

  it("reads the replica when the reader has no write of its own to see", async () => {
    expect((await chooseReader(primary, fakeReplica({ has: new Set() }))).source).toBe("replica");
  });

  it("waits for the replica to replay the reader's own write, then reads it", async () => {
    const state = { has: new Set<number>() };
    setTimeout(() => state.has.add(42), 60);
    const reader = await chooseReader(primary, fakeReplica(state), { position: 42, waitMs: 2000, intervalMs: 10 });
    expect(reader.source).toBe("replica");
  });

  it("reads the primary when the replica has not replayed the write in time", async () => {
    const reader = await chooseReader(primary, fakeReplica({ has: new Set([41]) }), { position: 42, waitMs: 50 });
    expect(reader.source).toBe("primary");
  });

  it("reads the primary when the replica is down", async () => {
    const down = fakeReplica({ has: new Set(), down: true });
    expect((await chooseReader(primary, down)).source).toBe("primary");
    expect((await chooseReader(primary, down, { position: 1, waitMs: 10 })).source).toBe("primary");
  });
});
