import { containsText } from "@/lib/db/contains";
import type { Database } from "@/lib/db/types";
import { LEAD_STAGES, type LeadStage } from "@/lib/domain";
import type { Prisma, RmLeadPipeline, RmLifecycle } from "@/lib/generated/prisma/client";
import { toIso } from "../shared/fold";
import { type LeadPipelineEntry, type Lifecycle, LIFECYCLE_STAGES, type LifecycleStage } from "./lifecycle";

/** A lead as the pipeline read model holds it. */
export type LeadView = LeadPipelineEntry;

/** An account's lifecycle, with its lead when it came from one. */
export interface LifecycleView extends Lifecycle {
  lead: LeadView | null;
}

const toLead = (row: RmLeadPipeline): LeadView => ({
  leadId: row.leadId,
  accountId: row.accountId,
  company: row.company,
  name: row.name,
  email: row.email,
  stage: row.stage as LeadStage,
  capturedAt: row.capturedAt.toISOString(),
  stageEnteredAt: row.stageEnteredAt.toISOString(),
  convertedAt: toIso(row.convertedAt),
  disqualifiedAt: toIso(row.disqualifiedAt),
  score: row.score,
});

function toLifecycle(row: RmLifecycle, lead: RmLeadPipeline | null): LifecycleView {
  return {
    accountId: row.accountId,
    stage: row.stage as LifecycleStage,
    leadId: row.leadId,
    leadStage: row.leadStage as LeadStage | null,
    leadCapturedAt: toIso(row.leadCapturedAt),
    trialStartedAt: toIso(row.trialStartedAt),
    trialConvertedAt: toIso(row.trialConvertedAt),
    customerSince: toIso(row.customerSince),
    churnedAt: toIso(row.churnedAt),
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    stageDays: row.stageDays as Record<string, number>,
    lead: lead ? toLead(lead) : null,
  };
}

export async function lifecycleForAccount(db: Database, accountId: string): Promise<LifecycleView | null> {
  const row = await db.prisma.rmLifecycle.findUnique({ where: { accountId } });
  if (!row) return null;
  const lead = row.leadId ? await db.prisma.rmLeadPipeline.findUnique({ where: { leadId: row.leadId } }) : null;
  return toLifecycle(row, lead);
}

export async function getLead(db: Database, leadId: string): Promise<LeadView | null> {
  const row = await db.prisma.rmLeadPipeline.findUnique({ where: { leadId } });
  return row ? toLead(row) : null;
}

/** Leads whose contact name, email or company contains `text` (any case), newest first. */
export async function searchLeads(
  db: Database,
  text: string,
  limit: number,
): Promise<{ items: LeadView[]; more: boolean }> {
  const match = containsText(text);
  const rows = await db.prisma.rmLeadPipeline.findMany({
    where: { OR: [{ name: match }, { email: match }, { company: match }] },
    orderBy: [{ capturedAt: "desc" }, { leadId: "asc" }],
    take: limit + 1,
  });
  return { items: rows.slice(0, limit).map(toLead), more: rows.length > limit };
}

export interface LeadPage {
  items: LeadView[];
  /** Pass as `cursor` for the next page (newest captured first, then lead id); null on the last page. */
  nextCursor: string | null;
}

// The cursor is the last row's (capturedAt, leadId): opaque to callers, and a malformed one starts from the top.
const encodeLeadCursor = (lead: LeadView) =>
  Buffer.from(JSON.stringify([lead.capturedAt, lead.leadId])).toString("base64url");

function beforeLeadCursor(cursor: string | undefined): Prisma.RmLeadPipelineWhereInput {
  let decoded: unknown;
  try {
    decoded = cursor ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : null;
  } catch {
    return {};
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return {};
  const [at, leadId] = decoded as unknown[];
  const time = typeof at === "string" ? new Date(at) : null;
  if (!time || Number.isNaN(time.getTime()) || typeof leadId !== "string") return {};
  return { OR: [{ capturedAt: { lt: time } }, { capturedAt: time, leadId: { lt: leadId } }] };
}

/** Every lead in the pipeline, newest captured first, a page at a time. */
export async function listLeads(
  db: Database,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<LeadPage> {
  const rows = await db.prisma.rmLeadPipeline.findMany({
    where: beforeLeadCursor(cursor),
    orderBy: [{ capturedAt: "desc" }, { leadId: "desc" }],
    take: limit + 1,
  });
  const items = rows.slice(0, limit).map(toLead);
  return { items, nextCursor: rows.length > limit ? encodeLeadCursor(items.at(-1)!) : null };
}

/** How many leads are in each pipeline stage (every stage listed, in pipeline order). */
export async function leadPipelineByStage(db: Database): Promise<{ stage: LeadStage; count: number }[]> {
  const rows = await db.prisma.rmLeadPipeline.groupBy({ by: ["stage"], _count: { _all: true } });
  const counts = new Map(rows.map((r) => [r.stage, r._count._all]));
  return LEAD_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}

/** How many accounts are in each lifecycle stage now. */
export async function accountsByStage(db: Database): Promise<{ stage: LifecycleStage; count: number }[]> {
  const rows = await db.prisma.rmLifecycle.groupBy({ by: ["stage"], _count: { _all: true } });
  const counts = new Map(rows.map((r) => [r.stage, r._count._all]));
  return LIFECYCLE_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}

export interface StageDuration {
  stage: LifecycleStage;
  /** Accounts that have left this stage at least once. */
  accounts: number;
  totalDays: number;
  /** totalDays / accounts, to one decimal. */
  averageDays: number;
}

/** Time spent in each stage by the accounts that moved on from it (past stays only). */
export async function stageDurations(db: Database): Promise<StageDuration[]> {
  const rows = await db.prisma.$queryRaw<{ stage: string; accounts: bigint; total: bigint }[]>`
    SELECT d.key AS stage, count(*)::bigint AS accounts, SUM(d.value::bigint)::bigint AS total
    FROM rm_lifecycle l, jsonb_each_text(l.stage_days) d GROUP BY d.key`;
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return LIFECYCLE_STAGES.filter((stage) => byStage.has(stage)).map((stage) => {
    const { accounts, total } = byStage.get(stage)!;
    return {
      stage,
      accounts: Number(accounts),
      totalDays: Number(total),
      averageDays: Math.round((Number(total) * 10) / Number(accounts)) / 10,
    };
  });
}
