import type { Database } from "@/lib/db/types";
import type { Prisma, RmTrialConversion } from "@/lib/generated/prisma/client";

export interface TrialConversion {
  accountId: string;
  trialPlan: string;
  trialSeats: number;
  trialStartedAt: string;
  trialEndsAt: string;
  status: "trialing" | "converted" | "canceled";
  convertedAt: string | null;
  plan: string | null;
  interval: string | null;
  seats: number | null;
  unitPrice: number | null;
  currency: string | null;
  canceledAt: string | null;
}

/** The report's window and filters; from/to bound when each figure's event happened. */
export interface ConversionWindow {
  /** At or after (inclusive) / before (exclusive). */
  from?: Date;
  to?: Date;
  plan?: string;
  interval?: string;
}

export interface ConversionFilter extends ConversionWindow {
  limit: number;
  /** Keyset: only conversions after this one, in the list's order. */
  after?: { convertedAt: string; accountId: string };
}

const within = ({ from, to }: ConversionWindow) => (from || to ? { gte: from, lt: to } : undefined);

function toConversion(row: RmTrialConversion): TrialConversion {
  return {
    accountId: row.accountId,
    trialPlan: row.trialPlan,
    trialSeats: row.trialSeats,
    trialStartedAt: row.trialStartedAt.toISOString(),
    trialEndsAt: row.trialEndsAt.toISOString(),
    status: row.status as TrialConversion["status"],
    convertedAt: row.convertedAt?.toISOString() ?? null,
    plan: row.plan,
    interval: row.interval,
    seats: row.seats,
    unitPrice: row.unitPrice === null ? null : Number(row.unitPrice),
    currency: row.currency,
    canceledAt: row.canceledAt?.toISOString() ?? null,
  };
}

const convertedWhere = (w: ConversionWindow): Prisma.RmTrialConversionWhereInput => ({
  status: "converted",
  convertedAt: within(w),
  plan: w.plan,
  interval: w.interval,
});

/** Converted trials, in the order they converted, filtered by when, plan and interval. */
export async function listConversions(db: Database, filter: ConversionFilter): Promise<TrialConversion[]> {
  const { after } = filter;
  const rows = await db.prisma.rmTrialConversion.findMany({
    where: {
      ...convertedWhere(filter),
      ...(after
        ? {
            OR: [
              { convertedAt: { gt: after.convertedAt } },
              { convertedAt: after.convertedAt, accountId: { gt: after.accountId } },
            ],
          }
        : {}),
    },
    orderBy: [{ convertedAt: "asc" }, { accountId: "asc" }],
    take: filter.limit,
  });
  return rows.map(toConversion);
}

/**
 * The report's figures, each over the list's window and filters: trials
 * converted in the window; trials canceled in it while in trial; trials in
 * trial at its end (now without one). A trial has a plan but no interval until
 * it converts, so with an interval filter the last two are null.
 */
export async function trialOutcomes(db: Database, w: ConversionWindow) {
  const count = (where: Prisma.RmTrialConversionWhereInput) => db.prisma.rmTrialConversion.count({ where });
  const plain = !w.interval;
  const [converted, canceled, trialing] = await Promise.all([
    count(convertedWhere(w)),
    plain ? count({ status: "canceled", canceledAt: within(w), trialPlan: w.plan }) : null,
    plain ? count({ trialPlan: w.plan, ...inTrialAt(w.to) }) : null,
  ]);
  return { converted, canceled, trialing };
}

function inTrialAt(at: Date | undefined): Prisma.RmTrialConversionWhereInput {
  if (!at) return { status: "trialing" };
  return {
    trialStartedAt: { lt: at },
    AND: [
      { OR: [{ convertedAt: null }, { convertedAt: { gte: at } }] },
      { OR: [{ canceledAt: null }, { canceledAt: { gte: at } }] },
    ],
  };
}
