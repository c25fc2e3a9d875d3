import { afterAll, beforeAll, expect, test } from "vitest";
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { Prisma } from "@/lib/generated/prisma/client";
import { prepared } from "./raw-transaction";

let server: TestDatabase;
beforeAll(async () => {
  server = await createTestDatabase();
});
afterAll(async () => server?.drop());

const TIMEOUT = { timeout: 10_000 };
const preparedOnThisConnection = Prisma.sql`
  SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%to_prepare_%'`;

test("a prepared statement is parsed once per connection and answers like an ordinary one", async () => {
  const result = await server.db.rawTransaction(async (tx) => {
    const once = await tx.$queryRaw<{ v: number }[]>(prepared`SELECT ${41}::int + 1 AS v, 'to_prepare_a' AS tag`);
    const twice = await tx.$queryRaw<{ v: number }[]>(prepared`SELECT ${1}::int + 1 AS v, 'to_prepare_a' AS tag`);
    const ordinary = await tx.$queryRaw<{ v: number }[]>`SELECT ${1}::int + 1 AS v, 'to_prepare_b' AS tag`;
    const [row] = await tx.$queryRaw<{ n: number }[]>(preparedOnThisConnection);
    return { values: [once[0]!.v, twice[0]!.v, ordinary[0]!.v], n: row!.n };
  }, TIMEOUT);
  expect(result.values).toEqual([42, 2, 2]);
  // The two prepared calls share one statement; the ordinary query left none behind.
  expect(result.n).toBe(1);
});

test("on the embedded database a prepared statement is an ordinary query", async () => {
  const embedded = await createEmbeddedTestDatabase();
  try {
    const rows = await embedded.raw.$queryRaw<{ v: number }[]>(prepared`SELECT ${41}::int + 1 AS v`);
    expect(rows).toEqual([{ v: 42 }]);
  } finally {
    await embedded.close();
  }
});
