import { describe, expect, test } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppendArgs } from "./append-arguments";
import { groupCommit } from "./group-commit";
import type { Queryable } from "./rows";

/** A unit's arguments: only what the grouping looks at (its stream and its events' count). */
const args = (streamId: string, events = 1) =>
  ({ streamId, events: Array.from({ length: events }, () => ({})) }) as unknown as AppendArgs;

/**
 * A database that answers each append with its stream id, records what each
 * statement carried, and holds the single statements until `release` (so
 * what is submitted meanwhile queues).
 */
function fakeDatabase({ groupError }: { groupError?: unknown } = {}) {
  const statements: { kind: "one" | "group"; streams: string[] }[] = [];
  const held: (() => void)[] = [];
  const answer = (streamId: string) => ({ outcome: "appended", result: { streamId } });
  const q = {
    async $queryRaw(query: Prisma.Sql) {
      const text = query.strings.join("?");
      if (text.includes("ledgerline_append_group")) {
        const units = JSON.parse(query.values[0] as string) as { streamId: string }[];
        statements.push({ kind: "group", streams: units.map((u) => u.streamId) });
        if (groupError) throw groupError;
        return [{ answers: units.map((u) => answer(u.streamId)) }];
      }
      const streamId = query.values[0] as string;
      statements.push({ kind: "one", streams: [streamId] });
      await new Promise<void>((resolve) => held.push(resolve));
      return [{ answer: answer(streamId) }];
    },
  } as unknown as Queryable;
  const release = async () => {
    while (held.length > 0) {
      held.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { q, statements, release };
}

const streamOf = (answer: unknown) => (answer as { result: { streamId: string } }).result.streamId;

describe("group commit", () => {
  test("a group takes its units in stream order, and each caller gets its own answer", async () => {
    const db = fakeDatabase();
    const statements = groupCommit(db.q, { inFlight: 2 });
    const calls = ["x", "y", "c", "a", "b"].map((s) => statements.one(args(s)));
    await db.release();
    expect((await Promise.all(calls)).map(streamOf)).toEqual(["x", "y", "c", "a", "b"]);
    expect(db.statements).toEqual([
      { kind: "one", streams: ["x"] },
      { kind: "one", streams: ["y"] },
      { kind: "group", streams: ["a", "b", "c"] },
    ]);
  });

  test("a group the server refuses is sent again a unit at a time, each answered alone", async () => {
    const duplicate = Object.assign(new Error("duplicate key value"), { code: "23505" });
    const db = fakeDatabase({ groupError: duplicate });
    const statements = groupCommit(db.q, { inFlight: 1 });
    const calls = ["x", "b", "a"].map((s) => statements.one(args(s)));
    await db.release();
    expect((await Promise.all(calls)).map(streamOf)).toEqual(["x", "b", "a"]);
    expect(db.statements.map((s) => s.streams)).toEqual([["x"], ["a", "b"], ["b"], ["a"]]);
  });

  test("an error that is not the server's reaches every unit of the group, and nothing is sent again", async () => {
    const db = fakeDatabase({ groupError: new Error("Connection terminated unexpectedly") });
    const statements = groupCommit(db.q, { inFlight: 1 });
    const calls = ["x", "b", "a"].map((s) => statements.one(args(s)));
    const settled = Promise.allSettled(calls);
    await db.release();
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect(db.statements).toHaveLength(2);
  });

  test("a group holds at most 32 units and stops growing past 1,000 events", async () => {
    const db = fakeDatabase();
    const statements = groupCommit(db.q, { inFlight: 1 });
    const first = statements.one(args("first"));
    const small = Array.from({ length: 40 }, (_, i) => statements.one(args(`s${String(i).padStart(2, "0")}`)));
    const large = Array.from({ length: 3 }, (_, i) => statements.one(args(`l${i}`, 600)));
    await db.release();
    await Promise.all([first, ...small, ...large]);
    // The 8 small units left after the first group go with the first large one (608 events); the second
    // large one would take that group past 1,000, so it and the third go next, each alone.
    expect(db.statements.map((s) => [s.kind, s.streams.length])).toEqual([
      ["one", 1],
      ["group", 32],
      ["group", 9],
      ["one", 1],
      ["one", 1],
    ]);
  });
});
