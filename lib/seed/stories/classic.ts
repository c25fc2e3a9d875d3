import { DEMO_CALLERS } from "../demo-actors";
import { invoicesOf, type Seeder } from "../seeder";

const { dana, crm } = DEMO_CALLERS;

/**
 * The first demo accounts: Acme (monthly Pro, a coupon, more seats, an
 * upgrade whose first charge was declined), Globex (annual Pro downgraded
 * mid-year: a credit note), Initech (a trial converted, its first invoice paid
 * in two parts), Umbrella (a cancellation scheduled, revoked, then made
 * effective now), and two leads (Hooli converted, Vandelay disqualified).
 */
export async function classicStories(s: Seeder) {
  await s.signUp(-100, "acme", "Acme Analytics", { plan: "pro", interval: "monthly", seats: 5 });
  await s.run(s.at(-91), dana, "ApplyCoupon", { accountId: "acme", code: "SAVE20" }, { source: "ui" });
  await s.pay(
    s.at(-85, 13),
    invoicesOf(await s.run(s.at(-85), dana, "ChangeSeats", { accountId: "acme", seats: 8 }, { source: "ui" })),
  );
  await s.advance("acme", s.at(-56), { declineRate: 0 });
  const upgrade = invoicesOf(await s.run(s.at(-56), crm, "UpgradePlan", { accountId: "acme", plan: "enterprise" }));
  for (const invoiceId of upgrade) await s.decline(s.at(-56, 12), invoiceId);
  await s.pay(s.at(-54), upgrade);
  await s.advance("acme", s.at(-20), { declineRate: 0 });
  await s.run(
    s.at(-20),
    dana,
    "ChangeBillingContact",
    { accountId: "acme", billingEmail: "finance@acme.example", contactName: "Priya Raman" },
    { source: "ui" },
  );

  await s.signUp(
    -95,
    "globex",
    "Globex Corporation",
    { plan: "pro", interval: "annual", seats: 20 },
    { billingEmail: "ap@globex.example" },
  );
  await s.run(
    s.at(-48),
    dana,
    "DowngradePlan",
    { accountId: "globex", plan: "starter", when: "now" },
    { source: "ui" },
  );

  await s.run(s.at(-40), crm, "OpenAccount", {
    accountId: "initech",
    name: "Initech",
    billingEmail: "accounts@initech.example",
    currency: "USD",
  });
  await s.run(s.at(-40, 11), crm, "StartTrial", { accountId: "initech", plan: "pro", seats: 3, days: 14 });
  const [initechInvoice] = invoicesOf(
    await s.run(s.at(-26), crm, "ConvertTrial", { accountId: "initech", interval: "monthly" }),
  );
  if (initechInvoice) {
    await s.pay(s.at(-25), [initechInvoice], { share: 0.5 });
    const rest = (await s.invoice(initechInvoice)).balance;
    await s.run(
      s.at(-10),
      dana,
      "RecordPayment",
      { invoiceId: initechInvoice, amount: rest, method: "bank_transfer" },
      { source: "ui" },
    );
  }

  await s.signUp(
    -80,
    "umbrella",
    "Umbrella Health",
    { plan: "starter", interval: "monthly", seats: 2 },
    { billingEmail: "it@umbrella.example" },
  );
  await s.run(s.at(-65), dana, "ScheduleCancellation", { accountId: "umbrella", when: "period_end" }, { source: "ui" });
  await s.run(s.at(-63), dana, "RevokeCancellation", { accountId: "umbrella" }, { source: "ui" });
  await s.advance("umbrella", s.at(-30), { declineRate: 0 });
  await s.run(s.at(-30), dana, "ScheduleCancellation", { accountId: "umbrella", when: "now" }, { source: "ui" });

  await s.run(s.at(-22), crm, "CaptureLead", {
    leadId: "hooli",
    name: "Gavin Belson",
    email: "gavin@hooli.example",
    company: "Hooli",
    source: "event",
  });
  await s.run(s.at(-21), crm, "EnrichLead", {
    leadId: "hooli",
    companySize: 5000,
    industry: "Technology",
    country: "US",
  });
  await s.run(s.at(-21, 11), DEMO_CALLERS.scorer, "ScoreLead", {
    leadId: "hooli",
    score: 82,
    model: "fit-2026.3",
    reasons: ["company size", "webinar attendance"],
  });
  await s.run(s.at(-20), dana, "AssignLead", { leadId: "hooli", ownerId: "dana" }, { source: "ui" });
  await s.run(
    s.at(-18),
    dana,
    "ContactLead",
    { leadId: "hooli", channel: "email", note: "Intro call booked." },
    { source: "ui" },
  );
  await s.run(s.at(-14), dana, "QualifyLead", { leadId: "hooli", note: "Budget approved for Q1." }, { source: "ui" });
  const converted = await s.run(s.at(-8), dana, "ConvertLead", { leadId: "hooli" }, { source: "ui" });
  const hooli = converted.followUps.find((f) => f.commandType === "OpenAccount")?.targetId;
  if (hooli) {
    await s.pay(
      s.at(-7, 9),
      invoicesOf(
        await s.run(s.at(-7), crm, "PurchasePlan", {
          accountId: hooli,
          plan: "starter",
          interval: "monthly",
          seats: 10,
        }),
      ),
    );
  }
  await s.run(s.at(-16), crm, "CaptureLead", {
    leadId: "vandelay",
    name: "Art Vandelay",
    email: "art@vandelay.example",
    company: "Vandelay Industries",
    source: "website",
  });
  await s.run(
    s.at(-15),
    dana,
    "DisqualifyLead",
    { leadId: "vandelay", reason: "Import/export business, not a fit for our product." },
    { source: "ui" },
  );
  return ["acme", "globex", "initech", "umbrella", ...(hooli ? [hooli] : [])];
}
