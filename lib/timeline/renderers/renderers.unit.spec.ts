import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { domainEventDefinitions, domainEventSchemas, type AnyDomainEvent, type DomainEventType } from "@/lib/domain";
import { domainRegistry } from "@/lib/event-store/domain-registry";
import { ERASED_VALUE } from "@/lib/domain/shared/personal-data";
import type { Actor } from "@/lib/event-store/metadata";
import { actorLabel, renderSentence, eventRenderers, renderPhrase } from ".";

const schemas: Readonly<Record<DomainEventType, z.ZodType>> = domainEventSchemas;

type Case = {
  [T in DomainEventType]: {
    type: T;
    data: Extract<AnyDomainEvent, { type: T }>["data"];
    phrase: string;
  };
}[DomainEventType];

const at = (date: string, time = "09:00:00") => `${date}T${time}.000Z`;
const proPeriod = {
  accountId: "acme",
  plan: "pro",
  interval: "monthly",
  unitPrice: 9900,
  seats: 3,
  currency: "USD",
} as const;
const proration = {
  accountId: "acme",
  currency: "USD",
  periodStart: at("2025-01-15", "10:00:00"),
  periodEnd: at("2025-02-15", "10:00:00"),
  changedAt: at("2025-01-25"),
  daysUsed: 10,
  daysRemaining: 21,
  periodDays: 31,
  creditedAmount: 0,
  creditCarriedForward: 0,
} as const;
const lead = {
  leadId: "lead-7",
  accountId: "initech",
  name: "Bill Lumbergh",
  email: "bill@initech.test",
  company: "Initech",
} as const;

const cases: Case[] = [
  {
    type: "AccountOpened",
    data: {
      accountId: "acme",
      name: "Acme Ltd",
      billingEmail: "billing@acme.test",
      currency: "USD",
      openedAt: at("2026-01-01"),
    },
    phrase: "opened the account Acme Ltd (USD, billing email billing@acme.test)",
  },
  {
    type: "BillingContactChanged",
    data: { accountId: "acme", billingEmail: "jane@acme.test", contactName: "Jane Roe" },
    phrase: "changed the billing contact to Jane Roe (jane@acme.test)",
  },
  {
    type: "BillingContactChanged",
    data: { accountId: "acme", billingEmail: "ap@acme.test" },
    phrase: "changed the billing email to ap@acme.test",
  },
  {
    type: "AccountRenamed",
    data: { accountId: "acme", name: "Acme Holdings" },
    phrase: "renamed the account to Acme Holdings",
  },
  {
    type: "AccountClosed",
    data: { accountId: "acme", reason: "Company acquired", closedAt: at("2026-06-30") },
    phrase: "closed the account: Company acquired",
  },
  { type: "AccountClosed", data: { accountId: "acme", closedAt: at("2026-06-30") }, phrase: "closed the account" },
  {
    type: "PersonalDataErased",
    data: { accountId: "acme", erasedAt: at("2026-07-01") },
    phrase: "erased the account's personal data (names and emails)",
  },
  {
    type: "EventSuperseded",
    data: {
      position: 42,
      eventId: "0b4b7c1e-8a52-4cf4-9d1e-3f1f8f3c2a11",
      eventType: "SeatsChanged",
      streamVersion: 7,
      supersededAt: at("2026-07-01"),
    },
    phrase: "superseded the SeatsChanged event at position 42",
  },
  {
    type: "TrialStarted",
    data: { accountId: "acme", plan: "pro", seats: 3, trialStart: at("2026-01-01"), trialEnd: at("2026-01-15") },
    phrase: "started a trial of Pro for 3 seats until 2026-01-15 (14 days)",
  },
  {
    type: "TrialConverted",
    data: { ...proPeriod, periodStart: at("2026-01-10"), periodEnd: at("2026-02-10"), invoiceId: "inv-2" },
    phrase:
      "converted the trial to Pro (monthly) for 3 seats at USD 99.00 per seat per month, period 2026-01-10 to 2026-02-10",
  },
  {
    type: "PlanPurchased",
    data: {
      ...proPeriod,
      interval: "annual",
      unitPrice: 99000,
      seats: 5,
      periodStart: at("2026-01-01"),
      periodEnd: at("2027-01-01"),
      invoiceId: "inv-1",
      creditApplied: 0,
    },
    phrase: "purchased Pro (annual) for 5 seats at USD 990.00 per seat per year, period 2026-01-01 to 2027-01-01",
  },
  {
    type: "PlanPurchased",
    data: {
      ...proPeriod,
      periodStart: at("2026-03-01"),
      periodEnd: at("2026-04-01"),
      invoiceId: "inv-4",
      creditApplied: 2000,
    },
    phrase:
      "purchased Pro (monthly) for 3 seats at USD 99.00 per seat per month, period 2026-03-01 to 2026-04-01; " +
      "USD 20.00 of account credit used",
  },
  {
    type: "PlanUpgraded",
    data: {
      accountId: "acme",
      fromPlan: "starter",
      toPlan: "pro",
      unitPriceBefore: 2900,
      unitPrice: 9900,
      upgradedAt: at("2026-01-20"),
    },
    phrase: "upgraded Starter to Pro, effective immediately",
  },
  {
    type: "PlanDowngraded",
    data: {
      accountId: "acme",
      fromPlan: "pro",
      toPlan: "starter",
      unitPrice: 2900,
      when: "period_end",
      effectiveAt: at("2026-12-01", "00:00:00"),
    },
    phrase: "downgraded Pro to Starter, effective at period end (2026-12-01)",
  },
  {
    type: "PlanDowngraded",
    data: {
      accountId: "acme",
      fromPlan: "pro",
      toPlan: "starter",
      unitPrice: 2900,
      when: "now",
      effectiveAt: at("2026-11-12"),
    },
    phrase: "downgraded Pro to Starter, effective immediately",
  },
  {
    type: "SeatsChanged",
    data: { accountId: "acme", seatsBefore: 3, seats: 5, changedAt: at("2026-01-20") },
    phrase: "increased seats from 3 to 5",
  },
  {
    type: "SeatsChanged",
    data: { accountId: "acme", seatsBefore: 5, seats: 3, changedAt: at("2026-01-20") },
    phrase: "reduced seats from 5 to 3",
  },
  {
    // The worked example of docs/domain.md.
    type: "ProrationApplied",
    data: {
      ...proration,
      reason: "upgrade",
      amount: 81290,
      interval: "monthly",
      fromPlan: "pro",
      toPlan: "enterprise",
      unitPriceBefore: 9900,
      unitPriceAfter: 49900,
      seatsBefore: 3,
      seatsAfter: 3,
      chargeInvoiceId: "inv-9",
    },
    phrase: "prorated the change from Pro to Enterprise: charged USD 812.90 for 21 of 31 days remaining",
  },
  {
    type: "ProrationApplied",
    data: {
      ...proration,
      reason: "downgrade",
      amount: -580822,
      interval: "annual",
      fromPlan: "enterprise",
      toPlan: "pro",
      unitPriceBefore: 499000,
      unitPriceAfter: 99000,
      seatsBefore: 2,
      seatsAfter: 2,
      periodStart: at("2025-01-01"),
      periodEnd: at("2026-01-01"),
      changedAt: at("2025-04-11"),
      daysUsed: 100,
      daysRemaining: 265,
      periodDays: 365,
      creditInvoiceId: "inv-3",
      creditedAmount: 500000,
      creditCarriedForward: 80822,
    },
    phrase:
      "prorated the change from Enterprise to Pro: credited USD 5,808.22 for 265 of 365 days remaining " +
      "(USD 5,000.00 on invoice inv-3, USD 808.22 carried forward as account credit)",
  },
  {
    type: "ProrationApplied",
    data: {
      ...proration,
      reason: "seats",
      amount: -6387,
      interval: "monthly",
      fromPlan: "pro",
      toPlan: "pro",
      unitPriceBefore: 9900,
      unitPriceAfter: 9900,
      seatsBefore: 5,
      seatsAfter: 3,
      creditInvoiceId: "inv-1",
      creditedAmount: 6387,
    },
    phrase:
      "prorated the seat change from 5 to 3 on Pro: credited USD 63.87 for 21 of 31 days remaining (on invoice inv-1)",
  },
  {
    type: "ProrationApplied",
    data: {
      ...proration,
      reason: "seats",
      amount: -6387,
      interval: "monthly",
      fromPlan: "pro",
      toPlan: "pro",
      unitPriceBefore: 9900,
      unitPriceAfter: 9900,
      seatsBefore: 5,
      seatsAfter: 3,
      creditInvoiceId: "inv-1",
      creditCarriedForward: 6387,
    },
    phrase:
      "prorated the seat change from 5 to 3 on Pro: credited USD 63.87 for 21 of 31 days remaining " +
      "(carried forward as account credit)",
  },
  {
    type: "CouponApplied",
    data: { accountId: "acme", code: "SAVE20", percentOff: 20, durationPeriods: 3, appliedAt: at("2026-01-05") },
    phrase: "applied coupon SAVE20 (20% off) for 3 billing periods",
  },
  {
    type: "CouponApplied",
    data: {
      accountId: "acme",
      code: "TAKE10",
      amountOff: 1000,
      currency: "USD",
      durationPeriods: 1,
      appliedAt: at("2026-01-05"),
    },
    phrase: "applied coupon TAKE10 (USD 10.00 off) for 1 billing period",
  },
  {
    type: "CouponRemoved",
    data: { accountId: "acme", code: "SAVE20", removedAt: at("2026-02-01") },
    phrase: "removed coupon SAVE20",
  },
  {
    type: "SubscriptionPaused",
    data: { accountId: "acme", pausedAt: at("2026-02-20") },
    phrase: "paused the subscription",
  },
  {
    type: "SubscriptionResumed",
    data: {
      ...proPeriod,
      periodStart: at("2026-03-10", "12:00:00"),
      periodEnd: at("2026-04-10", "12:00:00"),
      invoiceId: "inv-5",
      discount: { code: "SAVE20", percentOff: 20, amountOff: null, amount: 5940, periodsRemaining: 2 },
      creditApplied: 0,
      downgradedFrom: null,
      resumedAt: at("2026-03-10", "12:00:00"),
    },
    phrase:
      "resumed the subscription on Pro (monthly) for 3 seats at USD 99.00 per seat per month, " +
      "period 2026-03-10 to 2026-04-10; coupon SAVE20 took USD 59.40 off (2 more periods)",
  },
  {
    type: "CancellationScheduled",
    data: {
      accountId: "acme",
      when: "period_end",
      effectiveAt: at("2026-12-01", "00:00:00"),
      scheduledAt: at("2026-11-03"),
    },
    phrase: "scheduled cancellation at period end (2026-12-01)",
  },
  {
    type: "CancellationScheduled",
    data: { accountId: "acme", when: "now", effectiveAt: at("2026-11-03"), scheduledAt: at("2026-11-03") },
    phrase: "requested cancellation, effective immediately",
  },
  {
    type: "CancellationRevoked",
    data: { accountId: "acme", effectiveAt: at("2026-12-01", "00:00:00"), revokedAt: at("2026-11-10") },
    phrase: "revoked the cancellation scheduled for 2026-12-01",
  },
  {
    type: "SubscriptionCanceled",
    data: { accountId: "acme", canceledAt: at("2026-12-01", "00:00:00") },
    phrase: "canceled the subscription, effective 2026-12-01",
  },
  {
    type: "SubscriptionRenewed",
    data: {
      ...proPeriod,
      plan: "starter",
      unitPrice: 2900,
      periodStart: at("2026-12-01", "00:00:00"),
      periodEnd: at("2027-01-01", "00:00:00"),
      invoiceId: "inv-12",
      discount: { code: "TAKE10", percentOff: null, amountOff: 1000, amount: 1000, periodsRemaining: 0 },
      creditApplied: 2000,
      downgradedFrom: "pro",
    },
    phrase:
      "renewed Starter (monthly) for 3 seats at USD 29.00 per seat per month, period 2026-12-01 to 2027-01-01; " +
      "the scheduled downgrade from Pro took effect; coupon TAKE10 took USD 10.00 off (its last period); " +
      "USD 20.00 of account credit used",
  },
  {
    type: "InvoiceIssued",
    data: {
      invoiceId: "inv-1",
      accountId: "acme",
      currency: "USD",
      lines: [
        {
          description: "Pro plan (monthly), 3 seats",
          quantity: 3,
          unitAmount: 9900,
          amount: 29700,
          sourceEventIds: ["e1"],
        },
        {
          description: "Coupon SAVE20 (20% off)",
          quantity: 1,
          unitAmount: -5940,
          amount: -5940,
          sourceEventIds: ["e1"],
        },
      ],
      total: 23760,
      issuedAt: at("2026-01-01"),
      dueAt: at("2026-01-15"),
    },
    phrase: "issued invoice inv-1 for USD 237.60 (2 lines), due 2026-01-15",
  },
  {
    type: "CreditNoteIssued",
    data: {
      invoiceId: "inv-1",
      creditNoteId: "cn-1",
      amount: 5000,
      currency: "USD",
      reason: "Goodwill for the January outage",
      issuedAt: at("2026-01-20"),
    },
    phrase: "issued a credit note of USD 50.00 on invoice inv-1: Goodwill for the January outage",
  },
  {
    type: "CreditNoteIssued",
    data: {
      invoiceId: "inv-7",
      creditNoteId: "cn-3",
      amount: 5000,
      currency: "JPY",
      reason: "Goodwill",
      issuedAt: at("2026-01-20"),
    },
    phrase: "issued a credit note of JPY 5,000 on invoice inv-7: Goodwill",
  },
  {
    type: "InvoiceVoided",
    data: { invoiceId: "inv-1", reason: "Issued in error", voidedAt: at("2026-01-02") },
    phrase: "voided invoice inv-1: Issued in error",
  },
  {
    type: "PaymentRecorded",
    data: {
      invoiceId: "inv-1",
      paymentId: "pay-1",
      amount: 23760,
      currency: "USD",
      method: "card",
      providerRef: "ch_3Nx",
      receivedAt: at("2026-01-02"),
    },
    phrase: "recorded a card payment of USD 237.60 on invoice inv-1 (ref ch_3Nx)",
  },
  {
    type: "PaymentRecorded",
    data: {
      invoiceId: "inv-1",
      paymentId: "pay-2",
      amount: 10000,
      currency: "EUR",
      method: "bank_transfer",
      receivedAt: at("2026-01-03"),
    },
    phrase: "recorded a bank transfer of EUR 100.00 on invoice inv-1",
  },
  {
    type: "PaymentFailed",
    data: {
      invoiceId: "inv-1",
      amount: 23760,
      currency: "USD",
      reason: "Card declined (insufficient funds)",
      failedAt: at("2026-01-02"),
    },
    phrase: "recorded a failed payment of USD 237.60 on invoice inv-1: Card declined (insufficient funds)",
  },
  {
    type: "PaymentRefunded",
    data: {
      invoiceId: "inv-1",
      refundId: "rf-1",
      amount: 2000,
      currency: "USD",
      reason: "Goodwill for the January outage",
      creditNoteId: "cn-2",
      refundedAt: at("2026-01-20"),
    },
    phrase:
      "refunded USD 20.00 on invoice inv-1 (the part of credit note cn-2 above the balance): Goodwill for the January outage",
  },
  {
    type: "InvoiceMarkedUncollectible",
    data: { invoiceId: "inv-1", reason: "Customer insolvent", markedAt: at("2026-04-01") },
    phrase: "marked invoice inv-1 uncollectible: Customer insolvent",
  },
  {
    type: "LeadCaptured",
    data: { ...lead, source: "referral", capturedAt: at("2024-03-01") },
    phrase: "captured the lead Bill Lumbergh (bill@initech.test) at Initech (source: referral)",
  },
  {
    type: "LeadEnriched",
    data: {
      leadId: "lead-7",
      companySize: 250,
      industry: "Software",
      country: "US",
      website: "initech.test",
      enrichedAt: at("2024-03-02"),
    },
    phrase: "enriched the lead: 250 employees, industry Software, country US, website initech.test",
  },
  {
    type: "LeadEnriched",
    data: { leadId: "lead-7", enrichedAt: at("2024-03-02") },
    phrase: "enriched the lead (no new details)",
  },
  {
    type: "LeadScored",
    data: { score: 82, model: "v2", reasons: ["company size 200+", "visited pricing page"] },
    phrase: "scored the lead 82/100 (model v2, reasons: company size 200+, visited pricing page)",
  },
  {
    // A v1 row as the registry upcasts it on read.
    type: "LeadScored",
    data: domainRegistry.upcast("LeadScored", 1, { score: 40 }).data as {
      score: number;
      model: string;
      reasons: string[];
    },
    phrase: "scored the lead 40/100 (legacy score)",
  },
  {
    type: "LeadAssigned",
    data: { leadId: "lead-7", ownerId: "rep-2", assignedAt: at("2024-03-03") },
    phrase: "assigned the lead to rep-2",
  },
  {
    type: "LeadContacted",
    data: { leadId: "lead-7", channel: "phone", note: "Discussed SSO needs", contactedAt: at("2024-03-04") },
    phrase: "contacted the lead by phone: Discussed SSO needs",
  },
  {
    type: "LeadQualified",
    data: { leadId: "lead-7", note: "Budget approved for Q3", qualifiedAt: at("2024-03-05") },
    phrase: "qualified the lead: Budget approved for Q3",
  },
  {
    type: "LeadDisqualified",
    data: { leadId: "lead-7", reason: "No budget this year", disqualifiedAt: at("2024-03-05") },
    phrase: "disqualified the lead: No budget this year",
  },
  {
    type: "LeadConverted",
    data: { ...lead, convertedAt: at("2024-03-10") },
    phrase: "converted the lead Bill Lumbergh (bill@initech.test) into the account Initech (initech)",
  },
  {
    type: "PlanPriceChanged",
    data: {
      priceListId: "standard",
      plan: "pro",
      interval: "monthly",
      unitPrice: 11900,
      previousUnitPrice: 9900,
      currency: "USD",
      effectiveFrom: at("2026-06-01", "00:00:00"),
    },
    phrase: "changed the Pro (monthly) price from USD 99.00 to USD 119.00 per seat, effective 2026-06-01",
  },
  {
    type: "ApprovalRequested",
    data: {
      approvalId: "ap1",
      accountId: "acme",
      invoiceId: "inv1",
      commandType: "IssueCreditNote",
      commandData: { invoiceId: "inv1", amount: 80000, reason: "Goodwill" },
      amount: 80000,
      currency: "USD",
      threshold: 50000,
      requestedBy: "user:dana",
    },
    phrase: "asked a second admin to approve a credit note of USD 800.00 on invoice inv1 (above USD 500.00)",
  },
  {
    type: "ApprovalGranted",
    data: {
      approvalId: "ap1",
      accountId: "acme",
      invoiceId: "inv1",
      commandType: "IssueCreditNote",
      commandData: { invoiceId: "inv1", amount: 80000, reason: "Goodwill" },
      amount: 80000,
      currency: "USD",
      requestedBy: "user:dana",
      approvedBy: "user:alex",
    },
    phrase: "approved a credit note of USD 800.00 on invoice inv1, asked by dana",
  },
  {
    type: "ApprovalRejected",
    data: {
      approvalId: "ap1",
      accountId: "acme",
      invoiceId: "inv1",
      requestedBy: "user:dana",
      rejectedBy: "user:alex",
    },
    phrase: "rejected the correction on invoice inv1 asked by dana",
  },
  ...operationsCases(),
];

function operationsCases(): Case[] {
  const on = { consoleId: "console", projection: "invoices", reason: "after the fix" };
  return [
    {
      type: "ProjectionRebuildRequested",
      data: on,
      phrase: "requested a rebuild of the invoices projection: after the fix",
    },
    { type: "ProjectionPaused", data: on, phrase: "paused the invoices projection: after the fix" },
    { type: "ProjectionResumed", data: on, phrase: "resumed the invoices projection: after the fix" },
    {
      type: "ProjectionRetried",
      data: { ...on, position: 42 },
      phrase: "retried the invoices projection on the event at position 42: after the fix",
    },
    {
      type: "ProjectionEventSkipped",
      data: { ...on, position: 42, eventId: "e-1", eventType: "InvoiceIssued", error: "boom" },
      phrase: "skipped InvoiceIssued at position 42 in the invoices projection: after the fix",
    },
    {
      type: "ConsistencyCheckRun",
      data: {
        consoleId: "console",
        reason: "weekly",
        sample: 50,
        accountId: null,
        differences: 1,
        projections: ["account-summary", "invoices"],
      },
      phrase: "ran a consistency check of account-summary and invoices over a sample of 50: 1 difference",
    },
    {
      type: "ChainVerified",
      data: {
        consoleId: "console",
        reason: "audit",
        scope: "all",
        streamsChecked: 3,
        eventsChecked: 10,
        problems: 2,
        firstProblem: { streamId: "account-acme", version: 4, message: "altered" },
      },
      phrase:
        "verified the hash chain of the whole log (10 events in 3 streams): 2 problems, the first in account-acme at version 4",
    },
  ];
}

const eventTypes = domainEventDefinitions.map((d) => d.type);

describe("eventRenderers", () => {
  it("has a phrase for every event type, and this spec a case for each", () => {
    expect(Object.keys(eventRenderers).sort()).toEqual([...eventTypes].sort());
    expect([...new Set(cases.map((c) => c.type))].sort()).toEqual([...eventTypes].sort());
  });

  it.each(cases.map((c) => [c.type, c] as const))("%s: %#", (_type, { type, data, phrase }) => {
    expect(schemas[type].parse(data)).toEqual(data);
    expect(renderPhrase({ type, data })).toBe(phrase);
  });
});

describe("erased personal data", () => {
  const erase = (type: string, data: object) => {
    const fields = domainEventDefinitions.find((d) => d.type === type)?.personalFields ?? [];
    return Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, fields.includes(key) ? ERASED_VALUE : value]),
    );
  };

  it.each([
    ["AccountOpened", "opened the account [erased] (USD, billing email [erased])"],
    ["BillingContactChanged", "changed the billing contact to [erased]"],
    ["AccountRenamed", "renamed the account to [erased]"],
    ["LeadCaptured", "captured the lead [erased] at Initech (source: referral)"],
    ["LeadConverted", "converted the lead [erased] into the account Initech (initech)"],
  ])("%s reads fine after an erasure", (type, phrase) => {
    const { data } = cases.find((c) => c.type === type)!;
    expect(renderPhrase({ type, data: erase(type, data) })).toBe(phrase);
  });

  it("never falls back to 'recorded <type>' for an erased event", () => {
    for (const { type, data } of cases) {
      expect(renderPhrase({ type, data: erase(type, data) })).not.toBe(`recorded ${type}`);
    }
  });
});

describe("renderPhrase on what the schemas do not describe", () => {
  it("falls back to 'recorded <type>' for an unknown type", () => {
    expect(renderPhrase({ type: "WidgetFrobbed", data: { widgetId: "w-1" } })).toBe("recorded WidgetFrobbed");
    expect(renderPhrase({ type: "toString", data: {} })).toBe("recorded toString");
  });

  it.each([
    ["missing fields", "AccountRenamed", { accountId: "acme" }],
    ["an empty object", "InvoiceIssued", {}],
    ["null", "PlanDowngraded", null],
    ["a string", "PaymentRecorded", "garbage"],
    [
      "a wrong field type",
      "ProrationApplied",
      { ...cases.find((c) => c.type === "ProrationApplied")!.data, amount: "12" },
    ],
    ["a malformed instant", "SubscriptionCanceled", { accountId: "acme", canceledAt: "yesterday" }],
    [
      "an amount without its currency",
      "PaymentRecorded",
      { invoiceId: "inv-1", paymentId: "pay-1", amount: 100, method: "card", receivedAt: at("2026-01-02") },
    ],
  ])("falls back to 'recorded <type>' on %s", (_what, type, data) => {
    expect(renderPhrase({ type, data })).toBe(`recorded ${type}`);
  });

  it("never throws, whatever the data", () => {
    fc.assert(
      fc.property(fc.constantFrom(...eventTypes, "Unknown"), fc.jsonValue(), (type, data) => {
        expect(typeof renderPhrase({ type, data })).toBe("string");
      }),
    );
  });
});

describe("actorLabel", () => {
  it.each<[Actor, string]>([
    [{ type: "user", id: "dana", role: "admin" }, "Dana (admin)"],
    [{ type: "user", id: "sam", role: "support" }, "Sam (support)"],
    [{ type: "service", id: "crm-sync", role: "service" }, "crm-sync (service)"],
    [{ type: "system", id: "billing-policy" }, "Billing policy"],
    [{ type: "system", id: "billing-webhook" }, "Billing provider webhook"],
    [{ type: "system", id: "demo-seed" }, "Demo seed"],
    [{ type: "system", id: "nightly-renewals" }, "Nightly renewals"],
    [{ type: "system", id: "constructor" }, "Constructor"],
  ])("%o is %s", (actor, label) => {
    expect(actorLabel(actor)).toBe(label);
  });
});

describe("renderSentence", () => {
  it("puts the actor before the phrase", () => {
    const downgrade = cases.find((c) => c.type === "PlanDowngraded")!;
    expect(renderSentence({ ...downgrade, metadata: { actor: { type: "user", id: "dana", role: "admin" } } })).toBe(
      "Dana (admin) downgraded Pro to Starter, effective at period end (2026-12-01)",
    );
  });

  it("formats an invoice amount in the event's own currency, and falls back for an unknown type", () => {
    const payment = cases.find((c) => c.type === "PaymentRecorded")!;
    const webhook = { actor: { type: "system", id: "billing-webhook" } } as const;
    expect(renderSentence({ ...payment, metadata: webhook })).toBe(
      "Billing provider webhook recorded a card payment of USD 237.60 on invoice inv-1 (ref ch_3Nx)",
    );
    expect(renderSentence({ type: "LegacyImported", data: {}, metadata: webhook })).toBe(
      "Billing provider webhook recorded LegacyImported",
    );
  });
});
