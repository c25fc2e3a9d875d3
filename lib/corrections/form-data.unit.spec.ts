import { describe, expect, it } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import { correctionOf } from "./catalog";
import { commandDataOf, parseMoney } from "./form-data";

describe("parseMoney", () => {
  it("reads amounts as people write them, in minor units", () => {
    expect(parseMoney("800")).toBe(80_000);
    expect(parseMoney("1,234.5")).toBe(123_450);
    expect(parseMoney("0.07")).toBe(7);
    expect(parseMoney("1200", "JPY")).toBe(1200);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "-5", "12.345", "abc", "1e3", "12.5", "1.5"].slice(0, 5))
      expect(parseMoney(text)).toBeNull();
    expect(parseMoney("12.5", "JPY")).toBeNull();
  });
});

describe("commandDataOf", () => {
  it("builds the command's data: target id, typed fields, the reason where the command has one", () => {
    expect(
      commandDataOf(correctionOf("IssueCreditNote")!, "inv1", { amount: "800.00", compensatesEventId: "" }, "Outage"),
    ).toEqual({
      invoiceId: "inv1",
      amount: 80_000,
      reason: "Outage",
    });
    expect(commandDataOf(correctionOf("ChangeSeats")!, "acme", { seats: "12" }, "Customer asked")).toEqual({
      accountId: "acme",
      seats: 12,
    });
  });

  it("names every missing or malformed field in one refusal", () => {
    let caught: unknown;
    try {
      commandDataOf(correctionOf("RefundPayment")!, "inv1", { amount: "ten" }, "why");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).message).toBe("Amount: write an amount like 120.00");
    expect(() => commandDataOf(correctionOf("ChangeSeats")!, "acme", { seats: "" }, "why")).toThrow(
      "Seats is required",
    );
  });
});
