import type { Database } from "@/lib/db/types";
import { Prisma } from "@/lib/generated/prisma/client";

export interface RevenueDay {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  currency: string;
  newMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnMrr: number;
  reactivationMrr: number;
  /** new + expansion + reactivation − contraction − churn. */
  netMrr: number;
}

export interface AccountMovement extends RevenueDay {
  accountId: string;
}

interface Row {
  day: string;
  account_id?: string;
  currency: string;
  new_mrr: bigint;
  expansion_mrr: bigint;
  contraction_mrr: bigint;
  churn_mrr: bigint;
  reactivation_mrr: bigint;
}

function toDay(row: Row): RevenueDay {
  const [n, e, c, ch, r] = [row.new_mrr, row.expansion_mrr, row.contraction_mrr, row.churn_mrr, row.reactivation_mrr];
  return {
    day: row.day,
    currency: row.currency,
    newMrr: Number(n),
    expansionMrr: Number(e),
    contractionMrr: Number(c),
    churnMrr: Number(ch),
    reactivationMrr: Number(r),
    netMrr: Number(n + e + r - c - ch),
  };
}

const SUMS = Prisma.sql`SUM(new_mrr)::bigint AS new_mrr, SUM(expansion_mrr)::bigint AS expansion_mrr,
  SUM(contraction_mrr)::bigint AS contraction_mrr, SUM(churn_mrr)::bigint AS churn_mrr,
  SUM(reactivation_mrr)::bigint AS reactivation_mrr`;

/** Movements per day and currency over all accounts, for days from..to (YYYY-MM-DD, inclusive). */
export async function revenueByDay(db: Database, { from, to }: { from: string; to: string }): Promise<RevenueDay[]> {
  const rows = await db.prisma.$queryRaw<Row[]>`
    SELECT day::text AS day, currency, ${SUMS} FROM rm_revenue_movements
    WHERE day BETWEEN ${from}::date AND ${to}::date
    GROUP BY day, currency ORDER BY day, currency`;
  return rows.map(toDay);
}

/** One account's movements, oldest day first. */
export async function movementsForAccount(db: Database, accountId: string): Promise<AccountMovement[]> {
  const rows = await db.prisma.$queryRaw<Row[]>`
    SELECT day::text AS day, account_id, currency, new_mrr, expansion_mrr, contraction_mrr, churn_mrr,
      reactivation_mrr
    FROM rm_revenue_movements WHERE account_id = ${accountId} ORDER BY day`;
  return rows.map((row) => ({ accountId, ...toDay(row) }));
}

/** Current list-price MRR per currency, over all accounts. */
export async function currentMrr(db: Database): Promise<{ currency: string; mrr: number; accounts: number }[]> {
  const rows = await db.prisma.rmRevenueAccount.groupBy({
    by: ["currency"],
    where: { mrr: { gt: 0 } },
    _sum: { mrr: true },
    _count: { _all: true },
    orderBy: { currency: "asc" },
  });
  return rows.map((r) => ({ currency: r.currency ?? "", mrr: Number(r._sum.mrr ?? 0), accounts: r._count._all }));
}
