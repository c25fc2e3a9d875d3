import type { TimelineEntry } from "./entry";
import { words } from "./renderers/format";

/** Events one command appended, with what our policies appended because of them: one line on the page. */
export interface CommandGroup {
  /** The correlation id the events share (one request's story). */
  correlationId: string;
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

/**
 * Consecutive entries (in the order shown) that share a correlation id form
 * one group, titled by the command that started it and who issued it. A
 * group of one is shown as a plain entry.
 */
export function groupByCommand(entries: readonly TimelineEntry[]): CommandGroup[] {
  const groups: CommandGroup[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last.correlationId === entry.correlationId) last.entries.push(entry);
    else groups.push({ correlationId: entry.correlationId, title: "", entries: [entry] });
  }
  for (const group of groups) {
    const root = rootOf(group.entries);
    group.title = `${commandWords(root.commandType ?? root.type)} by ${root.actorLabel}`;
  }
  return groups;
}
