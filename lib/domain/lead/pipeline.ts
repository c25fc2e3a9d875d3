/**
 * The lead pipeline. Stages only move forward (or stay, for repeatable steps);
 * disqualification is allowed from any stage that is not terminal.
 */
export const LEAD_STAGES = [
  "captured",
  "enriched",
  "scored",
  "assigned",
  "contacted",
  "qualified",
  "converted",
  "disqualified",
] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const TERMINAL_STAGES: readonly LeadStage[] = ["converted", "disqualified"];
export const OPEN_STAGES: readonly LeadStage[] = LEAD_STAGES.filter((s) => !TERMINAL_STAGES.includes(s));

/** Commands that move a lead, the stages they are allowed from, and the stage they lead to. */
export const LEAD_TRANSITIONS = {
  EnrichLead: { from: ["captured", "enriched"], to: "enriched" },
  ScoreLead: { from: ["captured", "enriched", "scored"], to: "scored" },
  AssignLead: { from: ["captured", "enriched", "scored", "assigned"], to: "assigned" },
  ContactLead: { from: ["assigned", "contacted"], to: "contacted" },
  QualifyLead: { from: ["contacted"], to: "qualified" },
  ConvertLead: { from: ["qualified"], to: "converted" },
  DisqualifyLead: { from: OPEN_STAGES, to: "disqualified" },
} as const satisfies Record<string, { from: readonly LeadStage[]; to: LeadStage }>;

export type LeadTransitionCommand = keyof typeof LEAD_TRANSITIONS;

export const stageRank = (stage: LeadStage) => LEAD_STAGES.indexOf(stage);

export function canMove(command: LeadTransitionCommand, from: LeadStage): boolean {
  return (LEAD_TRANSITIONS[command].from as readonly LeadStage[]).includes(from);
}

/** For evolve: the stage after a recorded step, never moving backward and never leaving a terminal stage. */
export function advance(current: LeadStage, to: LeadStage): LeadStage {
  if (TERMINAL_STAGES.includes(current)) return current;
  if (TERMINAL_STAGES.includes(to)) return to;
  return stageRank(to) > stageRank(current) ? to : current;
}
