import { describe, expect, it } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import { takeOccurredAt } from "./occurred-at";

const clock = new Date("2026-12-04T12:00:00.000Z");
const command = { type: "ChangeSeats" };

describe("takeOccurredAt", () => {
  it("takes a past time off the data and returns it", () => {
    const taken = takeOccurredAt(
      { accountId: "acme", seats: 3, occurredAt: "2026-11-30T09:00:00+01:00" },
      clock,
      command,
      90,
    );
    expect(taken).toEqual({ data: { accountId: "acme", seats: 3 }, occurredAt: new Date("2026-11-30T08:00:00Z") });
  });

  it("leaves data without it alone", () => {
    const data = { accountId: "acme" };
    expect(takeOccurredAt(data, clock, command, 90)).toEqual({ data, occurredAt: null });
    expect(takeOccurredAt(null, clock, command, 90)).toEqual({ data: null, occurredAt: null });
  });

  it.each([
    ["2026-12-04T12:00:01Z", "must not be in the future"],
    ["2026-09-04T11:59:59Z", "must be at most 90 days ago (the backdating limit)"],
    ["yesterday", "must be an ISO-8601 date-time, e.g. 2026-03-01T12:00:00Z"],
    [12345, "must be an ISO-8601 date-time, e.g. 2026-03-01T12:00:00Z"],
  ])("refuses %s: %s", (occurredAt, message) => {
    let error: unknown;
    try {
      takeOccurredAt({ accountId: "acme", occurredAt }, clock, command, 90);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([{ path: "data.occurredAt", message }]);
  });

  it("accepts exactly the limit and exactly now", () => {
    expect(takeOccurredAt({ occurredAt: "2026-09-05T12:00:00Z" }, clock, command, 90).occurredAt).toEqual(
      new Date("2026-09-05T12:00:00Z"),
    );
    expect(takeOccurredAt({ occurredAt: clock.toISOString() }, clock, command, 90).occurredAt).toEqual(clock);
  });

  it("refuses any occurredAt for a command that takes effect from when it is recorded", () => {
    const prospective = { type: "ChangePlanPrice", backdate: false };
    expect(takeOccurredAt({ plan: "pro" }, clock, prospective, 90)).toEqual({
      data: { plan: "pro" },
      occurredAt: null,
    });
    let error: unknown;
    try {
      takeOccurredAt({ plan: "pro", occurredAt: "2026-12-01T00:00:00Z" }, clock, prospective, 90);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).status).toBe(400);
    expect((error as InvalidInputError).message).toBe("ChangePlanPrice can't be backdated");
    expect((error as InvalidInputError).issues).toEqual([
      {
        path: "data.occurredAt",
        message:
          "must be left out: ChangePlanPrice takes effect from when it is recorded, never earlier, so what came before stands",
      },
    ]);
  });
});
