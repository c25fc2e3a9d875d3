import { describe, expect, it } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import { takeOccurredAt } from "./occurred-at";

const clock = new Date("2026-12-04T12:00:00.000Z");

describe("takeOccurredAt", () => {
  it("takes a past time off the data and returns it", () => {
    const taken = takeOccurredAt({ accountId: "acme", seats: 3, occurredAt: "2026-11-30T09:00:00+01:00" }, clock, 90);
    expect(taken).toEqual({ data: { accountId: "acme", seats: 3 }, occurredAt: new Date("2026-11-30T08:00:00Z") });
  });

  it("leaves data without it alone", () => {
    const data = { accountId: "acme" };
    expect(takeOccurredAt(data, clock, 90)).toEqual({ data, occurredAt: null });
    expect(takeOccurredAt(null, clock, 90)).toEqual({ data: null, occurredAt: null });
  });

  it.each([
    ["2026-12-04T12:00:01Z", "must not be in the future"],
    ["2026-09-04T11:59:59Z", "must be at most 90 days ago (the backdating limit)"],
    ["yesterday", "must be an ISO-8601 date-time, e.g. 2026-03-01T12:00:00Z"],
    [12345, "must be an ISO-8601 date-time, e.g. 2026-03-01T12:00:00Z"],
  ])("refuses %s: %s", (occurredAt, message) => {
    let error: unknown;
    try {
      takeOccurredAt({ accountId: "acme", occurredAt }, clock, 90);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([{ path: "data.occurredAt", message }]);
  });

  it("accepts exactly the limit and exactly now", () => {
    expect(takeOccurredAt({ occurredAt: "2026-09-05T12:00:00Z" }, clock, 90).occurredAt).toEqual(
      new Date("2026-09-05T12:00:00Z"),
    );
    expect(takeOccurredAt({ occurredAt: clock.toISOString() }, clock, 90).occurredAt).toEqual(clock);
  });
});
