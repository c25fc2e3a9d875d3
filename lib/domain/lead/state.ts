import type { LeadStage } from "./pipeline";

/** A lead (stream `lead-<leadId>`). Plain JSON. */
export type LeadState = NoLead | ExistingLead;

export interface NoLead {
  stage: "none";
  leadId: null;
  accountId: null;
}

export interface ExistingLead {
  stage: LeadStage;
  leadId: string;
  /** The prospective account: the one a conversion opens. */
  accountId: string;
  name: string;
  email: string;
  company: string;
  source: string;
  capturedAt: string;
  enrichment: { companySize?: number; industry?: string; country?: string; website?: string } | null;
  score: { score: number; model: string; reasons: string[] } | null;
  ownerId: string | null;
  contactCount: number;
  lastContactedAt: string | null;
  qualifiedAt: string | null;
  disqualification: { reason: string; at: string } | null;
  convertedAt: string | null;
}

export const initialLeadState = (): LeadState => ({ stage: "none", leadId: null, accountId: null });

/** One line for an API or a support screen. */
export function summarizeLead(state: LeadState): string {
  if (state.stage === "none") return "No lead.";
  const score = state.score ? `, score ${state.score.score} (${state.score.model})` : "";
  const owner = state.ownerId ? `, owned by ${state.ownerId}` : "";
  const why = state.disqualification ? ` (${state.disqualification.reason})` : "";
  const account = state.stage === "converted" ? `, opened account ${state.accountId}` : "";
  return `${state.name} at ${state.company} (from ${state.source}): ${state.stage}${why}${score}${owner}${account}.`;
}
