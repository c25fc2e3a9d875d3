import { describe, expect, it } from "vitest";
import { aggregates, catalog, COMMAND_TYPES, commandDefinitions, domainEventDefinitions, isCommandType } from "./index";

describe("domain catalogue", () => {
  it("registers every event once, with personal fields for names and emails only", () => {
    expect(domainEventDefinitions).toHaveLength(47);
    const personal = Object.fromEntries(
      domainEventDefinitions.filter((d) => d.personalFields).map((d) => [d.type, d.personalFields]),
    );
    expect(personal).toEqual({
      AccountOpened: ["name", "billingEmail"],
      BillingContactChanged: ["billingEmail", "contactName"],
      AccountRenamed: ["name"],
      LeadCaptured: ["name", "email"],
      LeadConverted: ["name", "email"],
    });
  });

  it("describes every command: its stream, target, ids and whether it is corrective", () => {
    expect(COMMAND_TYPES).toHaveLength(46);
    const corrective = COMMAND_TYPES.filter((t) => commandDefinitions[t].corrective);
    expect(corrective.sort()).toEqual([
      "ApproveRequest",
      "ErasePersonalData",
      "IssueCreditNote",
      "MarkInvoiceUncollectible",
      "RefundPayment",
      "RejectRequest",
      "RequestApproval",
      "SupersedeEvent",
      "VoidInvoice",
    ]);
    // (The operations console's stream comes into being with its first operation.)
    const creating = COMMAND_TYPES.filter((t) => commandDefinitions[t].creates && !commandDefinitions[t].operation);
    expect(creating.sort()).toEqual([
      "CaptureLead",
      "ChangePlanPrice",
      "IssueInvoice",
      "OpenAccount",
      "RequestApproval",
    ]);
    const operations = COMMAND_TYPES.filter((t) => commandDefinitions[t].operation);
    expect(operations).toHaveLength(7);
    expect(COMMAND_TYPES.filter((t) => commandDefinitions[t].catalog)).toEqual(["ChangePlanPrice"]);
    for (const type of COMMAND_TYPES) {
      const definition = commandDefinitions[type];
      expect(definition.type).toBe(type);
      // (SupersedeEvent names an event and goes to that event's stream, whatever its kind.)
      if (definition.streamKind !== "event") {
        expect(definition.decider).toBe(aggregates[definition.streamKind].decider);
      }
      // The target id is a field of the command's data.
      const shape = (definition.schema as unknown as { shape?: Record<string, unknown> }).shape;
      expect(shape?.[definition.targetKey], `${type}.${definition.targetKey}`).toBeDefined();
    }
    expect(commandDefinitions.PurchasePlan).toMatchObject({
      streamKind: "subscription",
      targetKey: "accountId",
      ids: 1,
    });
    expect(commandDefinitions.RecordPayment).toMatchObject({ streamKind: "invoice", targetKey: "invoiceId", ids: 1 });
    expect(isCommandType("UpgradePlan")).toBe(true);
    expect(isCommandType("toString")).toBe(false);
  });

  it("rejects unknown fields in every command", () => {
    for (const type of COMMAND_TYPES) {
      const result = commandDefinitions[type].schema.safeParse({ unexpected: true });
      expect(result.success, type).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain("unexpected");
    }
  });

  it("gives subscriptions a snapshot policy and every aggregate a JSON initial state with accountId null", () => {
    expect(aggregates.subscription.snapshot).toEqual({ schemaVersion: 1, every: 25 });
    for (const aggregate of Object.values(aggregates)) {
      const state = aggregate.decider.initialState();
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      expect(state).toMatchObject({ accountId: null });
      expect(aggregate.summarize(state)).toMatch(/^No /);
    }
  });

  it("has the plan catalogue and coupons of the spec", () => {
    expect(Object.values(catalog.PLANS).map((p) => [p.code, p.prices.monthly, p.prices.annual])).toEqual([
      ["starter", 2900, 29000],
      ["pro", 9900, 99000],
      ["enterprise", 49900, 499000],
    ]);
    expect(catalog.findCoupon("SAVE20")).toMatchObject({
      discount: { kind: "percent", percentOff: 20 },
      durationPeriods: 3,
      expiresAt: null,
    });
    expect(catalog.isCouponExpired(catalog.findCoupon("SPRING25")!, "2025-06-01T00:00:00Z")).toBe(true);
  });
});
