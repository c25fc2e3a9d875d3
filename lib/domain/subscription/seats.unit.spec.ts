import { describe, expect, it } from "vitest";
import { spec } from "../shared/decider-spec";
import { subscriptionDecider } from "./decider";
import { ACCOUNT, canceled, MID, prorationApplied, purchased, sub } from "./test-fixtures";

const s = spec(subscriptionDecider);

describe("ChangeSeats", () => {
  it("charges more seats for the rest of the period on a new invoice", () => {
    // 9900 * 2 * 21 / 31 = 13412.9 -> 13413
    s.given([purchased()])
      .when(sub("ChangeSeats", { seats: 5 }, MID, ["inv-2"]))
      .then([
        { type: "SeatsChanged", data: { accountId: ACCOUNT, seatsBefore: 3, seats: 5, changedAt: MID } },
        prorationApplied({ reason: "seats", seatsAfter: 5, amount: 13413, chargeInvoiceId: "inv-2" }),
      ]);
  });

  it("credits fewer seats against the current period's invoice", () => {
    s.given([purchased()])
      .when(sub("ChangeSeats", { seats: 1 }, MID))
      .then([
        { type: "SeatsChanged", data: { accountId: ACCOUNT, seatsBefore: 3, seats: 1, changedAt: MID } },
        prorationApplied({
          reason: "seats",
          seatsAfter: 1,
          amount: -13413,
          creditInvoiceId: "inv-1",
          creditedAmount: 13413,
        }),
      ]);
  });

  it("rejects the same seat count, after cancellation, and bad input", () => {
    s.given([purchased()])
      .when(sub("ChangeSeats", { seats: 3 }, MID))
      .thenRejects("SEATS_UNCHANGED");
    s.given([purchased(), canceled()])
      .when(sub("ChangeSeats", { seats: 4 }, MID, ["x"]))
      .thenRejects("SUBSCRIPTION_CANCELED");
    expect(() => sub("ChangeSeats", { seats: 0 }, MID)).toThrow(/at least 1/);
    expect(() => sub("ChangeSeats", { seats: 2.5 }, MID)).toThrow(/whole number/);
  });
});
