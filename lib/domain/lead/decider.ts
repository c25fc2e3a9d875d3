import type { Decider } from "../shared/decider";
import { defineCommands } from "../shared/define-commands";
import { leadCommandSchemas, type LeadCommand } from "./commands";
import { decideLead } from "./decide";
import type { LeadEvent } from "./events";
import { evolveLead } from "./evolve";
import { initialLeadState, type LeadState } from "./state";

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  initialState: initialLeadState,
  decide: decideLead,
  evolve: evolveLead,
};

const onLead = { targetKey: "leadId" } as const;

/** Stream `lead-<leadId>`. CaptureLead takes the prospective account's id from context.ids. */
export const leadCommandDefinitions = defineCommands("lead", leadCommandSchemas, leadDecider, {
  CaptureLead: { ...onLead, creates: true, ids: 1 },
  EnrichLead: onLead,
  ScoreLead: onLead,
  AssignLead: onLead,
  ContactLead: onLead,
  QualifyLead: onLead,
  DisqualifyLead: onLead,
  ConvertLead: onLead,
});
