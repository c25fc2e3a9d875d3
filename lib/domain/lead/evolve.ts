import { ignoreUnknownEvent } from "../shared/exhaustive";
import type { LeadEvent } from "./events";
import { advance } from "./pipeline";
import type { ExistingLead, LeadState } from "./state";

/** Applies a recorded fact. Never throws, never validates; stages never move backward. */
export function evolveLead(state: LeadState, event: LeadEvent): LeadState {
  if (event.type === "LeadCaptured") {
    const { leadId, accountId, name, email, company, source, capturedAt } = event.data;
    return {
      stage: "captured",
      leadId,
      accountId,
      name,
      email,
      company,
      source,
      capturedAt,
      enrichment: null,
      score: null,
      ownerId: null,
      contactCount: 0,
      lastContactedAt: null,
      qualifiedAt: null,
      disqualification: null,
      convertedAt: null,
    };
  }
  if (state.stage === "none") return state;
  return apply(state, event);
}

function apply(s: ExistingLead, event: LeadEvent): ExistingLead {
  switch (event.type) {
    case "LeadCaptured":
      return s;
    case "LeadEnriched": {
      const { leadId: _leadId, enrichedAt: _at, ...enrichment } = event.data;
      return { ...s, stage: advance(s.stage, "enriched"), enrichment: { ...s.enrichment, ...enrichment } };
    }
    case "LeadScored":
      return {
        ...s,
        stage: advance(s.stage, "scored"),
        score: { score: event.data.score, model: event.data.model, reasons: event.data.reasons },
      };
    case "LeadAssigned":
      return { ...s, stage: advance(s.stage, "assigned"), ownerId: event.data.ownerId };
    case "LeadContacted":
      return {
        ...s,
        stage: advance(s.stage, "contacted"),
        contactCount: s.contactCount + 1,
        lastContactedAt: event.data.contactedAt,
      };
    case "LeadQualified":
      return { ...s, stage: advance(s.stage, "qualified"), qualifiedAt: event.data.qualifiedAt };
    case "LeadDisqualified":
      return {
        ...s,
        stage: advance(s.stage, "disqualified"),
        disqualification: { reason: event.data.reason, at: event.data.disqualifiedAt },
      };
    case "LeadConverted":
      return {
        ...s,
        stage: advance(s.stage, "converted"),
        accountId: event.data.accountId,
        convertedAt: event.data.convertedAt,
      };
    default:
      return ignoreUnknownEvent(event, s);
  }
}
