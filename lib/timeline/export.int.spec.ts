import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ApiHarness, createApiHarness } from "@/lib/testing/api-harness";
import { exportBatches, type ExportOptions, type ExportRow } from "./export";
import type { TimelineFilters } from "./filters";

let api: ApiHarness;
const accountId = "batches";

async function command(type: string, body: Record<string, unknown>) {
  const res = await api.command(type, { body });
  expect(res.status, res.text).toBe(200);
}

async function collect(filters: TimelineFilters = {}, options: ExportOptions = {}) {
  const batches: ExportRow[][] = [];
  for await (const batch of exportBatches(api.runtime, accountId, filters, options)) batches.push(batch);
  return { batches, positions: batches.flat().map((r) => r.position) };
}

beforeAll(async () => {
  api = await createApiHarness();
  await command("OpenAccount", { accountId, name: "Batches Ltd", billingEmail: "ap@batches.example", currency: "USD" });
  await command("PurchasePlan", { accountId, plan: "starter", interval: "monthly", seats: 1 });
  for (const seats of [2, 3, 4]) await command("ChangeSeats", { accountId, seats });
  // Another account's events interleave with this one's and must stay out.
  await command("OpenAccount", {
    accountId: "other",
    name: "Other",
    billingEmail: "ap@other.example",
    currency: "USD",
  });
  await command("UpgradePlan", { accountId, plan: "pro" });
  await api.project();
});
afterAll(async () => api?.drop());

describe("exportBatches", () => {
  test("pages through the keyset in batches without gaps or repeats", async () => {
    const whole = await collect();
    expect(whole.batches).toHaveLength(1);
    const count = whole.positions.length;
    expect(count).toBeGreaterThan(7);
    expect(whole.positions).toEqual([...whole.positions].sort((a, b) => b - a));

    const small = await collect({}, { batchSize: 2 });
    expect(small.batches.map((b) => b.length)).toEqual([
      ...Array<number>(Math.floor(count / 2)).fill(2),
      ...(count % 2 ? [1] : []),
    ]);
    expect(small.positions).toEqual(whole.positions);
    expect(small.batches.flat()).toEqual(whole.batches.flat());
  });

  test("oldest first, in batches, is the same events reversed", async () => {
    const whole = await collect();
    expect((await collect({}, { order: "asc", batchSize: 3 })).positions).toEqual(whole.positions.toReversed());
  });

  test("filters apply on every batch", async () => {
    const seats = await collect({ types: ["SeatsChanged"] }, { batchSize: 2 });
    expect(seats.batches.map((b) => b.length)).toEqual([2, 1]);
    expect(seats.batches.flat().every((r) => r.type === "SeatsChanged")).toBe(true);
    expect((await collect({ types: ["AccountClosed"] }, { order: "asc" })).batches).toEqual([]);
  });

  test("events recorded while an export runs are left out, in either order", async () => {
    for (const order of ["desc", "asc"] as const) {
      const before = (await collect({}, { order })).positions;
      const iterator = exportBatches(api.runtime, accountId, {}, { order, batchSize: 2 });
      const first = await iterator.next();
      const seen = first.done ? [] : first.value.map((r) => r.position);
      await command("ChangeSeats", { accountId, seats: order === "desc" ? 8 : 9 });
      await api.project();
      for await (const batch of { [Symbol.asyncIterator]: () => iterator }) seen.push(...batch.map((r) => r.position));
      expect(seen, order).toEqual(before);
    }
  });
});
