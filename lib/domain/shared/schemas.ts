import { z } from "zod";

/** An id that can follow `<kind>-` in a stream id (see lib/event-store/stream-id.ts). */
export const ZEntityId = z.string({ error: "must be a string id" }).regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
  error: "must be 1-128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit",
});

/** An ISO-8601 instant; commands may carry an offset, events store UTC (`...Z`). */
export const ZInstantInput = z.iso.datetime({
  offset: true,
  error: "must be an ISO-8601 date-time, e.g. 2025-01-31T12:00:00Z",
});
export const ZInstant = z.iso.datetime({ error: "must be an ISO-8601 UTC date-time" });

/** A required explanation (corrective commands, disqualifications). */
export const ZReason = z
  .string({ error: "reason is required" })
  .trim()
  .min(3, { error: "reason must say why, in at least 3 characters" })
  .max(500, { error: "reason must be at most 500 characters" });

export const ZNote = z.string().trim().min(1).max(1000, { error: "note must be at most 1000 characters" });

/** A person's or company's name. */
export const ZName = z
  .string({ error: "name is required" })
  .trim()
  .min(1, { error: "name must not be empty" })
  .max(200, { error: "name must be at most 200 characters" });

export const ZEmail = z.email({ error: "must be a valid email address" }).max(254);
