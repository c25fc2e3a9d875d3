import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZEntityId, ZInstant } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";

export const LEAD_SOURCES = ["website", "referral", "event", "outbound", "partner", "ads", "other"] as const;
export const ZLeadSource = z.enum(LEAD_SOURCES, { error: `source must be one of ${LEAD_SOURCES.join(", ")}` });

export const CONTACT_CHANNELS = ["email", "phone", "meeting", "social", "other"] as const;
export const ZContactChannel = z.enum(CONTACT_CHANNELS, {
  error: `channel must be one of ${CONTACT_CHANNELS.join(", ")}`,
});

// Personal fields read back as "[erased]" after an erasure: plain strings here.
const ZStoredText = z.string().min(1).max(254);
const lead = { leadId: ZEntityId };

export const ZLeadCaptured = z
  .object({
    ...lead,
    /** The prospective account's id: the account a conversion opens. */
    accountId: ZEntityId,
    name: ZStoredText,
    email: ZStoredText,
    company: z.string().min(1).max(200),
    source: ZLeadSource,
    capturedAt: ZInstant,
  })
  .strict();

export const ZLeadEnrichment = z
  .object({
    companySize: z.number().int().positive().optional(),
    industry: z.string().min(1).max(100).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    website: z.string().min(1).max(300).optional(),
  })
  .strict();

export const ZLeadEnriched = z.object({ ...lead, ...ZLeadEnrichment.shape, enrichedAt: ZInstant }).strict();

/** v2. v1 was { score }; upcast with model "v1-legacy" and no reasons. */
export const ZLeadScored = z
  .object({ score: z.number().int().min(0).max(100), model: z.string().min(1), reasons: z.array(z.string()) })
  .strict();
export const ZLeadScoredV1 = z.object({ score: z.number().int().min(0).max(100) }).strict();

export const ZLeadAssigned = z.object({ ...lead, ownerId: ZEntityId, assignedAt: ZInstant }).strict();
export const ZLeadContacted = z
  .object({ ...lead, channel: ZContactChannel, note: z.string().min(1).max(1000).optional(), contactedAt: ZInstant })
  .strict();
export const ZLeadQualified = z
  .object({ ...lead, note: z.string().min(1).max(1000).optional(), qualifiedAt: ZInstant })
  .strict();
export const ZLeadDisqualified = z
  .object({ ...lead, reason: z.string().min(1).max(500), disqualifiedAt: ZInstant })
  .strict();
/** Carries what the account it opens needs (the billing policy reads it). */
export const ZLeadConverted = z
  .object({
    ...lead,
    accountId: ZEntityId,
    company: z.string().min(1).max(200),
    name: ZStoredText,
    email: ZStoredText,
    convertedAt: ZInstant,
  })
  .strict();

export const leadEventSchemas = {
  LeadCaptured: ZLeadCaptured,
  LeadEnriched: ZLeadEnriched,
  LeadScored: ZLeadScored,
  LeadAssigned: ZLeadAssigned,
  LeadContacted: ZLeadContacted,
  LeadQualified: ZLeadQualified,
  LeadDisqualified: ZLeadDisqualified,
  LeadConverted: ZLeadConverted,
};

export type LeadEvent = EventUnionOf<typeof leadEventSchemas>;
export type LeadEventType = LeadEvent["type"];

/** LeadScored v1 -> v2. */
export const upcastLeadScoredV1 = (data: Record<string, unknown>): Record<string, unknown> => ({
  ...data,
  model: "v1-legacy",
  reasons: [],
});

export const leadEventDefinitions: EventDefinition[] = eventDefinitionsOf(leadEventSchemas, {
  personalFields: { LeadCaptured: ["name", "email"], LeadConverted: ["name", "email"] },
  // Scores from the legacy scoring system are imported as they were stored there: v1.
  versions: {
    LeadScored: { schemaVersion: 2, upcasters: { 1: upcastLeadScoredV1 }, legacySchemas: { 1: ZLeadScoredV1 } },
  },
});
