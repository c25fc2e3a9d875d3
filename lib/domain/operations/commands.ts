import { z } from "zod";
import { ZEntityId, ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

/** There is one operations console today; its id is in the data so a second (a region, a tenant) needs no new command. */
export const OPERATIONS_CONSOLE = "console";

/** The console's events form a timeline of their own (`operations-console`): no customer account may take such an id. */
export const operationsAccountId = (consoleId: string) => `operations-${consoleId}`;
export const isOperationsAccountId = (accountId: string) => accountId.startsWith(operationsAccountId(""));

const ZConsoleId = z
  .literal(OPERATIONS_CONSOLE, { error: `there is one operations console today: "${OPERATIONS_CONSOLE}"` })
  .default(OPERATIONS_CONSOLE);

/** A projection's name as the engine knows it (account-summary, invoices...). */
export const ZProjectionName = z
  .string({ error: "projection is required" })
  .regex(/^[a-z][a-z0-9-]{0,63}$/, { error: "must be a projection's name, e.g. account-summary" });

const ZPosition = z
  .number({ error: "position must be a global position" })
  .int({ error: "position must be a whole number" })
  .min(1, { error: "position must be at least 1" });

const onProjection = { consoleId: ZConsoleId, projection: ZProjectionName, reason: ZReason };

export const ZRequestProjectionRebuild = z.object(onProjection).strict();
export const ZPauseProjection = z.object(onProjection).strict();
export const ZResumeProjection = z.object(onProjection).strict();
/** The failed event it tries again, as the console showed it. */
export const ZRetryProjection = z.object({ ...onProjection, position: ZPosition }).strict();
export const ZSkipProjectionEvent = z
  .object({
    ...onProjection,
    position: ZPosition,
    eventId: z.string().min(1).max(128).nullable().default(null),
    eventType: z.string().min(1).max(128).nullable().default(null),
    /** The error it failed with, kept beside the decision to skip it. */
    error: z.string().max(2000).nullable().default(null),
  })
  .strict();

const ZCount = z.number().int().min(0);

/** What a consistency check found: how many rows it compared, and how many fields differed. */
export const ZRecordConsistencyCheck = z
  .object({
    consoleId: ZConsoleId,
    reason: ZReason,
    /** A sample size, or every aggregate. */
    sample: z.union([z.literal("all"), z.number().int().min(1).max(10_000)]),
    accountId: ZEntityId.nullable().default(null),
    differences: ZCount,
    projections: z.array(ZProjectionName).min(1),
  })
  .strict();

/** The first broken link a verification found, if any. */
export const ZChainProblem = z
  .object({ streamId: z.string().min(1).max(200), version: z.number().int().nullable(), message: z.string().max(500) })
  .strict();

/** What a hash-chain verification found, over one stream or the whole log. */
export const ZRecordChainVerification = z
  .object({
    consoleId: ZConsoleId,
    reason: ZReason,
    /** "all", or the stream verified. */
    scope: z.string().min(1).max(200),
    streamsChecked: ZCount,
    eventsChecked: ZCount,
    problems: ZCount,
    firstProblem: ZChainProblem.nullable(),
  })
  .strict();

export const operationsCommandSchemas = {
  RequestProjectionRebuild: ZRequestProjectionRebuild,
  PauseProjection: ZPauseProjection,
  ResumeProjection: ZResumeProjection,
  RetryProjection: ZRetryProjection,
  SkipProjectionEvent: ZSkipProjectionEvent,
  RecordConsistencyCheck: ZRecordConsistencyCheck,
  RecordChainVerification: ZRecordChainVerification,
};

export type OperationsCommand = CommandUnionOf<typeof operationsCommandSchemas>;
