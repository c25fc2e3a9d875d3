import type { LeadEvent } from "@/lib/domain";
import type { LeadEventType } from "@/lib/domain/lead/events";
import { colon, count, person, type RenderersOf } from "./format";

type Data<T extends LeadEventType> = Extract<LeadEvent, { type: T }>["data"];

const CHANNELS: Record<Data<"LeadContacted">["channel"], string> = {
  email: "by email",
  phone: "by phone",
  meeting: "in a meeting",
  social: "on social media",
  other: "",
};

/** The model v1 scores were upcast with (no reasons were recorded then). */
const LEGACY_MODEL = "v1-legacy";

const enrichment = (d: Data<"LeadEnriched">) =>
  [
    d.companySize === undefined ? null : count(d.companySize, "employee"),
    d.industry === undefined ? null : `industry ${d.industry}`,
    d.country === undefined ? null : `country ${d.country}`,
    d.website === undefined ? null : `website ${d.website}`,
  ]
    .filter((part) => part !== null)
    .join(", ");

export const leadRenderers: RenderersOf<LeadEvent> = {
  LeadCaptured: (d) => `captured the lead ${person(d.name, d.email)} at ${d.company} (source: ${d.source})`,
  LeadEnriched: (d) => `enriched the lead${colon(enrichment(d)) || " (no new details)"}`,
  LeadScored: (d) => {
    if (d.model === LEGACY_MODEL) return `scored the lead ${d.score}/100 (legacy score)`;
    const reasons = d.reasons.length ? `, reasons: ${d.reasons.join(", ")}` : "";
    return `scored the lead ${d.score}/100 (model ${d.model}${reasons})`;
  },
  LeadAssigned: (d) => `assigned the lead to ${d.ownerId}`,
  LeadContacted: (d) => `contacted the lead${CHANNELS[d.channel] ? ` ${CHANNELS[d.channel]}` : ""}${colon(d.note)}`,
  LeadQualified: (d) => `qualified the lead${colon(d.note)}`,
  LeadDisqualified: (d) => `disqualified the lead${colon(d.reason)}`,
  LeadConverted: (d) => `converted the lead ${person(d.name, d.email)} into the account ${d.company} (${d.accountId})`,
};
