import type { AccountState, SubscriptionState } from "@/lib/domain";
import type { RmAccountSummary } from "@/lib/generated/prisma/client";
import type { Runtime } from "@/lib/server/runtime";
import { compareFields, type Difference, idsToCheck } from "../shared/difference";
import { evolveWith, initialStateOf } from "../shared/fold";
import { ACCOUNT_SUMMARY } from "./projection";
import { subscriptionColumns } from "./summary";

/**
 * Replays each account's account and subscription streams with the domain's
 * deciders and compares the live rm_account_summary row field by field. Run it
 * on a caught-up projection: events it has not applied yet show as differences.
 */
export async function checkAccountSummary(
  runtime: Runtime,
  ids: string[] | "all",
  sample?: number,
): Promise<Difference[]> {
  const prisma = runtime.db.prisma;
  let known: string[] = [];
  if (ids === "all") {
    const streams = await prisma.stream.findMany({
      where: { streamType: { in: ["account", "subscription"] } },
      select: { accountId: true },
    });
    const rows = await prisma.rmAccountSummary.findMany({ select: { accountId: true } });
    known = [...streams, ...rows].map((r) => r.accountId);
  }
  const chosen = idsToCheck(known, ids, sample);
  const rows = await prisma.rmAccountSummary.findMany({ where: { accountId: { in: chosen } } });
  const byId = new Map(rows.map((row) => [row.accountId, row]));
  const differences: Difference[] = [];
  for (const accountId of chosen) {
    const expected = await expectedFor(runtime, accountId);
    const row = byId.get(accountId);
    differences.push(...compareFields(ACCOUNT_SUMMARY, accountId, expected, row ? actualOf(row) : null));
  }
  return differences;
}

async function expectedFor(runtime: Runtime, accountId: string): Promise<Record<string, unknown> | null> {
  const account = await runtime.store.loadAggregate<AccountState>(`account-${accountId}`, {
    initialState: () => initialStateOf("account"),
    evolve: (state, event) => evolveWith("account", state, event),
  });
  const subscription = await runtime.store.loadAggregate<SubscriptionState>(`subscription-${accountId}`, {
    initialState: () => initialStateOf("subscription"),
    evolve: (state, event) => evolveWith("subscription", state, event),
  });
  if (account.version === 0 && subscription.version === 0) return null;
  const a = account.state;
  return {
    account_status: a.status,
    name: a.status === "none" ? null : a.name,
    ...subscriptionColumns(subscription.state),
  };
}

function actualOf(row: RmAccountSummary): Record<string, unknown> {
  return {
    account_status: row.accountStatus,
    name: row.name,
    subscription_status: row.subscriptionStatus,
    plan: row.plan,
    interval: row.interval,
    seats: row.seats,
    coupon_code: row.couponCode,
    mrr: Number(row.mrr),
  };
}
