import { z } from "zod";
import type { EventDefinition } from "../shared/event-definition";
import { ZEntityId } from "../shared/schemas";
import { eventDefinitionsOf, type EventUnionOf } from "../shared/unions";
import { ZChainProblem, ZProjectionName } from "./commands";

// Who and when are the events' metadata (actor, business time); why is the data's reason and the metadata's.
const onProjection = { consoleId: ZEntityId, projection: ZProjectionName, reason: z.string() };
const ZCount = z.number().int().min(0);

export const ZProjectionRebuildRequested = z.object(onProjection).strict();
export const ZProjectionPaused = z.object(onProjection).strict();
export const ZProjectionResumed = z.object(onProjection).strict();
export const ZProjectionRetried = z.object({ ...onProjection, position: z.number().int().min(1) }).strict();
export const ZProjectionEventSkipped = z
  .object({
    ...onProjection,
    position: z.number().int().min(1),
    eventId: z.string().nullable(),
    eventType: z.string().nullable(),
    error: z.string().nullable(),
  })
  .strict();
export const ZConsistencyCheckRun = z
  .object({
    consoleId: ZEntityId,
    reason: z.string(),
    sample: z.union([z.literal("all"), z.number().int().min(1)]),
    accountId: z.string().nullable(),
    differences: ZCount,
    projections: z.array(ZProjectionName),
  })
  .strict();
export const ZChainVerified = z
  .object({
    consoleId: ZEntityId,
    reason: z.string(),
    scope: z.string(),
    streamsChecked: ZCount,
    eventsChecked: ZCount,
    problems: ZCount,
    firstProblem: ZChainProblem.nullable(),
  })
  .strict();

export const operationsEventSchemas = {
  ProjectionRebuildRequested: ZProjectionRebuildRequested,
  ProjectionPaused: ZProjectionPaused,
  ProjectionResumed: ZProjectionResumed,
  ProjectionRetried: ZProjectionRetried,
  ProjectionEventSkipped: ZProjectionEventSkipped,
  ConsistencyCheckRun: ZConsistencyCheckRun,
  ChainVerified: ZChainVerified,
};

export type OperationsEvent = EventUnionOf<typeof operationsEventSchemas>;

/** No personal data in operations events (actors are in the metadata, as everywhere). */
export const operationsEventDefinitions: EventDefinition[] = eventDefinitionsOf(operationsEventSchemas);
