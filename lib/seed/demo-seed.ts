import { createApiToken } from "@/lib/auth/api-tokens";
import { runBillingClock } from "@/lib/commands/billing-clock";
import { type Caller, type CommandResult, handleCommand } from "@/lib/commands/handle-command";
import { requestHashOf } from "@/lib/commands/idempotency";
import type { InvoiceState, SubscriptionState } from "@/lib/domain";
import type { Source } from "@/lib/event-store";
import { stateAt } from "@/lib/history/state-at";
import type { Runtime } from "@/lib/server/runtime";
import { DEMO_PRINCIPALS } from "./demo-actors";

const DAY = 86_400_000;
const dana: Caller = { principal: DEMO_PRINCIPALS.admin };
const crm: Caller = { principal: DEMO_PRINCIPALS.service };
const clock: Caller = { system: "billing-clock" };
const provider: Caller = { system: "billing-webhook" };

/**
 * Demo data for trying the app: four customer accounts and two leads, with a
 * few months of history each, written through the same command handler as
 * everything else (so policies issue the invoices), backdated in business time.
 * Runs once: an existing demo account means it is already there.
 */
export async function seedDemoData(runtime: Runtime, now = new Date()): Promise<{ seeded: boolean; events: number }> {
  for (const principal of Object.values(DEMO_PRINCIPALS)) {
    await createApiToken(runtime.db, {
      name: principal.name,
      role: principal.role,
      principalType: principal.type,
      principalId: principal.id,
      token: principal.token,
    });
  }
  if ((await runtime.store.streamVersion("account-acme")) > 0) return { seeded: false, events: 0 };

  const start = now.getTime() - 100 * DAY;
  const countEvents = async () =>
    Number((await runtime.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events`)[0]!.n);
  const before = await countEvents();
  const at = (days: number, hours = 10) => new Date(start + days * DAY + hours * 3_600_000);
  const run = async (
    when: Date,
    caller: Caller,
    type: string,
    data: Record<string, unknown>,
    source: Source = "api",
  ) => {
    const result = await handleCommand(runtime, {
      type,
      data,
      caller,
      source,
      now: when,
      // A digest, not the data: keys are stored in the events' metadata, and the data may hold names.
      idempotencyKey: `demo-seed:${type}:${requestHashOf(type, data).slice(0, 16)}:${when.toISOString()}`,
    });
    return result;
  };
  const invoicesOf = (result: CommandResult) =>
    result.followUps.filter((f) => f.commandType === "IssueInvoice").map((f) => f.targetId);
  const balanceOf = async (invoiceId: string) =>
    ((await stateAt(runtime.store, `invoice-${invoiceId}`)).state as Exclude<InvoiceState, { status: "none" }>).balance;
  const pay = async (when: Date, invoiceIds: string[]) => {
    for (const invoiceId of invoiceIds) {
      const amount = await balanceOf(invoiceId);
      if (amount > 0)
        await run(
          when,
          provider,
          "RecordPayment",
          { invoiceId, amount, method: "card", providerRef: `ch_${invoiceId.slice(0, 8)}` },
          "webhook",
        );
    }
  };
  const renew = async (accountId: string, caller: Caller = clock) => {
    const sub = (await stateAt(runtime.store, `subscription-${accountId}`)).state as SubscriptionState;
    if (sub.status !== "active") throw new Error(`demo seed: ${accountId} is ${sub.status}, not renewable`);
    const when = new Date(sub.periodEnd);
    return { when, result: await run(when, caller, "RenewSubscription", { accountId }, "system") };
  };

  // Acme: monthly Pro, a coupon, more seats, an upgrade whose first charge failed.
  await run(at(0), crm, "OpenAccount", {
    accountId: "acme",
    name: "Acme Analytics",
    billingEmail: "billing@acme.example",
    currency: "USD",
  });
  await pay(
    at(0, 12),
    invoicesOf(
      await run(at(0, 11), crm, "PurchasePlan", { accountId: "acme", plan: "pro", interval: "monthly", seats: 5 }),
    ),
  );
  await run(at(9), dana, "ApplyCoupon", { accountId: "acme", code: "SAVE20" }, "ui");
  await pay(at(15, 13), invoicesOf(await run(at(15), dana, "ChangeSeats", { accountId: "acme", seats: 8 }, "ui")));
  const acme1 = await renew("acme");
  await pay(new Date(acme1.when.getTime() + 3_600_000), invoicesOf(acme1.result));
  const upgrade = invoicesOf(await run(at(44), crm, "UpgradePlan", { accountId: "acme", plan: "enterprise" }));
  for (const invoiceId of upgrade) {
    await run(
      at(44, 12),
      provider,
      "RecordPaymentFailure",
      {
        invoiceId,
        amount: await balanceOf(invoiceId),
        reason: "Card declined: insufficient funds.",
        providerRef: "ch_declined_1",
      },
      "webhook",
    );
  }
  await pay(at(46), upgrade);
  const acme2 = await renew("acme");
  await pay(new Date(acme2.when.getTime() + 3_600_000), invoicesOf(acme2.result));
  await run(
    at(80),
    dana,
    "ChangeBillingContact",
    { accountId: "acme", billingEmail: "finance@acme.example", contactName: "Priya Raman" },
    "ui",
  );

  // Globex: annual Pro, downgraded mid-year; the credit note refunds part of the paid annual invoice.
  await run(at(5), crm, "OpenAccount", {
    accountId: "globex",
    name: "Globex Corporation",
    billingEmail: "ap@globex.example",
    currency: "USD",
  });
  await pay(
    at(6),
    invoicesOf(
      await run(at(5, 11), crm, "PurchasePlan", { accountId: "globex", plan: "pro", interval: "annual", seats: 20 }),
    ),
  );
  await run(at(52), dana, "DowngradePlan", { accountId: "globex", plan: "starter", when: "now" }, "ui");

  // Initech: a trial, converted; the first invoice is paid in two parts.
  await run(at(60), crm, "OpenAccount", {
    accountId: "initech",
    name: "Initech",
    billingEmail: "accounts@initech.example",
    currency: "USD",
  });
  await run(at(60, 11), crm, "StartTrial", { accountId: "initech", plan: "pro", seats: 3, days: 14 });
  const [initechInvoice] = invoicesOf(
    await run(at(74), crm, "ConvertTrial", { accountId: "initech", interval: "monthly" }),
  );
  if (initechInvoice) {
    const total = await balanceOf(initechInvoice);
    await run(
      at(75),
      provider,
      "RecordPayment",
      { invoiceId: initechInvoice, amount: Math.floor(total / 2), method: "card", providerRef: "ch_initech_1" },
      "webhook",
    );
    await run(
      at(90),
      dana,
      "RecordPayment",
      { invoiceId: initechInvoice, amount: total - Math.floor(total / 2), method: "bank_transfer" },
      "ui",
    );
  }

  // Umbrella: a cancellation scheduled, revoked, then made effective.
  await run(at(20), crm, "OpenAccount", {
    accountId: "umbrella",
    name: "Umbrella Health",
    billingEmail: "it@umbrella.example",
    currency: "USD",
  });
  await pay(
    at(20, 12),
    invoicesOf(
      await run(at(20, 11), crm, "PurchasePlan", {
        accountId: "umbrella",
        plan: "starter",
        interval: "monthly",
        seats: 2,
      }),
    ),
  );
  await run(at(35), dana, "ScheduleCancellation", { accountId: "umbrella", when: "period_end" }, "ui");
  await run(at(37), dana, "RevokeCancellation", { accountId: "umbrella" }, "ui");
  const umbrella = await renew("umbrella");
  await pay(new Date(umbrella.when.getTime() + 3_600_000), invoicesOf(umbrella.result));
  await run(at(70), dana, "ScheduleCancellation", { accountId: "umbrella", when: "now" }, "ui");

  // Leads: one converted into a customer (Hooli), one disqualified.
  await run(at(78), crm, "CaptureLead", {
    leadId: "hooli",
    name: "Gavin Belson",
    email: "gavin@hooli.example",
    company: "Hooli",
    source: "event",
  });
  await run(at(79), crm, "EnrichLead", { leadId: "hooli", companySize: 5000, industry: "Technology", country: "US" });
  await run(at(79, 11), crm, "ScoreLead", {
    leadId: "hooli",
    score: 82,
    model: "fit-2026.3",
    reasons: ["company size", "webinar attendance"],
  });
  await run(at(80), dana, "AssignLead", { leadId: "hooli", ownerId: "dana" }, "ui");
  await run(at(82), dana, "ContactLead", { leadId: "hooli", channel: "email", note: "Intro call booked." }, "ui");
  await run(at(86), dana, "QualifyLead", { leadId: "hooli", note: "Budget approved for Q1." }, "ui");
  const converted = await run(at(92), dana, "ConvertLead", { leadId: "hooli" }, "ui");
  const hooli = converted.followUps.find((f) => f.commandType === "OpenAccount")?.targetId;
  if (hooli) {
    await pay(
      at(93, 9),
      invoicesOf(
        await run(at(93), crm, "PurchasePlan", { accountId: hooli, plan: "starter", interval: "monthly", seats: 10 }),
      ),
    );
  }
  await run(at(84), crm, "CaptureLead", {
    leadId: "vandelay",
    name: "Art Vandelay",
    email: "art@vandelay.example",
    company: "Vandelay Industries",
    source: "website",
  });
  await run(
    at(85),
    dana,
    "DisqualifyLead",
    { leadId: "vandelay", reason: "Import/export business, not a fit for our product." },
    "ui",
  );

  // Bring every subscription to the present: periods that ended since are renewed (and billed).
  await runBillingClock(runtime, now);
  return { seeded: true, events: (await countEvents()) - before };
}
