import { describe, expect, test } from "vitest";
import { hashEvent, type StoredChainRow, verifyChain } from "./hash-chain";

function chain(n: number): StoredChainRow[] {
  const rows: StoredChainRow[] = [];
  for (let v = 1; v <= n; v++) {
    const content = {
      eventId: `e${v}`,
      streamId: "s-1",
      streamType: "s",
      streamVersion: v,
      eventType: "Happened",
      schemaVersion: 1,
      data: { n: v, nested: { b: 2, a: 1 } },
      metadata: { actor: { type: "system", id: "x" } },
      accountId: "acme",
      occurredAt: new Date(Date.UTC(2026, 0, v)),
      recordedAt: new Date(Date.UTC(2026, 0, v)),
      prevHash: rows.at(-1)?.hash ?? null,
    };
    rows.push({ ...content, position: v * 10, hash: hashEvent(content) });
  }
  return rows;
}

describe("hash chain", () => {
  test("the hash ignores key order but not values", () => {
    const [row] = chain(1);
    const reordered = { ...row!, data: { nested: { a: 1, b: 2 }, n: 1 } };
    expect(hashEvent(reordered)).toBe(row!.hash);
    expect(hashEvent({ ...row!, data: { ...(row!.data as object), n: 2 } })).not.toBe(row!.hash);
    expect(hashEvent({ ...row!, occurredAt: new Date(row!.occurredAt.getTime() + 1) })).not.toBe(row!.hash);
  });

  test("an intact chain with its recorded head has no problems", () => {
    const rows = chain(4);
    expect(verifyChain("s-1", rows, { version: 4, lastHash: rows[3]!.hash })).toEqual([]);
  });

  test("each kind of damage is named with the event it concerns", () => {
    const rows = chain(4);
    const head = { version: 4, lastHash: rows[3]!.hash };
    const altered = rows.map((r) => (r.streamVersion === 3 ? { ...r, data: { n: 300 } } : r));
    expect(verifyChain("s-1", altered, head).map((p) => [p.kind, p.eventId])).toEqual([["hash_mismatch", "e3"]]);

    const removed = rows.filter((r) => r.streamVersion !== 2);
    expect(verifyChain("s-1", removed, head).map((p) => [p.kind, p.version])).toEqual([
      ["missing_version", 3],
      ["broken_link", 3],
    ]);

    expect(verifyChain("s-1", rows.slice(0, 3), head).map((p) => p.kind)).toEqual(["head_mismatch"]);
    expect(verifyChain("s-1", [], head).map((p) => p.kind)).toEqual(["head_mismatch"]);
  });
});
