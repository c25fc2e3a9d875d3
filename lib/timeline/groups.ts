import type { TimelineEntry } from "./entry";
import { words } from "./renderers/format";

/** Events one command appended, with what our policies appended because of them: one line on the page. */
export interface CommandGroup {
  /** The request that started it (the command's own events carry it; policy follow-ups name it as their cause). */
  requestId: string;
  /** "Upgrade plan by Dana (admin)". */
  title: string;
  entries: TimelineEntry[];
}

/** "UpgradePlan" → "Upgrade plan". */
export const commandWords = (type: string) => {
  const spaced = words(type);
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** The entry that started the group: one whose cause is not in it (the command's own first event). */
function rootOf(entries: readonly TimelineEntry[]): TimelineEntry {
  const ids = new Set(entries.map((e) => e.eventId));
  const roots = entries.filter((e) => !e.causationId || !ids.has(e.causationId));
  return roots.reduce((first, e) => (e.position < first.position ? e : first), roots[0] ?? entries[0]!);
}

/** Whether an entry belongs with a group: appended by the same request, or caused by (or causing) one of its events. */
function belongs(group: CommandGroup, entry: TimelineEntry): boolean {
  return group.entries.some(
    (e) =>
      e.requestId === entry.requestId ||
      (entry.causationId !== null && entry.causationId === e.eventId) ||
      (e.causationId !== null && e.causationId === entry.eventId),
  );
}

/**
 * Consecutive entries (in the order shown) that one command appended, with
 * the follow-ups our policies appended because of them, form one group,
 * titled by that command and who issued it. Two requests that share a
 * correlation (a webhook delivered twice) stay two groups: "applied twice"
 * must show. A group of one is shown as a plain entry.
 */
export function groupByCommand(entries: readonly TimelineEntry[]): CommandGroup[] {
  const groups: CommandGroup[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && belongs(last, entry)) last.entries.push(entry);
    else groups.push({ requestId: entry.requestId, title: "", entries: [entry] });
  }
  for (const group of groups) {
    const root = rootOf(group.entries);
    group.requestId = root.requestId;
    group.title = `${commandWords(root.commandType ?? root.type)} by ${root.actorLabel}`;
  }
  return groups;
}
