import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { at, run } from "@/lib/projections/testing/history";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { readStreamPage, STREAM_EVENTS_PER_PAGE } from "./streams";

// Ids may hold ':' and '.', which a URL segment may carry percent-encoded.
const ACCOUNT = "s-acct:eu.1";
const STREAM = `account-${ACCOUNT}`;
const RENAMES = 60;

describe("stream page queries", () => {
  let t: TestDatabase;
  let runtime: Runtime;
  const read = (params: Record<string, string> = {}, verify = false) =>
    readStreamPage(runtime, STREAM, params, { verify });

  beforeAll(async () => {
    t = await createTestDatabase();
    runtime = createRuntime(t.db);
    await run(runtime, at(0), "OpenAccount", {
      accountId: ACCOUNT,
      name: "Name 0",
      billingEmail: "ap@stream.example",
      currency: "EUR",
    });
    for (let i = 1; i <= RENAMES; i++) {
      await run(runtime, at(0, i), "RenameAccount", { accountId: ACCOUNT, name: `Name ${i}` });
    }
  });
  afterAll(async () => t?.drop());

  test("newest version first, 50 a page, paged by version", async () => {
    const first = (await read())!;
    expect(first.head).toBe(RENAMES + 1);
    expect(first.kind).toBe("account");
    expect(first.events.map((e) => e.version)).toEqual(
      Array.from({ length: STREAM_EVENTS_PER_PAGE }, (_, i) => RENAMES + 1 - i),
    );
    expect(first.nextBefore).toBe(12);
    const second = (await read({ before: String(first.nextBefore) }))!;
    expect(second.events.map((e) => e.version)).toEqual(Array.from({ length: 11 }, (_, i) => 11 - i));
    expect(second.nextBefore).toBeNull();
    // Each row carries what the page shows: its place, schema, times, hashes, data and metadata.
    const [newer, older] = first.events;
    expect(newer).toMatchObject({
      streamId: STREAM,
      type: "AccountRenamed",
      schemaVersion: 1,
      storedSchemaVersion: 1,
      data: { name: `Name ${RENAMES}` },
      metadata: { accountId: ACCOUNT, actor: { type: "system", id: "test" } },
      occurredAt: at(0, RENAMES),
    });
    expect(newer!.prevHash).toBe(older!.hash);
    expect(newer!.position).toBeGreaterThan(older!.position);
    expect(first.now).toMatchObject({ version: RENAMES + 1, state: { name: `Name ${RENAMES}` } });
  });

  test("?at=<version>: the state folded to that version, and the events up to it", async () => {
    const page = (await read({ at: "5" }))!;
    expect(page.at).toMatchObject({ streamId: STREAM, version: 5, state: { name: "Name 4", status: "open" } });
    expect(page.at!.summary).toContain("Name 4");
    expect(page.events.map((e) => e.version)).toEqual([5, 4, 3, 2, 1]);
    expect(page.nextBefore).toBeNull();
    expect(page.problems).toEqual([]);
    const paged = (await read({ at: "55", before: "10" }))!;
    expect(paged.events.map((e) => e.version)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(paged.at!.version).toBe(55);
  });

  test("an ?at= that names no version is shown as a problem and left out", async () => {
    for (const at of ["999", "0", "yesterday"]) {
      const page = (await read({ at }))!;
      expect(page.at).toBeNull();
      expect(page.problems).toEqual([
        `There is no version “${at}” of ${STREAM}: its versions are 1 to ${RENAMES + 1}.`,
      ]);
      expect(page.events[0]!.version).toBe(RENAMES + 1);
    }
  });

  test("the hash chain only for roles that may verify", async () => {
    expect((await read({}, true))!.chain).toEqual({
      ok: true,
      streamsChecked: 1,
      eventsChecked: RENAMES + 1,
      problems: [],
    });
    expect((await read({}, false))!.chain).toBeNull();
  });

  test("unknown streams, malformed ids and kinds without an aggregate are not found", async () => {
    const none = { verify: true };
    expect(await readStreamPage(runtime, "account-nobody", {}, none)).toBeNull();
    expect(await readStreamPage(runtime, "invoice-", {}, none)).toBeNull();
    expect(await readStreamPage(runtime, "not a stream", {}, none)).toBeNull();
    expect(await readStreamPage(runtime, "widget-1", {}, none)).toBeNull();
    expect(await readStreamPage(runtime, "constructor-1", {}, none)).toBeNull();
  });
});
