import { DomainError } from "@/lib/domain";
import type { Runtime } from "@/lib/server/runtime";
import { DEMO_CALLERS } from "./demo-actors";
import { Random } from "./random";
import { DAY, invoicesOf, Seeder } from "./seeder";

export const LARGE_ACCOUNT = "megacorp";

/**
 * `npm run seed -- --large`: one account with about `events` events, for
 * speed checks (the timeline's deep pages, time travel, compare, exports).
 * Synthetic but written through the real command handler: two years of an
 * Enterprise subscription whose seats follow an identity provider's sync
 * (each increase billed, each decrease credited), monthly renewals paid by
 * the provider's webhook, a daily usage invoice, and a partner automation
 * that applies and removes a coupon many times a day. Most events land on the
 * subscription stream, the kind of long stream history snapshots are for.
 */
export async function seedLargeAccount(
  runtime: Runtime,
  {
    events = 100_000,
    now = new Date(),
    onProgress = () => undefined,
  }: { events?: number; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ accountId: string; events: number }> {
  const s = new Seeder(runtime, now, new Random(42));
  const { crm, dana, couponJanitor, supportDesk } = DEMO_CALLERS;
  const count = () => runtime.db.prisma.event.count({ where: { accountId: LARGE_ACCOUNT } });
  if ((await count()) === 0) {
    await s.signUp(
      -730,
      LARGE_ACCOUNT,
      "Megacorp Holdings",
      { plan: "enterprise", interval: "monthly", seats: 200 },
      { billingEmail: "ap@megacorp.example" },
    );
  }
  let written = await count();
  const perDay = Math.max(4, Math.ceil((events - written) / 730));
  const ignoreRefusal = (error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
  };
  for (let day = -729; day < 0 && written < events; day++) {
    await s.advance(LARGE_ACCOUNT, s.at(day));
    // A day's usage, invoiced and paid (its own short stream).
    const usage = await s.run(s.at(day, 1), crm, "IssueInvoice", {
      accountId: LARGE_ACCOUNT,
      currency: "USD",
      lines: [
        {
          description: `API usage on ${s
            .at(day - 1)
            .toISOString()
            .slice(0, 10)}`,
          quantity: s.random.int(100, 900),
          unitAmount: 2,
        },
      ],
    });
    await s.pay(s.at(day, 2), [usage.targetId]);
    for (let i = 0; i < perDay; i += 2) {
      const when = new Date(s.at(day, 6).getTime() + (i * DAY) / (perDay * 2));
      if (i % 40 === 0) {
        const seats = 200 + s.random.int(-30, 30);
        const change = await s
          .run(
            when,
            supportDesk,
            "ChangeSeats",
            { accountId: LARGE_ACCOUNT, seats },
            { reason: "Identity provider sync." },
          )
          .catch((error: unknown) => ignoreRefusal(error));
        if (change) await s.pay(new Date(when.getTime() + 60_000), invoicesOf(change));
        continue;
      }
      await s.run(when, crm, "ApplyCoupon", { accountId: LARGE_ACCOUNT, code: "TAKE10" }).catch(ignoreRefusal);
      await s
        .run(
          new Date(when.getTime() + 1000),
          couponJanitor,
          "RemoveCoupon",
          { accountId: LARGE_ACCOUNT },
          { source: "system" },
        )
        .catch(ignoreRefusal);
    }
    if (day % 30 === 0) {
      await s
        .run(
          s.at(day, 20),
          dana,
          "ChangeBillingContact",
          {
            accountId: LARGE_ACCOUNT,
            billingEmail: `ap+${-day}@megacorp.example`,
          },
          { source: "ui" },
        )
        .catch(ignoreRefusal);
    }
    written = await count();
    onProgress(Math.min(written, events), events);
  }
  await s.advance(LARGE_ACCOUNT, now);
  return { accountId: LARGE_ACCOUNT, events: await count() };
}
