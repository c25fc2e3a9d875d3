/**
 * B1–B3: appends with the expected version checked. B1 one event per append
 * by one writer, B2 ten per append, B3 eight writers on many streams and
 * eight on one stream (conflicts counted, versions checked gap-free after).
 */
import type { Systems } from "./databases";
import { metadataFor, subscriptionEvents } from "./events";
import { interleaved, type Measurement, seconds, SYSTEMS, type System } from "./measure";
import type { BenchStore } from "./stores";

export const storeOf = (systems: Pick<Systems, System>, system: System): BenchStore => systems[system];

/** `events` events over `streams` streams, `batch` per append, one writer; returns events/s. */
export async function sequentialAppends(
  store: BenchStore,
  { events, streams, batch, tag }: { events: number; streams: number; batch: number; tag: string },
) {
  const versions = new Array<number>(streams).fill(0);
  return (
    events /
    (await seconds(async () => {
      for (let i = 0; i < events / batch; i++) {
        const k = i % streams;
        const id = `${tag}-${k}`;
        const next = subscriptionEvents(id, versions[k]!, batch);
        versions[k] = await store.append(`subscription-${id}`, next, versions[k]!, metadataFor(id));
      }
    }))
  );
}

/** `writers` writers, each on its own share of `streams` streams, one event per append; returns events/s. */
export async function concurrentAppends(
  store: BenchStore,
  { events, streams, writers, tag }: { events: number; streams: number; writers: number; tag: string },
) {
  const versions = new Array<number>(streams).fill(0);
  const own = Math.max(1, Math.floor(streams / writers));
  const each = Math.ceil(events / writers);
  return (
    (each * writers) /
    (await seconds(() =>
      Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          // Writer w owns streams w, w + writers, …: no two writers share a stream.
          for (let j = 0; j < each; j++) {
            const k = (writer + writers * (j % own)) % streams;
            const id = `${tag}-${k}`;
            versions[k] = await store.append(
              `subscription-${id}`,
              subscriptionEvents(id, versions[k]!, 1),
              versions[k]!,
              metadataFor(id),
            );
          }
        }),
      ),
    ))
  );
}

/**
 * `writers` writers appending to one stream for `ms`: each appends at the
 * version it knows; a conflict reads the version and tries again. Returns the
 * rate, the conflicts and whether the versions are 1 … n without a gap.
 */
export async function contendedAppends(
  store: BenchStore,
  { writers, ms, tag }: { writers: number; ms: number; tag: string },
) {
  const streamId = `subscription-${tag}`;
  let appended = 0;
  let conflicts = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      let known = 0;
      while (performance.now() - started < ms) {
        try {
          known = await store.append(streamId, subscriptionEvents(tag, known, 1), known, metadataFor(tag));
          appended++;
        } catch (error) {
          if (store.isConflict(error)) conflicts++;
          else if (++errors > 100) throw error;
          known = await store.version(streamId, known);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const versions = await store.versions(streamId);
  const gapFree = versions.length === appended && versions.every((v, i) => v === i + 1);
  return { rate: appended / elapsed, appended, conflicts, errors, gapFree };
}

export interface WriteSizes {
  runs: number;
  writers: number;
  b1Events: number;
  b1Streams: number;
  b2Events: number;
  b2Batch: number;
  b3Events: number;
  b3Streams: number;
  b3Seconds: number;
}

const rate = (id: string, what: string, system: string, samples: number[], extra?: Measurement["extra"]) =>
  ({ id, what, system, unit: "events/s", better: "higher", samples, extra }) satisfies Measurement;

export async function b1(systems: Pick<Systems, System>, s: WriteSizes, systemsToRun = SYSTEMS) {
  const what = `one event per append, ${s.b1Streams} streams, ${s.b1Events} events, expected version, 1 writer`;
  const samples = await interleaved(s.runs, systemsToRun, (system, run) =>
    sequentialAppends(storeOf(systems, system), {
      events: s.b1Events,
      streams: s.b1Streams,
      batch: 1,
      tag: `b1r${run}`,
    }),
  );
  return systemsToRun.map((system) => rate("B1", what, system, samples[system]));
}

export async function b2(systems: Pick<Systems, System>, s: WriteSizes) {
  const what = `${s.b2Batch} events per append, ${s.b1Streams} streams, ${s.b2Events} events, 1 writer`;
  const samples = await interleaved(s.runs, SYSTEMS, (system, run) =>
    sequentialAppends(storeOf(systems, system), {
      events: s.b2Events,
      streams: s.b1Streams,
      batch: s.b2Batch,
      tag: `b2r${run}`,
    }),
  );
  return SYSTEMS.map((system) => rate("B2", what, system, samples[system]));
}

export async function b3(systems: Pick<Systems, System>, s: WriteSizes) {
  const what = `${s.writers} writers, ${s.b3Streams} streams, ${s.b3Events} events, one per append`;
  const many = await interleaved(s.runs, SYSTEMS, (system, run) =>
    concurrentAppends(storeOf(systems, system), {
      events: s.b3Events,
      streams: s.b3Streams,
      writers: s.writers,
      tag: `b3r${run}`,
    }),
  );
  const details: Record<string, Awaited<ReturnType<typeof contendedAppends>>[]> = {};
  const one = await interleaved(s.runs, SYSTEMS, async (system, run) => {
    const result = await contendedAppends(storeOf(systems, system), {
      writers: s.writers,
      ms: s.b3Seconds * 1000,
      tag: `b3oner${run}`,
    });
    (details[system] ??= []).push(result);
    return result.rate;
  });
  const contended = `${s.writers} writers on one stream for ${s.b3Seconds} s (conflicts retried)`;
  return [
    ...SYSTEMS.map((system) => rate("B3", what, system, many[system])),
    ...SYSTEMS.map((system) => {
      const runs = details[system]!;
      return rate("B3", contended, system, one[system], {
        conflicts: runs.map((r) => r.conflicts).join("/"),
        appended: runs.map((r) => r.appended).join("/"),
        gapFree: runs.every((r) => r.gapFree),
        errors: runs.reduce((n, r) => n + r.errors, 0),
      });
    }),
  ];
}
