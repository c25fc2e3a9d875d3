import { z } from "zod";
import { ZReason } from "../shared/schemas";
import type { CommandUnionOf } from "../shared/unions";

/** Supersede the event at a global position (it stays in the log and the timeline, struck through). */
export const ZSupersedeEvent = z
  .object({
    position: z.number({ error: "position must be an event's global position" }).int().positive(),
    reason: ZReason,
  })
  .strict();

export const correctionCommandSchemas = { SupersedeEvent: ZSupersedeEvent };

export type CorrectionCommand = CommandUnionOf<typeof correctionCommandSchemas>;
