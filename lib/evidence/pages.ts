import type { SliceRun, VersionRange } from "@/lib/event-store";

/** Events read (and written out) at a time: memory stays flat whatever the period's size. */
export const EVIDENCE_PAGE_SIZE = 1000;

/** A part of a run, and whether it opens the run (the stream's entry starts there). */
export interface PagePart extends VersionRange {
  opensRun: boolean;
}

/**
 * Splits the runs, in order, into pages of at most `size` versions: small
 * streams share a page, a long one spans several.
 */
export function* pagesOf(runs: readonly SliceRun[], size = EVIDENCE_PAGE_SIZE): Generator<PagePart[]> {
  let page: PagePart[] = [];
  let room = size;
  for (const run of runs) {
    let fromVersion = run.fromVersion;
    while (fromVersion <= run.toVersion) {
      const toVersion = Math.min(run.toVersion, fromVersion + room - 1);
      page.push({ streamId: run.streamId, fromVersion, toVersion, opensRun: fromVersion === run.fromVersion });
      room -= toVersion - fromVersion + 1;
      fromVersion = toVersion + 1;
      if (room === 0) {
        yield page;
        page = [];
        room = size;
      }
    }
  }
  if (page.length > 0) yield page;
}
