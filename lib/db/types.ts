import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Plain SQL on one connection, for what Prisma cannot express (multi-statement scripts). */
export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script that may hold several statements. */
  exec(text: string): Promise<void>;
}

export interface Database {
  readonly kind: "server" | "embedded";
  readonly prisma: PrismaClient;
  /** Runs fn in one SQL transaction on one connection; rolls back if fn throws. */
  sqlTransaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
