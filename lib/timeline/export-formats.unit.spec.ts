import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { EXPORT_COLUMNS, type ExportRow } from "./export";
import { csvChunks, jsonChunks } from "./export-formats";

const row = (position: number, extra: Partial<ExportRow> = {}): ExportRow => ({
  occurredAt: "2026-03-01T10:00:00.000Z",
  recordedAt: "2026-03-01T10:00:01.000Z",
  actorId: "dana",
  actorRole: "admin",
  actorLabel: "Dana (admin)",
  source: "ui",
  eventId: `e-${position}`,
  requestId: "r-1",
  correlationId: "c-1",
  causationId: null,
  idempotencyKey: null,
  commandType: "RenameAccount",
  appVersion: "0.1.0",
  reason: null,
  type: "AccountRenamed",
  streamId: "account-acme",
  version: position,
  position,
  sentence: "Dana (admin) renamed the account to Acme",
  replays: 1,
  compensates: null,
  data: { name: "Acme" },
  ...extra,
});

async function* batches(...list: ExportRow[][]) {
  yield* list;
}
async function text(chunks: AsyncIterable<string>) {
  let all = "";
  for await (const chunk of chunks) all += chunk;
  return all;
}

describe("csvChunks", () => {
  test("one header row, CRLF records, the columns in order, no data column", async () => {
    const csv = await text(csvChunks(batches([row(3), row(2)], [row(1)]), EXPORT_COLUMNS));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(lines).toHaveLength(5); // header, 3 rows, and the empty string after the last CRLF
    const records: Record<string, string>[] = parse(csv, { columns: true });
    expect(records.map((r) => r.position)).toEqual(["3", "2", "1"]);
    expect(records[0]).toMatchObject({ causationId: "", replays: "1", actorLabel: "Dana (admin)" });
  });

  test("quotes what needs quoting and defuses every formula prefix", async () => {
    const risky = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\uFF1D1"];
    const csv = await text(
      csvChunks(
        batches(risky.map((reason, i) => row(i + 1, { reason, sentence: 'said "hi", then\nleft' }))),
        EXPORT_COLUMNS,
      ),
    );
    const records: Record<string, string>[] = parse(csv, { columns: true });
    expect(records.map((r) => r.reason)).toEqual(risky.map((r) => `'${r}`));
    expect(records.every((r) => r.sentence === 'said "hi", then\nleft')).toBe(true);
    expect(csv).toContain('"said ""hi"", then\nleft"');
  });

  test("no rows: the header alone", async () => {
    expect(await text(csvChunks(batches(), EXPORT_COLUMNS))).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
  });
});

describe("jsonChunks", () => {
  test("a valid array across batches, one element per line", async () => {
    const chunks: string[] = [];
    for await (const chunk of jsonChunks(batches([row(3), row(2)], [], [row(1)]))) chunks.push(chunk);
    const json = chunks.join("");
    expect(JSON.parse(json)).toEqual([row(3), row(2), row(1)]);
    expect(json.split("\n")).toHaveLength(6); // [, 3 elements, ], and the final newline
    expect(chunks).toHaveLength(3); // one per non-empty batch, then the closing bracket
  });

  test("no rows: an empty array", async () => {
    expect(JSON.parse(await text(jsonChunks(batches())))).toEqual([]);
    expect(JSON.parse(await text(jsonChunks(batches([]))))).toEqual([]);
  });
});
