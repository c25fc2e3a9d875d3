import { z } from "zod";
import type { EventDefinition } from "@/lib/domain/shared/event-definition";
import { ZInstant } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";

/**
 * An admin's statement that an earlier event of the same stream was wrong:
 * named by its global position and event id. The store records it beside the
 * log in the same transaction, and every fold leaves the superseded event
 * out from then on; the who and the why are in the metadata (actor, reason).
 */
export const ZEventSuperseded = z
  .object({
    position: z.number().int().positive(),
    eventId: z.uuid(),
    eventType: z.string().min(1).max(100),
    streamVersion: z.number().int().positive(),
    supersededAt: ZInstant,
  })
  .strict();

export const correctionEventSchemas = { EventSuperseded: ZEventSuperseded };

export type CorrectionEvent = EventUnionOf<typeof correctionEventSchemas>;

export const correctionEventDefinitions: EventDefinition[] = eventDefinitionsOf(correctionEventSchemas, {
  effects: { EventSuperseded: "supersede" },
});
