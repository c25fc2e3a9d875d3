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

export interface ConversionFilter {
  /** Converted at or after (inclusive) / before (exclusive). */
  from?: Date;
  to?: Date;
  plan?: string;
  interval?: string;
  limit: number;
}

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

/** Converted trials, in the order they converted, filtered by when, plan and interval. */
export async function listConversions(db: Database, filter: ConversionFilter): Promise<TrialConversion[]> {
  const where: Prisma.RmTrialConversionWhereInput = {
    status: "converted",
    ...(filter.from || filter.to ? { convertedAt: { gte: filter.from, lt: filter.to } } : {}),
    ...(filter.plan ? { plan: filter.plan } : {}),
    ...(filter.interval ? { interval: filter.interval } : {}),
  };
  const rows = await db.prisma.rmTrialConversion.findMany({
    where,
    orderBy: [{ convertedAt: "asc" }, { accountId: "asc" }],
    take: filter.limit,
  });
  return rows.map(toConversion);
}

/** How the trials that started in a window ended: converted, canceled, still running. */
export async function trialOutcomes(db: Database, { from, to }: { from?: Date; to?: Date }) {
  const groups = await db.prisma.rmTrialConversion.groupBy({
    by: ["status"],
    where: from || to ? { trialStartedAt: { gte: from, lt: to } } : {},
    _count: { _all: true },
  });
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { converted: count("converted"), canceled: count("canceled"), trialing: count("trialing") };
}
