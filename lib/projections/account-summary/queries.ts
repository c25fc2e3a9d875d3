import { containsText } from "@/lib/db/contains";
import type { Database } from "@/lib/db/types";
import { prepared } from "@/lib/db/raw-transaction";
import type { Prisma, RmAccountSummary } from "@/lib/generated/prisma/client";
import type { SubscriptionState } from "@/lib/domain";

export interface AccountSummary {
  accountId: string;
  name: string | null;
  billingEmail: string | null;
  accountStatus: string;
  subscriptionStatus: string;
  plan: string | null;
  interval: string | null;
  seats: number | null;
  couponCode: string | null;
  /** List-price monthly recurring revenue, minor units of `currency`. */
  mrr: number;
  currency: string | null;
  /** Sum of the balances of the account's open invoices, minor units. */
  openBalance: number;
  lifecycleStage: string;
  lastActivityAt: string;
  lastPosition: number;
  /** The folded subscription (period end, scheduled cancellation, coupon details...). */
  subscription: SubscriptionState;
}

function toSummary(row: RmAccountSummary): AccountSummary {
  return {
    accountId: row.accountId,
    name: row.name,
    billingEmail: row.billingEmail,
    accountStatus: row.accountStatus,
    subscriptionStatus: row.subscriptionStatus,
    plan: row.plan,
    interval: row.interval,
    seats: row.seats,
    couponCode: row.couponCode,
    mrr: Number(row.mrr),
    currency: row.currency,
    openBalance: Number(row.openBalance),
    lifecycleStage: row.lifecycleStage,
    lastActivityAt: row.lastActivityAt.toISOString(),
    lastPosition: Number(row.lastPosition),
    subscription: row.subscription as unknown as SubscriptionState,
  };
}

/** One account's summary: read on every account page, so through the driver, in the model's shape. */
export async function getAccountSummary(db: Database, accountId: string): Promise<AccountSummary | null> {
  const [row] = await db.raw.$queryRaw<RmAccountSummary[]>(prepared`
    SELECT account_id AS "accountId", name, billing_email AS "billingEmail", account_status AS "accountStatus",
           subscription_status AS "subscriptionStatus", subscription, plan, "interval", seats,
           coupon_code AS "couponCode", mrr, currency, open_balance AS "openBalance",
           lifecycle_stage AS "lifecycleStage", last_activity_at AS "lastActivityAt", last_position AS "lastPosition"
    FROM rm_account_summary WHERE account_id = ${accountId}`);
  return row ? toSummary(row) : null;
}

export interface AccountSummaryPage {
  items: AccountSummary[];
  /** Pass as `cursor` for the next page (ordered by name, then id); null on the last page. */
  nextCursor: string | null;
}

// The cursor is the last row's (name, id): opaque to callers, and a malformed one starts from the top.
const encodeCursor = (row: { name: string | null; accountId: string }) =>
  Buffer.from(JSON.stringify([row.name, row.accountId])).toString("base64url");

function afterCursor(cursor: string | undefined): Prisma.RmAccountSummaryWhereInput {
  let decoded: unknown;
  try {
    decoded = cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : null;
  } catch {
    return {};
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[1] !== "string") return {};
  const [name, id] = decoded as [unknown, string];
  // Names sort first, accounts without one (no AccountOpened yet) last.
  if (name === null) return { name: null, accountId: { gt: id } };
  if (typeof name !== "string") return {};
  return { OR: [{ name: { gt: name } }, { name, accountId: { gt: id } }, { name: null }] };
}

/** Accounts by name; `search` matches name, billing email or id case-insensitively (substring). */
export async function listAccountSummaries(
  db: Database,
  { search, limit, cursor }: { search?: string; limit: number; cursor?: string },
): Promise<AccountSummaryPage> {
  const text = search?.trim();
  const matches: Prisma.RmAccountSummaryWhereInput = text
    ? {
        OR: [{ name: containsText(text) }, { billingEmail: containsText(text) }, { accountId: containsText(text) }],
      }
    : {};
  const rows = await db.prisma.rmAccountSummary.findMany({
    where: { AND: [afterCursor(cursor), matches] },
    orderBy: [{ name: { sort: "asc", nulls: "last" } }, { accountId: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { items: page.map(toSummary), nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null };
}

/** The names of these accounts (null before AccountOpened), for labelling rows that belong to them. */
export async function accountNames(db: Database, accountIds: readonly string[]): Promise<Map<string, string | null>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.prisma.rmAccountSummary.findMany({
    where: { accountId: { in: [...new Set(accountIds)] } },
    select: { accountId: true, name: true },
  });
  return new Map(rows.map((r) => [r.accountId, r.name]));
}

/**
 * Accounts whose subscription, as the summary last saw it, has something due
 * at `now`: a scheduled cancellation that took effect, or an active period
 * that ended (the billing clock's `dueAction`, as SQL). Lets the clock load
 * only these streams instead of every subscription.
 */
export async function listAccountsWithSubscriptionDue(db: Database, now: Date): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ account_id: string }[]>`
    SELECT account_id FROM rm_account_summary
    WHERE subscription->>'status' IN ('trialing', 'active', 'paused')
      AND ((subscription->'cancellation'->>'effectiveAt')::timestamptz <= ${now}
        OR (subscription->>'status' = 'active' AND (subscription->>'periodEnd')::timestamptz <= ${now}))
    ORDER BY account_id`;
  return rows.map((r) => r.account_id);
}
