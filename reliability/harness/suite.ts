/**
 * What every reliability test shares: the profile (short in `npm test`, full
 * by hand), the suite's own cluster (global-setup.ts), a fresh migrated
 * database with one token per role, and the figures each test reports.
 */
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { endSession, openSession, SESSION_HOURS } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/permissions";
import { migrate } from "@/lib/db/migrate";
import { openServerDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/types";
import { Cluster } from "./cluster";

export type Profile = "short" | "full";

export function profile(): Profile {
  return process.env.RELIABILITY_PROFILE === "full" ? "full" : "short";
}

/** A size by profile. */
export const sized = <T>(short: T, full: T): T => (profile() === "full" ? full : short);

/** A fuzz test's seed: RELIABILITY_SEED replays one; the short profile's is fixed (CI is reproducible), the full's new. */
export function fuzzSeed(short: number): number {
  if (process.env.RELIABILITY_SEED) return Number(process.env.RELIABILITY_SEED);
  return profile() === "full" ? Date.now() % 2 ** 31 : short;
}

declare module "vitest" {
  export interface ProvidedContext {
    reliabilityCluster: { dir: string; port: number };
  }
}

/** The suite's own PostgreSQL cluster, made by global-setup.ts. */
export function cluster(): Cluster {
  const { dir, port } = inject("reliabilityCluster");
  return Cluster.attach(dir, port);
}

/** Each role's API token, a revoked one, and session cookies' secrets as sign-in opens them. */
export type Tokens = Record<Role, string> & {
  revoked: string;
  sessions: Record<"support" | "finance" | "admin" | "revoked" | "expired" | "ended", string>;
};

export interface Fresh {
  url: string;
  name: string;
  db: Database;
  tokens: Tokens;
  close(): Promise<void>;
}

let counter = 0;

/** A new database on the suite's cluster, migrated, with a token per role (and a revoked one) and sessions. */
export async function freshDatabase(label: string): Promise<Fresh> {
  const c = cluster();
  const name = `rel_${label.replace(/\W+/g, "_")}_${process.pid}_${++counter}`;
  const url = await c.createDatabase(name);
  const db = openServerDatabase(url, 4);
  await migrate(db);
  const tokens = {} as Tokens;
  for (const role of ["support", "finance", "admin", "service"] as const) {
    tokens[role] = `rel-${role}-${name}`;
    const principalType = role === "service" ? "service" : "user";
    await createApiToken(db, {
      token: tokens[role],
      name: `Reliability ${role}`,
      role,
      principalType,
      principalId: `rel-${role}`,
    });
  }
  tokens.revoked = `rel-revoked-${name}`;
  await createApiToken(db, {
    token: tokens.revoked,
    name: "Revoked",
    role: "admin",
    principalType: "user",
    principalId: "rel-revoked",
  });
  // Sessions as sign-in opens them; the revoked one before its token was revoked, the ended one signed out.
  const session = async (token: string, at = new Date()) => (await openSession(db, token, at))!.secret;
  const sessions = {
    support: await session(tokens.support),
    finance: await session(tokens.finance),
    admin: await session(tokens.admin),
    revoked: await session(tokens.revoked),
    expired: await session(tokens.admin, new Date(Date.now() - (SESSION_HOURS + 1) * 3_600_000)),
    ended: await session(tokens.admin),
  };
  await endSession(db, sessions.ended);
  tokens.sessions = sessions;
  await db.prisma.$executeRaw`UPDATE api_tokens SET revoked_at = now() WHERE principal_id = 'rel-revoked'`;
  // Dropped afterwards: the cluster stays small (a replica's base backup copies all of it).
  const close = async () => {
    await db.close();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { url, name, db, tokens, close };
}

const resultsDir = path.resolve(import.meta.dirname, "..", "..", "reliability-results");

/** Prints a test's figures and keeps them in reliability-results/<profile>.json for docs/reliability.md. */
export function report(test: string, figures: Record<string, number | string | boolean>) {
  const line = Object.entries(figures)
    .map(([k, v]) => `${k}=${typeof v === "number" ? v.toLocaleString("en-US") : v}`)
    .join(" · ");
  console.log(`[reliability:${profile()}] ${test}: ${line}`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${profile()}.json`);
  const all = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  all[test] = { ...figures, at: new Date().toISOString() };
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
