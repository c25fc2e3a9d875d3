import { DEMO_CALLERS } from "../demo-actors";
import { invoicesOf, type Seeder } from "../seeder";

const { dana, crm, supportDesk, couponJanitor, webhook } = DEMO_CALLERS;

/**
 * "The downgrade was applied twice." Deployment 4.1.0 handled the provider's
 * `subscription.downgraded` as "one plan down" and used no idempotency key:
 * the provider retried delivery evt_sub_4471 forty seconds later, and the
 * account went Enterprise → Pro → Starter. Both events carry the delivery as
 * their correlation id. Dana restored Pro and credited the days without it,
 * with a credit note that names the duplicate.
 */
export async function duplicatedDowngrade(s: Seeder) {
  const id = "northwind";
  await s.signUp(-330, id, "Northwind Traders", { plan: "enterprise", interval: "monthly", seats: 12 });
  await s.advance(id, s.at(-296), { declineRate: 0 });
  const delivery = { source: "webhook" as const, correlationId: "delivery:evt_sub_4471", appVersion: "4.1.0" };
  await s.run(
    s.at(-296, 14),
    webhook,
    "DowngradePlan",
    { accountId: id, plan: "pro", when: "now" },
    {
      ...delivery,
      requestId: "req_evt_sub_4471_a",
    },
  );
  const retryAt = new Date(s.at(-296, 14).getTime() + 40_000);
  const duplicate = await s.run(
    retryAt,
    webhook,
    "DowngradePlan",
    { accountId: id, plan: "starter", when: "now" },
    {
      ...delivery,
      requestId: "req_evt_sub_4471_b",
    },
  );
  const wrongDowngrade = duplicate.events.find((e) => e.type === "PlanDowngraded")!;
  const restored = await s.run(
    s.at(-294),
    dana,
    "UpgradePlan",
    { accountId: id, plan: "pro" },
    {
      source: "ui",
      reason: "Ticket #4471: the customer asked for Pro; the second downgrade to Starter was a duplicate delivery.",
    },
  );
  const [charge] = invoicesOf(restored);
  if (charge) {
    const goodwill = Math.min(5000, (await s.invoice(charge)).charged);
    await s.run(
      s.at(-294, 11),
      dana,
      "IssueCreditNote",
      {
        invoiceId: charge,
        amount: goodwill,
        compensatesEventId: wrongDowngrade.eventId,
        reason:
          "Delivery evt_sub_4471 was applied twice by 4.1.0 (no idempotency key): the downgrade to Starter was never asked for. Pro is restored; this credits the two days without it. Ticket #4471.",
      },
      { source: "ui" },
    );
    await s.pay(s.at(-293), [charge]);
  }
  return [id];
}

/**
 * "Why is my invoice USD …?": Contoso's annual renewal has a line for the
 * plan and one for the coupon sales applied, each billed for the renewal
 * event; they paid half by bank transfer and disputed the rest.
 */
export async function disputedInvoice(s: Seeder) {
  const id = "contoso";
  await s.signUp(-400, id, "Contoso Pharma", { plan: "pro", interval: "annual", seats: 25 });
  await s.run(
    s.at(-210),
    dana,
    "ChangeSeats",
    { accountId: id, seats: 20 },
    { source: "ui", reason: "Ticket #3902: five people left." },
  );
  await s.run(
    s.at(-50),
    crm,
    "ApplyCoupon",
    { accountId: id, code: "SAVE20" },
    { reason: "Renewal offer from sales (Sven)." },
  );
  // The annual renewal (day -35), billed by the clock: the plan line and the coupon's line.
  const [invoiceId] = await s.advance(id, s.at(-34), { pay: false });
  if (invoiceId) {
    const half = Math.floor((await s.invoice(invoiceId)).balance / 2);
    await s.run(
      s.at(-20),
      dana,
      "RecordPayment",
      { invoiceId, amount: half, method: "bank_transfer", providerRef: "SEPA-CONTOSO-0042" },
      {
        source: "ui",
        reason: "Contoso paid half by bank transfer and disputes the rest (ticket #6120).",
      },
    );
  }
  return [id];
}

/** A payment webhook the provider delivered three times: one payment, two replays on record. */
export async function tripleDelivery(s: Seeder) {
  const id = "soylent";
  const purchase = await s.signUp(
    -70,
    id,
    "Soylent Foods",
    { plan: "pro", interval: "monthly", seats: 6 },
    { pay: false },
  );
  const [invoiceId] = invoicesOf(purchase);
  if (invoiceId) {
    const invoice = await s.invoice(invoiceId);
    const delivery = {
      id: "evt_pay_soylent_1",
      type: "payment.succeeded" as const,
      data: { invoiceId, amount: invoice.balance, currency: invoice.currency, providerRef: "ch_soylent_1" },
    };
    for (const minutes of [0, 1, 6]) await s.deliver(new Date(s.at(-70, 12).getTime() + minutes * 60_000), delivery);
  }
  return [id];
}

/**
 * "Our coupon disappeared": sales applied SAVE20, a nightly automation removed
 * it on a Tuesday (it allowed no coupons on that plan), and support re-applied
 * it from the ticket.
 */
export async function coupon(s: Seeder) {
  const id = "stark";
  await s.signUp(-75, id, "Stark Logistics", { plan: "starter", interval: "monthly", seats: 4 });
  await s.run(
    s.at(-73),
    crm,
    "ApplyCoupon",
    { accountId: id, code: "SAVE20" },
    { reason: "Promised by sales (Sven) at signing." },
  );
  const tuesday = tuesdayOnOrAfter(s, -60);
  await s.run(
    s.at(tuesday, 2),
    couponJanitor,
    "RemoveCoupon",
    { accountId: id },
    {
      source: "system",
      reason: "Nightly rule: no coupons on Starter monthly.",
    },
  );
  await s.advance(id, s.at(tuesday + 3), { declineRate: 0 });
  await s.run(
    s.at(tuesday + 3),
    supportDesk,
    "ApplyCoupon",
    { accountId: id, code: "SAVE20" },
    {
      reason: "Ticket #5120: sales promised SAVE20 at signing; re-applied after the nightly rule removed it.",
    },
  );
  return [id];
}

/** The day number (before today) of the first Tuesday on or after `day`. */
function tuesdayOnOrAfter(s: Seeder, day: number): number {
  const weekday = new Date(s.at(day).getTime()).getUTCDay();
  return day + ((2 - weekday + 7) % 7);
}
