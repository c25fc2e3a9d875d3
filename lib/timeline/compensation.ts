import type { RecordedEvent } from "@/lib/event-store";

/**
 * The event a correction names as the one it compensates: a credit note's
 * compensatesEventId (a goodwill credit for a duplicated change, or the
 * billing policy's credit for a downgrade's proration). Null for others.
 */
export function compensatedEventOf(event: Pick<RecordedEvent, "type" | "data">): string | null {
  if (event.type !== "CreditNoteIssued") return null;
  const id = (event.data as { compensatesEventId?: unknown }).compensatesEventId;
  return typeof id === "string" ? id : null;
}
