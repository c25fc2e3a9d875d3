import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database } from "@/lib/db/types";
import { PrismaClient } from "@/lib/generated/prisma/client";

const WORDS_A = ["Acme", "Blue", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper"];
const WORDS_B = ["Labs", "Systems", "Foods", "Logistics", "Health", "Media", "Capital", "Works", "Studio", "Group"];

/**
 * `count` account-summary rows written straight into the read model in one
 * statement (names like "Harbor Media 4242", ids acct-04242, emails
 * billing4242@harbor-media.example), then ANALYZEd. Only for search speed
 * checks: the other columns are placeholders, not what the projection computes.
 */
export async function fillAccountSummaries(client: pg.PoolClient | pg.Client, count: number) {
  await client.query(
    `INSERT INTO rm_account_summary (account_id, name, billing_email, account_status, subscription,
       subscription_status, mrr, open_balance, lifecycle_stage, last_activity_at, last_position)
     SELECT 'acct-' || lpad(i::text, 5, '0'),
            a.w || ' ' || b.w || ' ' || i,
            'billing' || i || '@' || lower(a.w) || '-' || lower(b.w) || '.example',
            'open', '{"status":"none"}'::jsonb, 'none', 0, 0, 'prospect', now(), i
     FROM generate_series(1, $3::int) AS i,
          LATERAL (SELECT ($1::text[])[1 + i % 10] AS w) a,
          LATERAL (SELECT ($2::text[])[1 + (i / 10) % 10] AS w) b`,
    [WORDS_A, WORDS_B, count],
  );
  await client.query("ANALYZE rm_account_summary");
}

export interface CapturedQuery {
  query: string;
  params: unknown[];
}

/**
 * A Database whose Prisma client records every SQL statement it sends with
 * its parameters, so a read-model query can be EXPLAINed exactly as it runs.
 */
export function recordingDatabase(pool: pg.Pool): {
  db: Database;
  captured: CapturedQuery[];
  close: () => Promise<void>;
} {
  const captured: CapturedQuery[] = [];
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (e) => captured.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
  // Read-model queries use only `prisma`; this client is for them alone.
  return { db: { prisma } as unknown as Database, captured, close: () => prisma.$disconnect() };
}

/** EXPLAIN ANALYZE of a captured query: the scan lines of its plan and its execution time in ms. */
export async function explainAnalyze(client: pg.PoolClient | pg.Client, { query, params }: CapturedQuery) {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ANALYZE ${query}`, params);
  const lines = rows.map((r) => r["QUERY PLAN"]);
  return {
    ms: Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? "")?.[1]),
    scans: lines.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, "")),
  };
}
