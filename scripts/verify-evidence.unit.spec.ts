import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type HashedContent, hashEvent as storeHash } from "@/lib/event-store/hash-chain";
import { EVIDENCE_FORMAT, HASHED_FIELDS } from "@/lib/evidence/format";
import {
  canonicalJson,
  describeProblem,
  FORMAT,
  HASHED_FIELDS as SCRIPT_FIELDS,
  hashEvent as scriptHash,
  verifyBundle,
} from "./verify-evidence.mjs";

// JSON values as events hold them: unicode strings (lone surrogates too), every kind of number, nesting, nulls.
const scalar = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, -0.5, 1e21, 1e-7, -1e300, 2 ** 53 + 2, 123456789012345680000, 4.35, 0, -0),
  fc.boolean(),
  fc.constant(null),
);
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), tie("value"), { maxKeys: 6 }),
  ),
}));
const instant = fc.date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("9999-12-31") });

const content: fc.Arbitrary<HashedContent> = fc.record({
  eventId: fc.uuid(),
  streamId: fc.string({ unit: "grapheme", minLength: 1 }),
  streamType: fc.string({ minLength: 1 }),
  streamVersion: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  eventType: fc.string({ minLength: 1 }),
  schemaVersion: fc.integer({ min: 1, max: 99 }),
  data: fc.dictionary(fc.string({ unit: "binary", maxLength: 8 }), jsonValue, { maxKeys: 8 }),
  metadata: jsonValue,
  accountId: fc.string({ unit: "grapheme", minLength: 1 }),
  occurredAt: instant,
  recordedAt: instant,
  prevHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
});

/** An event as a bundle carries it, after a trip through JSON text. */
const asBundled = (c: HashedContent) =>
  JSON.parse(
    JSON.stringify({
      ...c,
      position: 7,
      inPeriod: true,
      occurredAt: c.occurredAt.toISOString(),
      recordedAt: c.recordedAt.toISOString(),
    }),
  ) as Record<string, unknown>;

describe("verify-evidence.mjs", () => {
  test("its canonical JSON equals the canonicalize package's on any JSON value", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 1000 },
    );
  });

  test("its hash of a bundled event equals the store's hashEvent", () => {
    fc.assert(
      fc.property(content, (c) => {
        expect(scriptHash(asBundled(c))).toBe(storeHash(c));
      }),
      { numRuns: 500 },
    );
  });

  test("a known event: key order is ignored, any changed value changes the hash", () => {
    const c: HashedContent = {
      eventId: "7d3c1f2e-0000-4000-8000-000000000001",
      streamId: "invoice-x",
      streamType: "invoice",
      streamVersion: 2,
      eventType: "PaymentRecorded",
      schemaVersion: 1,
      data: { amount: 5000, method: "card", contact: { $pd: "a" }, note: "café ✓ 𝄞" },
      metadata: { actor: { type: "user", id: "dana" }, reason: null },
      accountId: "acme",
      occurredAt: new Date("2026-03-02T10:00:00.000Z"),
      recordedAt: new Date("2026-03-02T10:00:00.123Z"),
      prevHash: "ab".repeat(32),
    };
    const bundled = asBundled(c);
    expect(scriptHash(bundled)).toBe(storeHash(c));
    expect(
      scriptHash({ ...bundled, data: { note: "café ✓ 𝄞", method: "card", contact: { $pd: "a" }, amount: 5000 } }),
    ).toBe(storeHash(c));
    expect(scriptHash({ ...bundled, data: { ...(bundled.data as object), amount: 5001 } })).not.toBe(storeHash(c));
    // position and inPeriod are the bundle's, not the event's: outside the hash.
    expect(scriptHash({ ...bundled, position: 8, inPeriod: false })).toBe(storeHash(c));
  });
});

describe("verifyBundle", () => {
  /** A bundle of one stream of `n` versions (its head at n) holding versions from..to. */
  function bundleOf(n: number, from = 1, to = n) {
    const rows: (Record<string, unknown> & { hash: string })[] = [];
    for (let v = 1; v <= n; v++) {
      const c = {
        eventId: `e${v}`,
        streamId: "invoice-9",
        streamType: "invoice",
        streamVersion: v,
        eventType: "PaymentRecorded",
        schemaVersion: 1,
        data: { amount: v * 100 },
        metadata: {},
        accountId: "acme",
        occurredAt: new Date(Date.UTC(2026, 0, v)),
        recordedAt: new Date(Date.UTC(2026, 0, v)),
        prevHash: (rows.at(-1)?.hash as string | undefined) ?? null,
      };
      rows.push({ ...asBundled(c), position: 100 + v, hash: storeHash(c) });
    }
    const events = rows.slice(from - 1, to);
    return {
      format: "ledgerline-evidence/1",
      streams: [
        {
          streamId: "invoice-9",
          head: { version: n, lastHash: rows.at(-1)!.hash },
          run: { fromVersion: from, toVersion: to },
          events,
        },
      ],
    };
  }

  test("an intact run reaching the head, and one that stops before it", () => {
    expect(verifyBundle(bundleOf(3)).lines).toEqual([
      "invoice-9: versions 1–3, 3 events, chain intact (reaches the stream's head)",
    ]);
    const partial = verifyBundle(bundleOf(4, 2, 3));
    expect(partial.ok).toBe(true);
    expect(partial.lines[0]).toBe(
      "invoice-9: versions 2–3, 2 events, chain intact (its link to version 1 is outside the bundle; the stream goes on to version 4, not in this bundle)",
    );
  });

  test("the last event dropped from a run that reached the head, a forged head, another format", () => {
    const dropped = bundleOf(3);
    dropped.streams[0]!.events.pop();
    expect(verifyBundle(dropped).problems.map(describeProblem)).toEqual([
      "stream invoice-9, version 2, position 102, event e2: the run says it ends at version 3",
    ]);
    const forged = bundleOf(3);
    forged.streams[0]!.head.lastHash = "f".repeat(64);
    expect(describeProblem(verifyBundle(forged).problems[0]!)).toMatch(/version 3, .*head hash f{64} is not/);
    expect(verifyBundle({ format: "something-else/2", streams: [] }).ok).toBe(false);
  });
});

test("the standalone verifier reads the format the app writes", () => {
  expect(FORMAT).toBe(EVIDENCE_FORMAT);
  expect(SCRIPT_FIELDS).toEqual([...HASHED_FIELDS]);
});
