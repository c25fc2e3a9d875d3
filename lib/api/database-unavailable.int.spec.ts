import net from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { openServerDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/types";
import { RETRY_AFTER_SECONDS } from "@/lib/errors";
import { createRuntime } from "@/lib/server/runtime";
import { adminQuery, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { commandsEndpoint } from "./commands-endpoint";

const TOKEN = "t-unavailable-admin";

/** POST /api/commands/<type> on a runtime over `db`. */
async function command(db: Database, type: string, body: unknown, headers: Record<string, string> = {}) {
  const endpoint = commandsEndpoint({ runtime: async () => createRuntime(db) });
  const request = new Request(`http://ledgerline.test/api/commands/${type}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const response = await endpoint(request, { params: Promise.resolve({ type }) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createApiToken(t.db, {
    name: "admin",
    role: "admin",
    principalType: "user",
    principalId: "admin",
    token: TOKEN,
  });
  const opened = await command(t.db, "OpenAccount", {
    accountId: "slow",
    name: "Slow Co",
    billingEmail: "ap@slow.example",
    currency: "USD",
  });
  expect(opened.status).toBe(200);
  // The server's own per-database setting, as an operator would set it: new connections take it.
  await adminQuery(`ALTER DATABASE ${t.name} SET statement_timeout = '300ms'`);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.drop();
});

const eventsOf = async (streamId: string) =>
  (await t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM events WHERE stream_id = ${streamId}`)[0]!.n;

describe("the database cannot serve a request: 503 with Retry-After, nothing written", () => {
  test("no server on the other end is DATABASE_UNAVAILABLE", async () => {
    const db = openServerDatabase(`postgresql://postgres@127.0.0.1:${await closedPort()}/none`, 1, 1000);
    try {
      const reply = await command(db, "RenameAccount", { accountId: "slow", name: "Never" });
      expect(reply).toMatchObject({ status: 503, retryAfter: String(RETRY_AFTER_SECONDS) });
      expect(reply.body).toMatchObject({ error: "DATABASE_UNAVAILABLE", message: expect.stringMatching(/try again/) });
    } finally {
      await db.close();
    }
  });

  test("an append that outlives the server's statement_timeout (a row lock held elsewhere) is DATABASE_TIMEOUT; the same key then applies once", async () => {
    const db = openServerDatabase(t.url, 2, 1000);
    const holder = await t.client();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM streams WHERE stream_id = 'account-slow' FOR UPDATE");
      const before = await eventsOf("account-slow");
      const key = { "idempotency-key": "rename-slow-1" };
      const blocked = await command(db, "RenameAccount", { accountId: "slow", name: "Slower Co" }, key);
      expect(blocked).toMatchObject({ status: 503, retryAfter: String(RETRY_AFTER_SECONDS) });
      expect(blocked.body.error).toBe("DATABASE_TIMEOUT");
      expect(await eventsOf("account-slow")).toBe(before);
      await holder.query("ROLLBACK");
      const retried = await command(db, "RenameAccount", { accountId: "slow", name: "Slower Co" }, key);
      expect(retried.status).toBe(200);
      expect(await command(db, "RenameAccount", { accountId: "slow", name: "Slower Co" }, key)).toMatchObject({
        status: 200,
        body: { version: retried.body.version },
      });
      expect(await eventsOf("account-slow")).toBe(before + 1n);
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      await db.close();
    }
  });

  test("no pooled connection free within the pool's wait is DATABASE_TIMEOUT, not a request that waits on", async () => {
    const db = openServerDatabase(t.url, 1, 200);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The pool's one connection is busy for as long as the test says.
    const busy = db.sqlTransaction(async () => held);
    try {
      const reply = await command(db, "RenameAccount", { accountId: "slow", name: "Busy Co" });
      expect(reply).toMatchObject({ status: 503, retryAfter: String(RETRY_AFTER_SECONDS) });
      expect(reply.body.error).toBe("DATABASE_TIMEOUT");
    } finally {
      release();
      await busy;
      await db.close();
    }
  });
});
