import { describe, expect, test } from "vitest";
import type { RecordedEvent } from "@/lib/event-store";
import { LogPages } from "./log-pages";

/** A log of `size` events at positions 1..size, read through a counter. */
function fakeLog(size: number) {
  const reads: string[] = [];
  const read = async (after: number, limit: number) => {
    reads.push(`${after}:${limit}`);
    await new Promise((r) => setTimeout(r, 1));
    const events = [];
    for (let p = after + 1; p <= Math.min(size, after + limit); p++) events.push({ position: p } as RecordedEvent);
    return events;
  };
  return { reads, read };
}

/** A reader going through the log page by page, `work` ms per page; returns the positions it saw. */
async function follow(pages: LogPages, name: string, limit: number, work: number) {
  const seen: number[] = [];
  for (let after = 0; ;) {
    const events = await pages.read(name, after, limit);
    if (events.length === 0) return seen;
    seen.push(...events.map((e) => e.position));
    after = events.at(-1)!.position;
    await new Promise((r) => setTimeout(r, work));
  }
}

describe("LogPages", () => {
  test("readers going through the log together read each full page once", async () => {
    const log = fakeLog(100);
    const pages = new LogPages(log.read, 3);
    const [fast, slow] = await Promise.all([follow(pages, "fast", 10, 0), follow(pages, "slow", 10, 20)]);
    expect(fast).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(slow).toEqual(fast);
    // Ten full pages, then the empty tail, which is never kept (each reader reads it).
    expect(log.reads.filter((r) => r !== "100:10")).toHaveLength(10);
    expect(pages.stats.waits).toBeGreaterThan(0);
  });

  test("a short page (the tail) is not kept: a later read sees what was added", async () => {
    let size = 5;
    const reads: number[] = [];
    const pages = new LogPages(async (after, limit) => {
      reads.push(after);
      return Array.from({ length: Math.max(0, Math.min(size, after + limit) - after) }, (_, i) => ({
        position: after + i + 1,
      })) as RecordedEvent[];
    }, 3);
    expect(await pages.read("a", 0, 10)).toHaveLength(5);
    size = 8;
    expect(await pages.read("b", 0, 10)).toHaveLength(8);
    expect(reads).toEqual([0, 0]);
  });

  test("a reader far behind holds nobody up: it reads its own pages", async () => {
    const log = fakeLog(60);
    const pages = new LogPages(log.read, 2);
    await follow(pages, "ahead", 10, 0);
    const started = Date.now();
    // Another reader starts from the beginning later: the one ahead is not waiting for it, nor it for anyone.
    expect(await follow(pages, "behind", 10, 0)).toHaveLength(60);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test("a failed read is not kept: the next reader tries again", async () => {
    let fail = true;
    const pages = new LogPages(async (after) => {
      if (fail) throw new Error("connection lost");
      return [{ position: after + 1 }] as RecordedEvent[];
    }, 3);
    await expect(pages.read("a", 0, 1)).rejects.toThrow("connection lost");
    fail = false;
    expect(await pages.read("a", 0, 1)).toEqual([{ position: 1 }]);
  });
});
