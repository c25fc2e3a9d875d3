import { z } from "zod";

export const ZRole = z.enum(["support", "finance", "admin", "service"]);
export type Role = z.infer<typeof ZRole>;

/** Who caused an event: a signed-in person, another system with a token, or our own automation. */
export const ZActor = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: z.string().min(1), role: ZRole }).strict(),
  z.object({ type: z.literal("service"), id: z.string().min(1), role: z.literal("service") }).strict(),
  z.object({ type: z.literal("system"), id: z.string().min(1) }).strict(),
]);
export type Actor = z.infer<typeof ZActor>;

export const ZSource = z.enum(["ui", "api", "webhook", "system", "import"]);
export type Source = z.infer<typeof ZSource>;

const id = z.string().min(1).max(200);

/** Stored with every event; filled from the request context, never by domain code. */
export const ZEventMetadata = z
  .object({
    actor: ZActor,
    source: ZSource,
    requestId: id,
    correlationId: id,
    causationId: id.nullable().default(null),
    idempotencyKey: id.nullable().default(null),
    /** The command that appended the event (absent on events written before it was recorded). */
    commandType: id.nullable().default(null),
    /** Why: required for corrective commands. */
    reason: z.string().trim().min(1).max(2000).nullable().default(null),
    /** The support ticket or change request a correction answers (absent on events before it was recorded). */
    ticket: z.string().trim().min(1).max(200).nullable().default(null),
    /** The deployment that wrote the event, so a bad release's writes can be found. */
    appVersion: z.string().min(1).max(100),
    /** Every event belongs to one customer account: the key of its timeline. */
    accountId: id,
  })
  .strict();

export type EventMetadata = z.output<typeof ZEventMetadata>;
export type EventMetadataInput = z.input<typeof ZEventMetadata>;
