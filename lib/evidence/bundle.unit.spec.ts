import { describe, expect, test } from "vitest";
import type { SliceRun, StoredRow, VersionRange } from "@/lib/event-store";
import { hashEvent } from "@/lib/event-store/hash-chain";
import { verifyBundle } from "@/scripts/verify-evidence.mjs";
import { type EvidenceStore, openEvidenceBundle } from "./bundle";

/** A stream of `n` chained rows; `selected` says which versions the period selects. */
function chain(streamId: string, n: number, selected: (version: number) => boolean, firstPosition: number) {
  const rows: StoredRow[] = [];
  for (let version = 1; version <= n; version++) {
    const content = {
      eventId: `${streamId}-e${version}`,
      streamId,
      streamType: streamId.split("-")[0]!,
      streamVersion: version,
      eventType: "Happened",
      schemaVersion: 1,
      data: { n: version, who: { $pd: `pd-${streamId}` } },
      metadata: { actor: { type: "system", id: "test" } },
      accountId: "acme",
      occurredAt: new Date(Date.UTC(2026, 0, version)),
      recordedAt: new Date(Date.UTC(2026, 1, version)),
      prevHash: rows.at(-1)?.hash ?? null,
    };
    rows.push({ ...content, position: firstPosition + version, hash: hashEvent(content), inSlice: selected(version) });
  }
  return rows;
}

const streams = {
  "account-acme": chain("account-acme", 5, () => true, 0),
  "invoice-1": chain("invoice-1", 1, () => true, 10),
  // Selected: versions 2 and 6; 3-5 sit between, 7 comes after.
  "subscription-acme": chain("subscription-acme", 7, (v) => v === 2 || v === 6, 20),
};
const run = (streamId: keyof typeof streams, from: number, to: number): SliceRun => {
  const rows = streams[streamId];
  const selected = rows.filter((r) => r.inSlice && r.streamVersion >= from && r.streamVersion <= to).length;
  return {
    streamId,
    streamType: rows[0]!.streamType,
    fromVersion: from,
    toVersion: to,
    selected,
    head: { version: rows.length, lastHash: rows.at(-1)!.hash },
  };
};

function fakeStore(runs: SliceRun[], exists = true) {
  const reads: VersionRange[][] = [];
  const store: EvidenceStore = {
    accountHasEvents: async () => exists,
    readSliceRuns: async () => runs,
    readStoredRows: async (ranges) => {
      reads.push([...ranges]);
      return ranges.flatMap((r) =>
        streams[r.streamId as keyof typeof streams].filter(
          (row) => row.streamVersion >= r.fromVersion && row.streamVersion <= r.toVersion,
        ),
      );
    },
    readPersonalValues: async (ids) => new Map(ids.map((id) => [id, id === "pd-invoice-1" ? null : `${id}@x`])),
  };
  return { store, reads };
}

async function text(pieces: AsyncGenerator<string>) {
  let all = "";
  for await (const piece of pieces) all += piece;
  return all;
}

const period = { from: null, to: null };
const generatedAt = new Date("2026-03-01T00:00:00Z");

describe("openEvidenceBundle", () => {
  test("pages of at most pageSize events still make one valid bundle whose chains check", async () => {
    const runs = [run("account-acme", 1, 5), run("invoice-1", 1, 1), run("subscription-acme", 2, 6)];
    const { store, reads } = fakeStore(runs);
    const bundle = JSON.parse(
      await text(await openEvidenceBundle(store, "acme", period, { generatedAt, pageSize: 3 })),
    );
    expect(reads.map((page) => page.reduce((n, r) => n + r.toVersion - r.fromVersion + 1, 0))).toEqual([3, 3, 3, 2]);
    expect(bundle).toMatchObject({
      format: "ledgerline-evidence/1",
      accountId: "acme",
      generatedAt: generatedAt.toISOString(),
    });
    expect(bundle.streams.map((s: { streamId: string; events: unknown[] }) => [s.streamId, s.events.length])).toEqual([
      ["account-acme", 5],
      ["invoice-1", 1],
      ["subscription-acme", 5],
    ]);
    const subscription = bundle.streams[2];
    expect(subscription.run).toEqual({ fromVersion: 2, toVersion: 6, reachesHead: false });
    expect(subscription.events.map((e: { inPeriod: boolean }) => e.inPeriod)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(subscription.events[0].data).toEqual({ n: 2, who: { $pd: "pd-subscription-acme" } });
    expect(bundle.personalData).toEqual({
      "pd-account-acme": "pd-account-acme@x",
      "pd-invoice-1": null,
      "pd-subscription-acme": "pd-subscription-acme@x",
    });
    expect(bundle.totals).toEqual({ streams: 3, events: 11, inPeriod: 8 });
    const verdict = verifyBundle(bundle);
    expect(verdict.problems).toEqual([]);
    expect(verdict.lines[2]).toBe(
      "subscription-acme: versions 2–6, 5 events, chain intact (its link to version 1 is outside the bundle; the stream goes on to version 7, not in this bundle)",
    );
  });

  test("a period that selects nothing is an empty bundle; an unknown account is a 404 before any text", async () => {
    const empty = JSON.parse(
      await text(await openEvidenceBundle(fakeStore([]).store, "acme", period, { generatedAt })),
    );
    expect(empty).toMatchObject({ streams: [], personalData: {}, totals: { streams: 0, events: 0, inPeriod: 0 } });
    await expect(
      openEvidenceBundle(fakeStore([], false).store, "nobody", period, { generatedAt }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
