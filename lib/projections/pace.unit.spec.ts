import { describe, expect, it } from "vitest";
import { rebuildPace, rebuildPaceFromEnv } from "./pace";

describe("rebuild pace", () => {
  it("does not hold an unlimited rebuild back", () => {
    const pace = rebuildPace(undefined, 0);
    expect(pace.batchSize(2000)).toBe(2000);
    expect(pace.waitMs(1_000_000, 1)).toBe(0);
  });

  it("waits until the events done fit the cap, in batches of a quarter second", () => {
    const pace = rebuildPace(200, 10_000);
    expect(pace.batchSize(2000)).toBe(50);
    expect(pace.batchSize(20)).toBe(20);
    // 100 events at 200/s take half a second: 100 ms in, wait 400 ms more.
    expect(pace.waitMs(100, 10_100)).toBe(400);
    // Behind the cap (a slow batch): no wait.
    expect(pace.waitMs(100, 11_000)).toBe(0);
  });

  it("reads the cap from the environment and refuses nonsense", () => {
    expect(rebuildPaceFromEnv({})).toBeUndefined();
    expect(rebuildPaceFromEnv({ LEDGERLINE_REBUILD_EVENTS_PER_SECOND: " 500 " })).toBe(500);
    expect(() => rebuildPaceFromEnv({ LEDGERLINE_REBUILD_EVENTS_PER_SECOND: "fast" })).toThrow(/positive number/);
    expect(() => rebuildPaceFromEnv({ LEDGERLINE_REBUILD_EVENTS_PER_SECOND: "0" })).toThrow(/positive number/);
  });
});
