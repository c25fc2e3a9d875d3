import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { expect, test } from "vitest";
import { canonicalJson } from "./canonical-json";
import { hashedFields, hashEvent, type HashedContent } from "./hash-chain";

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

/** The hash as it is defined: SHA-256 of the canonicalize package's JSON of the twelve fields. */
const definedHash = (c: HashedContent) =>
  createHash("sha256")
    .update(canonicalize(hashedFields(c))!)
    .digest("hex");

test("hashes made before the one-pass JSON are the same (two events hashed by the earlier code)", () => {
  const content: HashedContent = {
    eventId: "0b7c5f8e-5d1a-4a8e-9a44-1f7b2a7c9d10",
    streamId: "subscription-acme",
    streamType: "subscription",
    streamVersion: 7,
    eventType: "SeatsChanged",
    schemaVersion: 1,
    data: {
      accountId: "acme",
      seats: 8,
      seatsBefore: 5,
      note: 'naïve \u2028 "quoted" 😀',
      nested: { b: [1, 2.5, -0, 1e21], a: null },
    },
    metadata: {
      actor: { type: "user", id: "user-dana", role: "admin" },
      source: "ui",
      requestId: "r-1",
      correlationId: "c-1",
      causationId: null,
      appVersion: "0.1.0",
      accountId: "acme",
    },
    accountId: "acme",
    occurredAt: new Date("2026-11-27T11:00:00.000Z"),
    recordedAt: new Date("2026-11-27T11:00:01.250Z"),
    prevHash: "ab".repeat(32),
  };
  expect(hashEvent(content)).toBe("1dba005f0cc466f060309f3a64f8f879142260b760d35a74f1a274e63548f9aa");
  expect(hashEvent({ ...content, prevHash: null, streamVersion: 1 })).toBe(
    "0fdcb626d93cb84b75c14c82cf293c0742088634b66a1a871e6fb0e8407a84d4",
  );
});

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
