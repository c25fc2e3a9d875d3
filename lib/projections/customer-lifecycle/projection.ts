import type { LeadStage } from "@/lib/domain";
import type { RecordedEvent } from "@/lib/event-store";
import { defineProjection, type ProjectionContext } from "../types";
import { jsonb, occurredAtOf, toIso } from "../shared/fold";
import {
  evolveLeadEntry,
  evolveLifecycle,
  type LeadPipelineEntry,
  type Lifecycle,
  LIFECYCLE_EVENT_TYPES,
  type LifecycleStage,
  newLifecycle,
} from "./lifecycle";

export const CUSTOMER_LIFECYCLE = "customer-lifecycle";

interface LifecycleRow {
  account_id: string;
  stage: LifecycleStage;
  lead_id: string | null;
  lead_stage: LeadStage | null;
  lead_captured_at: Date | null;
  trial_started_at: Date | null;
  trial_converted_at: Date | null;
  customer_since: Date | null;
  churned_at: Date | null;
  stage_entered_at: Date;
  stage_days: Record<string, number>;
}

interface LeadRow {
  lead_id: string;
  account_id: string;
  company: string;
  name: string;
  email: string;
  stage: LeadStage;
  captured_at: Date;
  stage_entered_at: Date;
  converted_at: Date | null;
  disqualified_at: Date | null;
  score: number | null;
}

/** Each account's lifecycle stage and how long it spent in each; and the lead pipeline. */
export const customerLifecycleProjection = defineProjection({
  name: CUSTOMER_LIFECYCLE,
  // v2: the lead pipeline keeps the contact's name and email (for search).
  version: 2,
  eventTypes: LIFECYCLE_EVENT_TYPES,
  tables: ["rm_lifecycle", "rm_lead_pipeline"],
  async apply(ctx, event) {
    const [row] = await ctx.tx.$queryRaw<LifecycleRow[]>`
      SELECT * FROM ${ctx.table("rm_lifecycle")} WHERE account_id = ${event.accountId}`;
    const current = row ? lifecycleOf(row) : newLifecycle(event.accountId, occurredAtOf(event));
    await saveLifecycle(ctx, evolveLifecycle(current, event));
    if (event.streamType === "lead") await applyLead(ctx, event);
  },
});

function lifecycleOf(row: LifecycleRow): Lifecycle {
  return {
    accountId: row.account_id,
    stage: row.stage,
    leadId: row.lead_id,
    leadStage: row.lead_stage,
    leadCapturedAt: toIso(row.lead_captured_at),
    trialStartedAt: toIso(row.trial_started_at),
    trialConvertedAt: toIso(row.trial_converted_at),
    customerSince: toIso(row.customer_since),
    churnedAt: toIso(row.churned_at),
    stageEnteredAt: row.stage_entered_at.toISOString(),
    stageDays: row.stage_days,
  };
}

async function saveLifecycle(ctx: ProjectionContext, l: Lifecycle) {
  await ctx.tx.$executeRaw`
    INSERT INTO ${ctx.table("rm_lifecycle")} (account_id, stage, lead_id, lead_stage, lead_captured_at,
      trial_started_at, trial_converted_at, customer_since, churned_at, stage_entered_at, stage_days)
    VALUES (${l.accountId}, ${l.stage}, ${l.leadId}, ${l.leadStage}, ${l.leadCapturedAt}::timestamptz,
      ${l.trialStartedAt}::timestamptz, ${l.trialConvertedAt}::timestamptz, ${l.customerSince}::timestamptz,
      ${l.churnedAt}::timestamptz, ${l.stageEnteredAt}::timestamptz, ${jsonb(l.stageDays)}::jsonb)
    ON CONFLICT (account_id) DO UPDATE SET stage = EXCLUDED.stage, lead_id = EXCLUDED.lead_id,
      lead_stage = EXCLUDED.lead_stage, lead_captured_at = EXCLUDED.lead_captured_at,
      trial_started_at = EXCLUDED.trial_started_at, trial_converted_at = EXCLUDED.trial_converted_at,
      customer_since = EXCLUDED.customer_since, churned_at = EXCLUDED.churned_at,
      stage_entered_at = EXCLUDED.stage_entered_at, stage_days = EXCLUDED.stage_days`;
}

async function applyLead(ctx: ProjectionContext, event: RecordedEvent) {
  const table = ctx.table("rm_lead_pipeline");
  const leadId = event.streamId.slice("lead-".length);
  const [row] = await ctx.tx.$queryRaw<LeadRow[]>`SELECT * FROM ${table} WHERE lead_id = ${leadId}`;
  const e = evolveLeadEntry(row ? leadEntryOf(row) : null, event);
  if (!e) return;
  await ctx.tx.$executeRaw`
    INSERT INTO ${table} (lead_id, account_id, company, name, email, stage, captured_at, stage_entered_at,
      converted_at, disqualified_at, score)
    VALUES (${e.leadId}, ${e.accountId}, ${e.company}, ${e.name}, ${e.email}, ${e.stage}, ${e.capturedAt}::timestamptz,
      ${e.stageEnteredAt}::timestamptz, ${e.convertedAt}::timestamptz, ${e.disqualifiedAt}::timestamptz,
      ${e.score}::integer)
    ON CONFLICT (lead_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, stage = EXCLUDED.stage,
      stage_entered_at = EXCLUDED.stage_entered_at, converted_at = EXCLUDED.converted_at,
      disqualified_at = EXCLUDED.disqualified_at, score = EXCLUDED.score`;
}

function leadEntryOf(row: LeadRow): LeadPipelineEntry {
  return {
    leadId: row.lead_id,
    accountId: row.account_id,
    company: row.company,
    name: row.name,
    email: row.email,
    stage: row.stage,
    capturedAt: row.captured_at.toISOString(),
    stageEnteredAt: row.stage_entered_at.toISOString(),
    convertedAt: toIso(row.converted_at),
    disqualifiedAt: toIso(row.disqualified_at),
    score: row.score,
  };
}
