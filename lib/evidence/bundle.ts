import { NotFoundError } from "@/lib/errors";
import { type AccountSlice, collectPersonalDataRefs, type EventStore, type SliceRun } from "@/lib/event-store";
import { EVIDENCE_FORMAT, evidenceEvent, HASH_RULE, streamHeader } from "./format";
import { EVIDENCE_PAGE_SIZE, pagesOf } from "./pages";
import { type EvidencePeriod, periodJson, sliceOf } from "./period";

export type EvidenceStore = Pick<
  EventStore,
  "accountHasEvents" | "readSliceRuns" | "readStoredRows" | "readPersonalValues"
>;

const PERSONAL_DATA_BATCH = 1000;

interface Plan {
  accountId: string;
  period: EvidencePeriod;
  generatedAt: Date;
  slice: AccountSlice;
  runs: SliceRun[];
  pageSize: number;
}

/**
 * Checks the account and plans the streams' runs first, so an unknown account
 * is a 404 before any byte is sent; then gives the bundle's JSON text piece by
 * piece, one page of events at a time (see docs/evidence.md).
 */
export async function openEvidenceBundle(
  store: EvidenceStore,
  accountId: string,
  period: EvidencePeriod,
  { generatedAt, pageSize = EVIDENCE_PAGE_SIZE }: { generatedAt: Date; pageSize?: number },
): Promise<AsyncGenerator<string>> {
  if (!(await store.accountHasEvents(accountId))) throw new NotFoundError(`No account "${accountId}" exists.`);
  const slice = sliceOf(accountId, period);
  const runs = await store.readSliceRuns(slice);
  return writeBundle(store, { accountId, period, generatedAt, slice, runs, pageSize });
}

const field = (name: string, value: unknown) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`;

async function* writeBundle(store: EvidenceStore, plan: Plan): AsyncGenerator<string> {
  const head = [
    field("format", EVIDENCE_FORMAT),
    field("accountId", plan.accountId),
    field("period", periodJson(plan.period)),
    field("generatedAt", plan.generatedAt.toISOString()),
    field("hash", HASH_RULE),
  ];
  yield `{\n${head.join(",\n")},\n"streams": [`;

  const runs = new Map(plan.runs.map((run) => [run.streamId, run]));
  const refs = new Set<string>();
  let events = 0;
  let inPeriod = 0;
  let opened = 0;
  let firstOfRun = true;
  for (const page of pagesOf(plan.runs, plan.pageSize)) {
    const rows = await store.readStoredRows(page, plan.slice);
    let text = "";
    let next = 0;
    for (const part of page) {
      if (part.opensRun) {
        const header = JSON.stringify(streamHeader(runs.get(part.streamId)!));
        // The header object stays open: its events follow as one event per line.
        text += `${opened++ > 0 ? "\n]},\n" : "\n"}${header.slice(0, -1)},"events":[`;
        firstOfRun = true;
      }
      // Rows come in the parts' order, and a stream has at most one part per page.
      for (; next < rows.length && rows[next]!.streamId === part.streamId; next++) {
        const row = rows[next]!;
        text += `${firstOfRun ? "\n" : ",\n"}${JSON.stringify(evidenceEvent(row))}`;
        firstOfRun = false;
        collectPersonalDataRefs(row.data, refs);
        events++;
        if (row.inSlice) inPeriod++;
      }
    }
    yield text;
  }
  yield `${opened > 0 ? "\n]}" : ""}\n],\n"personalData": {`;

  const ids = [...refs].sort();
  for (let start = 0; start < ids.length; start += PERSONAL_DATA_BATCH) {
    const batch = ids.slice(start, start + PERSONAL_DATA_BATCH);
    const values = await store.readPersonalValues(batch);
    // null: erased (or never stored); the events' hashes cover the references either way.
    yield batch.map((id, i) => `${start + i > 0 ? ",\n" : "\n"}${field(id, values.get(id) ?? null)}`).join("");
  }
  yield `\n},\n${field("totals", { streams: plan.runs.length, events, inPeriod })}\n}\n`;
}
