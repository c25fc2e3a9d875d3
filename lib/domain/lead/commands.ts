import { z } from "zod";
import { ZEmail, ZEntityId, ZName, ZNote, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";
import { ZContactChannel, ZLeadSource } from "./events";

const target = { leadId: ZEntityId };

export const ZCaptureLead = z
  .object({
    /** Omitted: the handler makes one and puts it here before decide. */
    leadId: ZEntityId.optional(),
    name: ZName,
    email: ZEmail,
    company: ZName,
    source: ZLeadSource,
  })
  .strict();
export const ZEnrichLead = z
  .object({
    ...target,
    companySize: z
      .number()
      .int({ error: "companySize must be a whole number of employees" })
      .min(1)
      .max(10_000_000)
      .optional(),
    industry: z.string().trim().min(1).max(100).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, { error: "country must be an ISO 3166 two-letter code in capitals, e.g. DE" })
      .optional(),
    website: z.url({ error: "website must be a URL" }).max(300).optional(),
  })
  .strict()
  .refine(
    (d) =>
      d.companySize !== undefined || d.industry !== undefined || d.country !== undefined || d.website !== undefined,
    {
      error: "give at least one of companySize, industry, country, website",
    },
  );
export const ZScoreLead = z
  .object({
    ...target,
    score: z
      .number()
      .int({ error: "score must be a whole number" })
      .min(0, { error: "score must be 0-100" })
      .max(100, { error: "score must be 0-100" }),
    model: z.string().trim().min(1).max(60),
    reasons: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .strict();
export const ZAssignLead = z.object({ ...target, ownerId: ZEntityId }).strict();
export const ZContactLead = z.object({ ...target, channel: ZContactChannel, note: ZNote.optional() }).strict();
export const ZQualifyLead = z.object({ ...target, note: ZNote.optional() }).strict();
export const ZDisqualifyLead = z.object({ ...target, reason: ZReason }).strict();
export const ZConvertLead = z.object(target).strict();

export const leadCommandSchemas = {
  CaptureLead: ZCaptureLead,
  EnrichLead: ZEnrichLead,
  ScoreLead: ZScoreLead,
  AssignLead: ZAssignLead,
  ContactLead: ZContactLead,
  QualifyLead: ZQualifyLead,
  DisqualifyLead: ZDisqualifyLead,
  ConvertLead: ZConvertLead,
};

export type LeadCommand = CommandUnionOf<typeof leadCommandSchemas>;
export type LeadCommandType = LeadCommand["type"];
export type LeadCommandOf<T extends LeadCommandType> = Extract<LeadCommand, { type: T }>;
