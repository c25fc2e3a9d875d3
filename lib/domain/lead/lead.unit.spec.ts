import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { fold } from "../shared/decider";
import { spec } from "../shared/decider-spec";
import { ERASED_VALUE } from "../shared/personal-data";
import { commandFrom } from "../shared/testing";
import { leadCommandSchemas } from "./commands";
import { leadDecider } from "./decider";
import type { LeadEvent } from "./events";
import { LEAD_TRANSITIONS, OPEN_STAGES, stageRank } from "./pipeline";

const s = spec(leadDecider);
const NOW = "2025-02-01T09:00:00.000Z";
type Schemas = typeof leadCommandSchemas;
const lead = <T extends keyof Schemas>(type: T, data: Omit<z.input<Schemas[T]>, "leadId">, ids?: string[]) =>
  commandFrom(leadCommandSchemas, type, { leadId: "lead-1", ...data } as z.input<Schemas[T]>, NOW, ids);

const captured = (data: Partial<Extract<LeadEvent, { type: "LeadCaptured" }>["data"]> = {}): LeadEvent => ({
  type: "LeadCaptured",
  data: {
    leadId: "lead-1",
    accountId: "globex",
    name: "Hank Scorpio",
    email: "hank@globex.test",
    company: "Globex",
    source: "website",
    capturedAt: NOW,
    ...data,
  },
});
const enriched: LeadEvent = {
  type: "LeadEnriched",
  data: { leadId: "lead-1", companySize: 500, country: "US", enrichedAt: NOW },
};
const scored: LeadEvent = { type: "LeadScored", data: { score: 80, model: "fit-v2", reasons: ["size"] } };
const assigned: LeadEvent = { type: "LeadAssigned", data: { leadId: "lead-1", ownerId: "rep-1", assignedAt: NOW } };
const contacted: LeadEvent = { type: "LeadContacted", data: { leadId: "lead-1", channel: "email", contactedAt: NOW } };
const qualified: LeadEvent = { type: "LeadQualified", data: { leadId: "lead-1", qualifiedAt: NOW } };
const converted: LeadEvent = {
  type: "LeadConverted",
  data: {
    leadId: "lead-1",
    accountId: "globex",
    company: "Globex",
    name: "Hank Scorpio",
    email: "hank@globex.test",
    convertedAt: NOW,
  },
};
const pipeline = [captured(), enriched, scored, assigned, contacted, qualified];

describe("lead pipeline", () => {
  it("captures a lead with its prospective account id from context.ids", () => {
    s.given([])
      .when(
        lead("CaptureLead", { name: "Hank Scorpio", email: "hank@globex.test", company: "Globex", source: "website" }, [
          "globex",
        ]),
      )
      .then([captured()]);
    s.given([captured()])
      .when(
        lead("CaptureLead", { name: "Hank Scorpio", email: "hank@globex.test", company: "Globex", source: "website" }, [
          "x",
        ]),
      )
      .thenRejects("LEAD_ALREADY_CAPTURED");
  });

  it("moves forward through every stage", () => {
    s.given([captured()])
      .when(lead("EnrichLead", { companySize: 500, country: "US" }))
      .then([enriched]);
    s.given([captured(), enriched])
      .when(lead("ScoreLead", { score: 80, model: "fit-v2", reasons: ["size"] }))
      .then([scored]);
    s.given([captured(), enriched, scored])
      .when(lead("AssignLead", { ownerId: "rep-1" }))
      .then([assigned]);
    s.given(pipeline.slice(0, 4))
      .when(lead("ContactLead", { channel: "email" }))
      .then([contacted]);
    s.given(pipeline.slice(0, 5)).when(lead("QualifyLead", {})).then([qualified]);
    s.given(pipeline).when(lead("ConvertLead", {})).then([converted]);
  });

  it("allows skipping optional steps and repeating repeatable ones", () => {
    s.given([captured()])
      .when(lead("AssignLead", { ownerId: "rep-1" }))
      .then([assigned]);
    s.given(pipeline.slice(0, 5))
      .when(lead("ContactLead", { channel: "email" }))
      .then([contacted]);
    s.given([captured(), scored])
      .when(lead("ScoreLead", { score: 80, model: "fit-v2", reasons: ["size"] }))
      .then([scored]);
  });

  it("never moves backward", () => {
    s.given(pipeline.slice(0, 4))
      .when(lead("EnrichLead", { industry: "Energy" }))
      .thenRejects("LEAD_STAGE_NOT_ALLOWED", /at the assigned stage; it can only be enriched from: captured, enriched/);
    s.given(pipeline)
      .when(lead("ContactLead", { channel: "phone" }))
      .thenRejects("LEAD_STAGE_NOT_ALLOWED");
    s.given([captured()]).when(lead("QualifyLead", {})).thenRejects("LEAD_STAGE_NOT_ALLOWED");
    s.given(pipeline.slice(0, 5)).when(lead("ConvertLead", {})).thenRejects("LEAD_STAGE_NOT_ALLOWED");
  });

  it("disqualifies from any open stage; a disqualified lead is closed", () => {
    const disqualified: LeadEvent = {
      type: "LeadDisqualified",
      data: { leadId: "lead-1", reason: "No budget", disqualifiedAt: NOW },
    };
    s.given(pipeline)
      .when(lead("DisqualifyLead", { reason: "No budget" }))
      .then([disqualified]);
    s.given([captured()])
      .when(lead("DisqualifyLead", { reason: "No budget" }))
      .then([disqualified]);
    s.given([captured(), disqualified])
      .when(lead("AssignLead", { ownerId: "rep-1" }))
      .thenRejects("LEAD_DISQUALIFIED", /No budget/);
    s.given([captured(), disqualified])
      .when(lead("DisqualifyLead", { reason: "Again" }))
      .thenRejects("LEAD_DISQUALIFIED");
  });

  it("converts once: a converted lead opened its account and takes no more commands", () => {
    s.given([...pipeline, converted])
      .when(lead("ConvertLead", {}))
      .thenRejects("LEAD_ALREADY_CONVERTED", /converted into account globex/);
    s.given([...pipeline, converted])
      .when(lead("DisqualifyLead", { reason: "Too late" }))
      .thenRejects("LEAD_ALREADY_CONVERTED");
  });

  it("can't convert a lead whose contact details were erased", () => {
    s.given([captured({ email: ERASED_VALUE, name: ERASED_VALUE }), ...pipeline.slice(1)])
      .when(lead("ConvertLead", {}))
      .thenRejects("LEAD_CONTACT_ERASED");
  });

  it("rejects commands for an unknown lead and invalid input", () => {
    s.given([])
      .when(lead("ScoreLead", { score: 1, model: "m" }))
      .thenRejects("LEAD_NOT_FOUND");
    expect(() => lead("ScoreLead", { score: 101, model: "m" })).toThrow(/0-100/);
    expect(() => lead("EnrichLead", {})).toThrow(/at least one/);
    expect(() => lead("CaptureLead", { name: "A", email: "not-an-email", company: "B", source: "website" })).toThrow(
      /valid email/,
    );
  });

  it("defines a pipeline that only moves forward", () => {
    for (const [command, { from, to }] of Object.entries(LEAD_TRANSITIONS)) {
      if (command === "DisqualifyLead") expect(from).toEqual(OPEN_STAGES);
      else
        for (const stage of from)
          expect(stageRank(to), `${command} from ${stage}`).toBeGreaterThanOrEqual(stageRank(stage));
    }
  });

  it("folds to a readable state", () => {
    expect(fold(leadDecider, [...pipeline, converted])).toMatchObject({
      stage: "converted",
      accountId: "globex",
      enrichment: { companySize: 500, country: "US" },
      score: { score: 80, model: "fit-v2", reasons: ["size"] },
      ownerId: "rep-1",
      contactCount: 1,
    });
  });
});
