import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { explainAnalyze, fillAccountSummaries, recordingDatabase } from "@/lib/testing/search-bench";
import { listAccountSummaries } from "./queries";

// The speed itself is measured by `npm run bench:search`; this checks the plan: the query as Prisma
// writes it (ILIKE '%' || $1 || '%' on each column) must be one the trigram indexes can answer.
describe("account search on 10,000 accounts", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ poolMax: 2 });
    const client = await t.client();
    await fillAccountSummaries(client, 10_000);
    await client.query("VACUUM ANALYZE rm_account_summary");
  });
  afterAll(async () => t?.drop());

  test("a rare substring of an id, an email or a name is found through the trigram indexes", async () => {
    const pool = new pg.Pool({ connectionString: t.url, max: 1 });
    const recording = recordingDatabase(pool);
    const found = [];
    for (const term of ["cct-04242", "billing777@", "health 4242"]) {
      found.push((await listAccountSummaries(recording.db, { search: term, limit: 20 })).items.map((a) => a.accountId));
    }
    await recording.close();
    await pool.end();
    expect(found).toEqual([["acct-04242"], ["acct-00777"], ["acct-04242"]]);

    const client = await t.client();
    for (const query of recording.captured) {
      const { scans } = await explainAnalyze(client, query);
      expect(scans.join("\n")).toMatch(/Bitmap Index Scan on rm_account_summary_\w+_trgm_idx/);
      expect(scans.join("\n")).not.toMatch(/Seq Scan/);
    }
  });
});
