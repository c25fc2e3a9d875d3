import { prepared as preparedStatement } from "@/lib/db/raw-transaction";
import type { Answer, AppendArgs } from "./append-arguments";
import type { Queryable } from "./rows";
import type { Assumed } from "./state-cache";
import type { AppendResult } from "./types";

/** What ledgerline_append_all answers: all written, an assumed head that moved, or the part that did not hold. */
export type BatchAnswer =
  | { outcome: "appended"; results: AppendResult[] }
  | { outcome: "stale"; index: number }
  | { outcome: "refused"; index: number; answer: Exclude<Answer, { outcome: "appended" }> };

/**
 * The statements appends run: one stream's (ledgerline_append), or several
 * streams' all or nothing (ledgerline_append_all). Each answers for itself.
 */
export interface AppendStatements {
  one(args: AppendArgs): Promise<Answer>;
  all(appends: readonly AppendArgs[], assumed?: readonly Assumed[]): Promise<BatchAnswer>;
}

type Unit = { one: AppendArgs } | { appends: readonly AppendArgs[]; assumed?: readonly Assumed[] };

async function one(q: Queryable, a: AppendArgs): Promise<Answer> {
  const [row] = await q.$queryRaw<{ answer: Answer }[]>(preparedStatement`
    SELECT ledgerline_append(${a.streamId}, ${a.streamType}, ${a.accountId}, ${a.headVersion}::integer,
      ${a.headHash}::text, ${a.recordedAt}::timestamptz, ${JSON.stringify(a.events)}::jsonb,
      ${JSON.stringify(a.metadata)}::jsonb, ${a.correlationId}, ${a.appVersion},
      ${JSON.stringify(a.personal)}::jsonb, ${a.key}::text, ${a.requestHash}) AS answer`);
  return row!.answer;
}

async function all(q: Queryable, appends: readonly AppendArgs[], assumed?: readonly Assumed[]): Promise<BatchAnswer> {
  const [row] = await q.$queryRaw<{ answer: BatchAnswer }[]>(preparedStatement`
    SELECT ledgerline_append_all(${JSON.stringify(appends)}::jsonb,
      ${assumed?.length ? JSON.stringify(assumed) : null}::jsonb) AS answer`);
  return row!.answer;
}

const alone = (q: Queryable, unit: Unit): Promise<Answer | BatchAnswer> =>
  "one" in unit ? one(q, unit.one) : all(q, unit.appends, unit.assumed);

/** Each statement on its own, on `q` (an open transaction, or where nothing is grouped). */
export function directStatements(q: Queryable): AppendStatements {
  return { one: (args) => one(q, args), all: (appends, assumed) => all(q, appends, assumed) };
}

interface Pending {
  unit: Unit;
  events: number;
  resolve(answer: Answer | BatchAnswer): void;
  reject(error: unknown): void;
}

/** The stream a unit locks first: groups take their units in this order, so no two groups deadlock on heads. */
const firstStream = (unit: Unit) => ("one" in unit ? unit.one.streamId : unit.appends[0]!.streamId);

const byStream = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** A unit as ledgerline_append_group takes it: one append's arguments, or {appends, assumed?}. */
const asArgument = (unit: Unit) => ("one" in unit ? unit.one : unit);

/**
 * A statement the server refused (it rolled back): safe to send its units
 * again. Anything else (a connection lost after the commit, perhaps) is not.
 */
function refusedByServer(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as { code?: unknown; meta?: { code?: unknown } };
  return /^[0-9A-Z]{5}$/.test(String(code)) || /^[0-9A-Z]{5}$/.test(String(meta?.code));
}

/**
 * Statements of this process's appends in flight at once (B3, 8 writers, three
 * rounds each: one 3,171–3,911 events/s, two 3,284–4,538, four 2,838–3,664;
 * docs/benchmarks.md).
 */
const IN_FLIGHT = 2;
/** At most this many units a group (each ledgerline_append_all opens a subtransaction; 64 a transaction stay cheap). */
const MOST_UNITS = 32;
/** A group stops growing past this many events (one unit alone may hold more). */
const MOST_EVENTS = 1_000;

/**
 * Group commit (migration 20261221090000): the statements of appends that
 * arrive while `inFlight` of this process's are being written wait, and then
 * go to the database together, as one statement and one transaction, each
 * unit answered as if it had been sent alone. One writer is never held back:
 * with nothing in flight, a statement goes at once, alone. A group the
 * server refuses as a whole (one unit's duplicate event id, a deadlock) is
 * sent again a unit at a time, so each error reaches only its own append.
 */
export function groupCommit(q: Queryable, { inFlight = IN_FLIGHT }: { inFlight?: number } = {}): AppendStatements {
  const queue: Pending[] = [];
  let running = 0;

  function pump() {
    while (running < inFlight && queue.length > 0) {
      let take = 1;
      let events = queue[0]!.events;
      while (take < queue.length && take < MOST_UNITS && events + queue[take]!.events <= MOST_EVENTS) {
        events += queue[take]!.events;
        take++;
      }
      running++;
      void send(queue.splice(0, take)).then(freed, freed);
    }
  }

  async function send(group: Pending[]) {
    if (group.length > 1) {
      const sorted = [...group].sort((a, b) => byStream(firstStream(a.unit), firstStream(b.unit)));
      try {
        const [row] = await q.$queryRaw<{ answers: (Answer | BatchAnswer)[] }[]>(preparedStatement`
          SELECT ledgerline_append_group(${JSON.stringify(sorted.map((p) => asArgument(p.unit)))}::jsonb) AS answers`);
        sorted.forEach((pending, i) => pending.resolve(row!.answers[i]!));
        return;
      } catch (error) {
        if (!refusedByServer(error)) {
          for (const pending of group) pending.reject(error);
          return;
        }
      }
    }
    for (const pending of group) {
      await alone(q, pending.unit).then(pending.resolve, pending.reject);
    }
  }

  const freed = () => {
    running--;
    pump();
  };

  function submit<A extends Answer | BatchAnswer>(unit: Unit, events: number): Promise<A> {
    if (running < inFlight && queue.length === 0) {
      // Nothing to wait for: the statement goes at once, alone, as it would without grouping.
      running++;
      const answer = alone(q, unit) as Promise<A>;
      answer.then(freed, freed);
      return answer;
    }
    return new Promise<A>((resolve, reject) => {
      queue.push({ unit, events, resolve: resolve as Pending["resolve"], reject });
      pump();
    });
  }

  return {
    one: (args) => submit<Answer>({ one: args }, args.events.length),
    all: (appends, assumed) =>
      submit<BatchAnswer>(
        assumed?.length ? { appends, assumed } : { appends },
        appends.reduce((n, a) => n + a.events.length, 0),
      ),
  };
}
