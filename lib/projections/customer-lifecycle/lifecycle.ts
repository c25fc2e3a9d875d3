import { advance, type LeadStage } from "@/lib/domain/lead/pipeline";
import type { RecordedEvent } from "@/lib/event-store";
import { occurredAtOf } from "../shared/fold";

export const LIFECYCLE_STAGES = ["lead", "trial", "customer", "paused", "churned", "disqualified", "closed"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** One account's way from lead to customer (and maybe out again). Times are the events' occurredAt. */
export interface Lifecycle {
  accountId: string;
  stage: LifecycleStage;
  leadId: string | null;
  leadStage: LeadStage | null;
  leadCapturedAt: string | null;
  trialStartedAt: string | null;
  trialConvertedAt: string | null;
  /** The first time it became a paying customer. */
  customerSince: string | null;
  /** The last cancellation (kept after a reactivation). */
  churnedAt: string | null;
  stageEnteredAt: string;
  /** Whole days spent in each past stage, summed over its stays (the current stay is not in it). */
  stageDays: Record<string, number>;
}

export interface LeadPipelineEntry {
  leadId: string;
  accountId: string;
  company: string;
  /** The contact's name and email as the latest LeadCaptured/LeadConverted had them ("[erased]" after an erasure). */
  name: string;
  email: string;
  stage: LeadStage;
  capturedAt: string;
  stageEnteredAt: string;
  convertedAt: string | null;
  disqualifiedAt: string | null;
  score: number | null;
}

const LEAD_STEPS: Readonly<Record<string, LeadStage>> = {
  LeadEnriched: "enriched",
  LeadScored: "scored",
  LeadAssigned: "assigned",
  LeadContacted: "contacted",
  LeadQualified: "qualified",
  LeadConverted: "converted",
  LeadDisqualified: "disqualified",
};

/** What moves the stage (a closed account stays closed). */
const STAGE_OF: Readonly<Record<string, LifecycleStage>> = {
  TrialStarted: "trial",
  TrialConverted: "customer",
  PlanPurchased: "customer",
  SubscriptionResumed: "customer",
  SubscriptionPaused: "paused",
  SubscriptionCanceled: "churned",
  AccountClosed: "closed",
};

export const LIFECYCLE_EVENT_TYPES = [
  "AccountOpened",
  "LeadCaptured",
  ...Object.keys(LEAD_STEPS),
  ...Object.keys(STAGE_OF),
];

const DAY_MS = 86_400_000;
const wholeDays = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS));

export function newLifecycle(accountId: string, at: string): Lifecycle {
  return {
    accountId,
    stage: "lead",
    leadId: null,
    leadStage: null,
    leadCapturedAt: null,
    trialStartedAt: null,
    trialConvertedAt: null,
    customerSince: null,
    churnedAt: null,
    stageEnteredAt: at,
    stageDays: {},
  };
}

export function evolveLifecycle(current: Lifecycle, event: RecordedEvent): Lifecycle {
  const at = occurredAtOf(event);
  const l = { ...current };
  let stage = STAGE_OF[event.type] ?? l.stage;
  if (event.type === "LeadCaptured") {
    l.leadId ??= event.streamId.slice("lead-".length);
    l.leadStage ??= "captured";
    l.leadCapturedAt ??= at;
  } else if (LEAD_STEPS[event.type]) {
    l.leadStage = advance(l.leadStage ?? "captured", LEAD_STEPS[event.type]!);
    if (event.type === "LeadDisqualified" && l.stage === "lead") stage = "disqualified";
  }
  if (event.type === "TrialStarted") l.trialStartedAt ??= at;
  if (event.type === "TrialConverted") l.trialConvertedAt ??= at;
  if (stage === "customer") l.customerSince ??= at;
  if (event.type === "SubscriptionCanceled") l.churnedAt = at;
  if (current.stage === "closed" || stage === current.stage) return l;
  const spent = wholeDays(current.stageEnteredAt, at);
  return {
    ...l,
    stage,
    stageEnteredAt: at,
    stageDays: { ...l.stageDays, [current.stage]: (l.stageDays[current.stage] ?? 0) + spent },
  };
}

/** Folds a lead event into its pipeline entry (null until LeadCaptured). */
export function evolveLeadEntry(entry: LeadPipelineEntry | null, event: RecordedEvent): LeadPipelineEntry | null {
  const at = occurredAtOf(event);
  const data = event.data as { company?: string; score?: number; name?: string; email?: string };
  if (event.type === "LeadCaptured") {
    return (
      entry ?? {
        leadId: event.streamId.slice("lead-".length),
        accountId: event.accountId,
        company: data.company ?? "",
        name: data.name ?? "",
        email: data.email ?? "",
        stage: "captured",
        capturedAt: at,
        stageEnteredAt: at,
        convertedAt: null,
        disqualifiedAt: null,
        score: null,
      }
    );
  }
  const step = LEAD_STEPS[event.type];
  if (!entry || !step) return entry;
  const stage = advance(entry.stage, step);
  return {
    ...entry,
    stage,
    stageEnteredAt: stage === entry.stage ? entry.stageEnteredAt : at,
    convertedAt: event.type === "LeadConverted" && stage === "converted" ? at : entry.convertedAt,
    disqualifiedAt: event.type === "LeadDisqualified" && stage === "disqualified" ? at : entry.disqualifiedAt,
    score: event.type === "LeadScored" && typeof data.score === "number" ? data.score : entry.score,
    // The conversion carries the contact the new account gets: the latest word on who they are.
    ...(event.type === "LeadConverted" ? { name: data.name ?? entry.name, email: data.email ?? entry.email } : {}),
  };
}
