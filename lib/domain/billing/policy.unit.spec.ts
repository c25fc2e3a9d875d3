import { describe, expect, it } from "vitest";
import { commandDefinitions } from "../commands";
import { fold } from "../shared/decider";
import { subscriptionDecider } from "../subscription/decider";
import { annualEnterprise, at, couponApplied, purchased, sub } from "../subscription/test-fixtures";
import type { SubscriptionEvent } from "../subscription/events";
import { billingPolicy, type PolicyCommand } from "./policy";

const NOW = "2025-01-15T10:00:01.000Z";
const trigger = (event: { type: string; data: unknown }, eventId = "evt-1") => ({
  ...event,
  eventId,
  streamId: "subscription-acme",
  accountId: "acme",
});

/** Every command the policy returns must pass its own schema, as the handler will check. */
function expectValid(commands: PolicyCommand[]) {
  for (const command of commands)
    expect(commandDefinitions[command.type].schema.parse(command.data)).toEqual(command.data);
}

describe("billingPolicy", () => {
  it("issues the first invoice for a purchase, with the id the event carries", () => {
    const commands = billingPolicy(trigger(purchased()), NOW);
    expect(commands).toEqual([
      {
        type: "IssueInvoice",
        data: {
          invoiceId: "inv-1",
          accountId: "acme",
          currency: "USD",
          lines: [
            {
              description: "Pro plan (monthly), 3 seats × USD 99.00, 2025-01-15 to 2025-02-15",
              quantity: 3,
              unitAmount: 9900,
              periodStart: "2025-01-15T10:00:00.000Z",
              periodEnd: "2025-02-15T10:00:00.000Z",
              sourceEventIds: ["evt-1"],
            },
          ],
        },
        context: { now: NOW },
      },
    ]);
    expectValid(commands);
    expect(billingPolicy(trigger(purchased()), NOW)).toEqual(commands); // deterministic
  });

  it("explains a renewal's coupon discount and account credit as negative lines", () => {
    const history: SubscriptionEvent[] = [purchased(), couponApplied()];
    const [renewed] = subscriptionDecider.decide(
      fold(subscriptionDecider, history),
      sub("RenewSubscription", {}, "2025-02-15T10:00:00Z", ["inv-2"]),
    );
    const withCredit = { ...renewed!, data: { ...renewed!.data, creditApplied: 1000 } };
    const [command] = billingPolicy(trigger(withCredit, "evt-r"), NOW);
    expect(command?.type).toBe("IssueInvoice");
    const lines = command?.type === "IssueInvoice" ? command.data.lines : [];
    expect(lines.map((l) => [l.description, l.quantity, l.unitAmount])).toEqual([
      ["Pro plan (monthly), 3 seats × USD 99.00, 2025-02-15 to 2025-03-15", 3, 9900],
      ["Coupon SAVE20 (20% off), 2 more period(s)", 1, -5940],
      ["Account credit from earlier plan changes", 1, -1000],
    ]);
    expect(lines.every((l) => l.sourceEventIds.includes("evt-r"))).toBe(true);
    expectValid([command!]);
  });

  it("invoices a positive proration with the days used and remaining", () => {
    const events = subscriptionDecider.decide(
      fold(subscriptionDecider, [purchased()]),
      sub("UpgradePlan", { plan: "enterprise" }, "2025-01-25T09:00:00Z", ["inv-2"]),
    );
    const commands = billingPolicy(trigger(events[1]!, "evt-p"), NOW);
    expect(commands).toMatchObject([
      {
        type: "IssueInvoice",
        data: {
          invoiceId: "inv-2",
          lines: [
            {
              description:
                "Upgrade from Pro to Enterprise (3 seats): USD 297.00 to USD 1,497.00 per month, prorated for 21 of 31 days remaining (10 used)",
              quantity: 1,
              unitAmount: 81290,
              periodStart: "2025-01-25T09:00:00.000Z",
              periodEnd: "2025-02-15T10:00:00.000Z",
              sourceEventIds: ["evt-p"],
            },
          ],
        },
      },
    ]);
    expectValid(commands);
    expect(billingPolicy(trigger(events[0]!), NOW)).toEqual([]); // PlanUpgraded itself bills nothing
  });

  it("credits a negative proration on the invoice the event names, compensating that event", () => {
    const events = subscriptionDecider.decide(
      fold(subscriptionDecider, [annualEnterprise()]),
      sub("DowngradePlan", { plan: "pro", when: "now" }, "2025-04-11T08:00:00Z"),
    );
    const commands = billingPolicy(trigger(events[1]!, "evt-d"), NOW);
    expect(commands).toEqual([
      {
        type: "IssueCreditNote",
        data: {
          invoiceId: "inv-annual",
          amount: 580822,
          reason:
            "Downgrade from Enterprise to Pro (2 seats): USD 9,980.00 to USD 1,980.00 per year, prorated for 265 of 365 days remaining (100 used)",
          compensatesEventId: "evt-d",
        },
        context: { now: NOW },
      },
    ]);
    expectValid(commands);
  });

  it("opens the prospective account of a converted lead", () => {
    const converted = {
      type: "LeadConverted",
      data: {
        leadId: "lead-1",
        accountId: "globex",
        company: "Globex",
        name: "Hank Scorpio",
        email: "hank@globex.test",
        convertedAt: at("2025-01-20"),
      },
    };
    const commands = billingPolicy(
      { ...converted, eventId: "evt-l", streamId: "lead-lead-1", accountId: "globex" },
      NOW,
    );
    expect(commands).toEqual([
      {
        type: "OpenAccount",
        data: { accountId: "globex", name: "Globex", billingEmail: "hank@globex.test", currency: "USD" },
        context: { now: NOW },
      },
    ]);
    expectValid(commands);
  });

  it("does nothing for events that bill nothing", () => {
    expect(billingPolicy(trigger(couponApplied()), NOW)).toEqual([]);
    expect(billingPolicy(trigger({ type: "SomethingNew", data: {} }), NOW)).toEqual([]);
  });
});
