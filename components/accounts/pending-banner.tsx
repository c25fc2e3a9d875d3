/**
 * How many events the read models have not applied yet, and which part of the
 * page misses them. `subject` names what the page is about ("this account",
 * "this invoice"); `summary` counts for the figures at the top.
 */
export function pendingMessage(
  pending: { timeline: number; summary: number },
  subject = "this account",
): string | null {
  const waiting = Math.max(pending.timeline, pending.summary);
  if (waiting === 0) return null;
  const them = waiting === 1 ? "it" : "them";
  const where =
    pending.timeline > 0 && pending.summary > 0
      ? `the figures above and the timeline below may be missing ${them}`
      : pending.timeline > 0
        ? `the timeline below does not show ${them} yet`
        : "the figures above may be out of date";
  return `${waiting} ${waiting === 1 ? "event" : "events"} for ${subject} not yet projected: ${where}. Reload in a moment.`;
}

/**
 * Read models trail the log by a moment; when they trail this account (or
 * invoice, or lead), say so (and which part of the page) instead of letting
 * an agent trust a page that is missing the latest events.
 */
export function PendingBanner({
  pending,
  subject,
}: {
  pending: { timeline: number; summary: number };
  subject?: string;
}) {
  const message = pendingMessage(pending, subject);
  if (!message) return null;
  return (
    <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
      {message}
    </p>
  );
}
