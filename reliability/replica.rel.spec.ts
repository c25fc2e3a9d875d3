/**
 * A streaming replica (pg_basebackup of the suite's cluster) behind
 * DATABASE_READ_URL: timeline and export reads go to it; a reader that names
 * its own write (waitFor) is answered by the replica once it has replayed the
 * write and by the primary until then; the replica catches up after a pause.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { Cluster } from "./harness/cluster";
import { command, expectStatus } from "./harness/http";
import { type App, startApp } from "./harness/processes";
import { cluster, type Fresh, freshDatabase, report } from "./harness/suite";

let fresh: Fresh;
let replica: Cluster;
let app: App;

beforeAll(async () => {
  fresh = await freshDatabase("replica");
  replica = await Cluster.replicaOf(cluster());
  app = await startApp(fresh.url, { projector: true, env: { DATABASE_READ_URL: replica.url(fresh.name) } });
});
afterAll(async () => {
  await app?.stop();
  await replica?.destroy();
  await fresh?.close();
});

async function timeline(query = "") {
  const response = await fetch(`${app.baseUrl}/api/accounts/rep/timeline${query}`, {
    headers: { authorization: `Bearer ${fresh.tokens.support}` },
  });
  const body = (await response.json()) as { entries: { type: string }[] };
  return {
    status: response.status,
    from: response.headers.get("x-ledgerline-read-from"),
    types: body.entries.map((e) => e.type),
  };
}

async function replayed(position: number) {
  const rows = await replica.query("SELECT 1 FROM events WHERE global_position = $1", [position], fresh.name);
  return rows.length > 0;
}

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("reads go to the replica; a reader's own write is read from the primary until the replica has it", async () => {
  const admin = fresh.tokens.admin;
  const opened = expectStatus(
    await command(app.baseUrl, admin, "OpenAccount", {
      accountId: "rep",
      name: "Replica Ltd",
      billingEmail: "r@r.test",
      currency: "USD",
    }),
    200,
    "OpenAccount",
  );
  await until(async () => (await timeline(`?waitFor=${opened.body.position}`)).from === "replica");
  const settled = await timeline();
  expect(settled).toMatchObject({ status: 200, from: "replica", types: ["AccountOpened"] });

  // The replica stops replaying: what is written now exists on the primary only.
  await replica.query("SELECT pg_wal_replay_pause()");
  const renamed = expectStatus(
    await command(app.baseUrl, admin, "RenameAccount", { accountId: "rep", name: "Replica Group" }),
    200,
    "RenameAccount",
  );
  const position = renamed.body.position as number;
  expect(await replayed(position)).toBe(false);
  const stale = await timeline();
  const own = await timeline(`?waitFor=${position}`);
  expect(stale).toMatchObject({ from: "replica", types: ["AccountOpened"] });
  expect(own).toMatchObject({ from: "primary", types: ["AccountRenamed", "AccountOpened"] });

  // Replaying again, the replica catches up and answers the same reader itself.
  await replica.query("SELECT pg_wal_replay_resume()");
  await until(() => replayed(position));
  await until(async () => (await timeline(`?waitFor=${position}`)).from === "replica");
  const caughtUp = await timeline(`?waitFor=${position}`);
  expect(caughtUp).toMatchObject({ from: "replica", types: ["AccountRenamed", "AccountOpened"] });

  const exported = await fetch(`${app.baseUrl}/api/accounts/rep/export?format=json`, {
    headers: { authorization: `Bearer ${fresh.tokens.finance}` },
  });
  expect(exported.status).toBe(200);
  expect(exported.headers.get("x-ledgerline-read-from")).toBe("replica");

  report("replica", {
    staleReadFrom: stale.from ?? "",
    staleEvents: stale.types.length,
    ownWriteReadFrom: own.from ?? "",
    ownWriteEvents: own.types.length,
    afterCatchUpReadFrom: caughtUp.from ?? "",
    exportReadFrom: exported.headers.get("x-ledgerline-read-from") ?? "",
  });
});
