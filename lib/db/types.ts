import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawQueryable, RawTransactionOptions } from "./raw-transaction";

/** Plain SQL on one connection, for what Prisma cannot express (multi-statement scripts). */
export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script that may hold several statements. */
  exec(text: string): Promise<void>;
}

export interface Database {
  readonly kind: "server" | "embedded";
  readonly prisma: PrismaClient;
  /**
   * $queryRaw and $executeRaw in autocommit, with Prisma's values back:
   * straight through the driver on a server (the store's hot paths: an
   * append, a load, a page of the log), through Prisma on the embedded database.
   */
  readonly raw: RawQueryable;
  /** Runs fn in one SQL transaction on one connection; rolls back if fn throws. */
  sqlTransaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs fn in one transaction, with $queryRaw and $executeRaw as Prisma's
   * (same values back), straight through the driver on a server (see
   * raw-transaction.ts); through Prisma on the embedded database.
   */
  rawTransaction<T>(fn: (tx: RawQueryable) => Promise<T>, options: RawTransactionOptions): Promise<T>;
  /**
   * A long-lived connection of its own, outside the pool, for session state
   * (advisory-lock leases, LISTEN). Null on the embedded database, which is
   * one session in one process.
   */
  openSession(): Promise<DedicatedSession | null>;
  close(): Promise<void>;
}

export interface DedicatedSession extends SqlSession {
  /** Notifications on a channel (LISTEN); returns a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Called once if the connection breaks (server restart, network, killed backend). */
  onLost(handler: (error: Error) => void): void;
  close(): Promise<void>;
}
