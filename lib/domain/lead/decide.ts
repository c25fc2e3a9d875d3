import { assertNever } from "../shared/decider";
import { freshId, nowOf } from "../shared/context";
import { reject } from "../shared/domain-error";
import { isErased } from "../shared/personal-data";
import { utcDate } from "../shared/time";
import type { LeadCommand } from "./commands";
import type { LeadEvent } from "./events";
import { canMove, LEAD_TRANSITIONS, type LeadTransitionCommand } from "./pipeline";
import type { ExistingLead, LeadState } from "./state";

export function decideLead(state: LeadState, command: LeadCommand): LeadEvent[] {
  const now = nowOf(command);
  if (command.type === "CaptureLead") {
    if (state.stage !== "none")
      reject("LEAD_ALREADY_CAPTURED", `The lead ${state.leadId} has already been captured.`, { leadId: state.leadId });
    const { leadId, name, email, company, source } = command.data;
    if (!leadId) throw new Error("CaptureLead reached decide without a leadId; the handler must fill it in");
    return [
      {
        type: "LeadCaptured",
        data: { leadId, accountId: freshId(command), name, email, company, source, capturedAt: now },
      },
    ];
  }
  const lead = requireMove(state, command.type);
  const leadId = lead.leadId;
  switch (command.type) {
    case "EnrichLead": {
      const { companySize, industry, country, website } = command.data;
      return [
        {
          type: "LeadEnriched",
          data: {
            leadId,
            ...(companySize !== undefined ? { companySize } : {}),
            ...(industry !== undefined ? { industry } : {}),
            ...(country !== undefined ? { country } : {}),
            ...(website !== undefined ? { website } : {}),
            enrichedAt: now,
          },
        },
      ];
    }
    case "ScoreLead": {
      const { score, model, reasons } = command.data;
      return [{ type: "LeadScored", data: { score, model, reasons } }];
    }
    case "AssignLead":
      return [{ type: "LeadAssigned", data: { leadId, ownerId: command.data.ownerId, assignedAt: now } }];
    case "ContactLead": {
      const { channel, note } = command.data;
      return [
        { type: "LeadContacted", data: { leadId, channel, ...(note !== undefined ? { note } : {}), contactedAt: now } },
      ];
    }
    case "QualifyLead": {
      const { note } = command.data;
      return [{ type: "LeadQualified", data: { leadId, ...(note !== undefined ? { note } : {}), qualifiedAt: now } }];
    }
    case "DisqualifyLead":
      return [{ type: "LeadDisqualified", data: { leadId, reason: command.data.reason, disqualifiedAt: now } }];
    case "ConvertLead":
      if (isErased(lead.email) || isErased(lead.name)) {
        reject(
          "LEAD_CONTACT_ERASED",
          "This lead's contact details were erased on request, so it can't open an account; capture the lead again.",
        );
      }
      return [
        {
          type: "LeadConverted",
          data: {
            leadId,
            accountId: lead.accountId,
            company: lead.company,
            name: lead.name,
            email: lead.email,
            convertedAt: now,
          },
        },
      ];
    default:
      return assertNever(command);
  }
}

const STEP: Record<LeadTransitionCommand, string> = {
  EnrichLead: "enriched",
  ScoreLead: "scored",
  AssignLead: "assigned",
  ContactLead: "contacted",
  QualifyLead: "qualified",
  ConvertLead: "converted",
  DisqualifyLead: "disqualified",
};

function requireMove(state: LeadState, command: LeadTransitionCommand): ExistingLead {
  if (state.stage === "none") reject("LEAD_NOT_FOUND", "There is no lead with this id; capture it first.");
  if (state.stage === "converted") {
    reject(
      "LEAD_ALREADY_CONVERTED",
      `This lead was converted into account ${state.accountId} on ${utcDate(state.convertedAt ?? state.capturedAt)}; it can't change any more.`,
      {
        accountId: state.accountId,
      },
    );
  }
  if (state.stage === "disqualified") {
    reject(
      "LEAD_DISQUALIFIED",
      `This lead was disqualified (${state.disqualification?.reason ?? "no reason given"}); capture it again to restart.`,
    );
  }
  if (!canMove(command, state.stage)) {
    const allowed = LEAD_TRANSITIONS[command].from.join(", ");
    reject(
      "LEAD_STAGE_NOT_ALLOWED",
      `This lead is at the ${state.stage} stage; it can only be ${STEP[command]} from: ${allowed}.`,
      {
        stage: state.stage,
        allowedFrom: LEAD_TRANSITIONS[command].from,
      },
    );
  }
  return state;
}
