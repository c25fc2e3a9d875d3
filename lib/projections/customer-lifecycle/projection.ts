import type { LeadStage } from "@/lib/domain";
import { defineReadModel, type TableSpec } from "../types";
import { occurredAtOf, toIso } from "../shared/fold";
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

const rmLifecycle: TableSpec<Lifecycle, LifecycleRow> = {
  key: ["account_id"],
  columns: {
    account_id: "text",
    stage: "text",
    lead_id: "text",
    lead_stage: "text",
    lead_captured_at: "timestamptz",
    trial_started_at: "timestamptz",
    trial_converted_at: "timestamptz",
    customer_since: "timestamptz",
    churned_at: "timestamptz",
    stage_entered_at: "timestamptz",
    stage_days: "jsonb",
  },
  fromRow: (row) => ({
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
  }),
  toRow: (l) => ({
    account_id: l.accountId,
    stage: l.stage,
    lead_id: l.leadId,
    lead_stage: l.leadStage,
    lead_captured_at: l.leadCapturedAt,
    trial_started_at: l.trialStartedAt,
    trial_converted_at: l.trialConvertedAt,
    customer_since: l.customerSince,
    churned_at: l.churnedAt,
    stage_entered_at: l.stageEnteredAt,
    stage_days: l.stageDays,
  }),
};

const rmLeadPipeline: TableSpec<LeadPipelineEntry, LeadRow> = {
  key: ["lead_id"],
  columns: {
    lead_id: "text",
    account_id: "text",
    company: "text",
    name: "text",
    email: "text",
    stage: "text",
    captured_at: "timestamptz",
    stage_entered_at: "timestamptz",
    converted_at: "timestamptz",
    disqualified_at: "timestamptz",
    score: "integer",
  },
  fromRow: (row) => ({
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
  }),
  toRow: (e) => ({
    lead_id: e.leadId,
    account_id: e.accountId,
    company: e.company,
    name: e.name,
    email: e.email,
    stage: e.stage,
    captured_at: e.capturedAt,
    stage_entered_at: e.stageEnteredAt,
    converted_at: e.convertedAt,
    disqualified_at: e.disqualifiedAt,
    score: e.score,
  }),
};

const leadIdOf = (streamId: string) => streamId.slice("lead-".length);

/** Each account's lifecycle stage and how long it spent in each; and the lead pipeline. */
export const customerLifecycleProjection = defineReadModel({
  name: CUSTOMER_LIFECYCLE,
  // v2: the lead pipeline keeps the contact's name and email (for search).
  version: 2,
  eventTypes: LIFECYCLE_EVENT_TYPES,
  tables: { rm_lifecycle: rmLifecycle, rm_lead_pipeline: rmLeadPipeline },
  keys: (event) => ({
    rm_lifecycle: [event.accountId],
    ...(event.streamType === "lead" ? { rm_lead_pipeline: [leadIdOf(event.streamId)] } : {}),
  }),
  fold(rows, event) {
    const current = rows.rm_lifecycle.get(event.accountId) ?? newLifecycle(event.accountId, occurredAtOf(event));
    rows.rm_lifecycle.set(event.accountId, evolveLifecycle(current, event));
    if (event.streamType !== "lead") return;
    const leadId = leadIdOf(event.streamId);
    const entry = evolveLeadEntry(rows.rm_lead_pipeline.get(leadId) ?? null, event);
    if (entry) rows.rm_lead_pipeline.set(leadId, entry);
  },
});
