import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { expect, test } from "vitest";
import { canonicalJson } from "./canonical-json";
import { hashEvent, type HashedContent } from "./hash-chain";

// Values as events carry them, and the odd ones a caller might pass: undefined in objects and arrays, dates.
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue(),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("any"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), tie("any"), { maxKeys: 5 }),
  ),
})).any;

test("writes what the canonicalize package writes, for any value", () => {
  fc.assert(
    fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(canonicalize(v));
    }),
    { numRuns: 2000 },
  );
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
    expect(() => canonicalJson(bad)).toThrow(/not allowed/);
    expect(() => canonicalJson({ a: [bad] })).toThrow(/not allowed/);
  }
});

/** The hash as it was first defined: SHA-256 of the package's canonical JSON of the twelve fields. */
const definedHash = (c: HashedContent) =>
  createHash("sha256")
    .update(
      canonicalize({
        eventId: c.eventId,
        streamId: c.streamId,
        streamType: c.streamType,
        streamVersion: c.streamVersion,
        eventType: c.eventType,
        schemaVersion: c.schemaVersion,
        data: c.data,
        metadata: c.metadata,
        accountId: c.accountId,
        occurredAt: c.occurredAt.toISOString(),
        recordedAt: c.recordedAt.toISOString(),
        prevHash: c.prevHash,
      })!,
    )
    .digest("hex");

test("an event's hash is the one its definition gives, also for events sharing one metadata object", () => {
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.uuid());
  const content = fc.record({
    eventId: text,
    streamId: text,
    streamType: text,
    streamVersion: fc.integer({ min: 1 }),
    eventType: text,
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    data: value,
    accountId: text,
    occurredAt: fc.date({ noInvalidDate: true }),
    recordedAt: fc.date({ noInvalidDate: true }),
    prevHash: fc.option(text, { nil: null }),
  });
  fc.assert(
    fc.property(fc.array(content, { minLength: 1, maxLength: 4 }), value, (events, metadata) => {
      for (const event of events) {
        const c = { ...event, metadata } as HashedContent;
        expect(hashEvent(c)).toBe(definedHash(c));
      }
    }),
    { numRuns: 1000 },
  );
});
