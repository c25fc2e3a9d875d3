import pg from "pg";
import { describe, expect, test } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseFailureOf } from "./unavailable";

/** A server error as the pg driver raises it (the fields PostgreSQL sends). */
function serverError(code: string, message: string, severity = "FATAL") {
  const error = new pg.DatabaseError(message, message.length, "error");
  return Object.assign(error, { code, severity });
}

/** A socket error as Node's net module raises it. */
function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect" });
}

/** Prisma's wrapping of a driver error, as its adapter for pg reports it (meta.driverAdapterError). */
function prismaError(code: string, cause: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError(`Invalid invocation: ${code}`, {
    code,
    clientVersion: "7",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });
}

describe("databaseFailureOf", () => {
  test("a server that is down, restarting, crashed or full is unavailable", () => {
    for (const error of [
      socketError("ECONNREFUSED"),
      socketError("ECONNRESET"),
      serverError("57P01", "terminating connection due to administrator command"),
      serverError("57P02", "terminating connection because of crash of another server process"),
      serverError("57P03", "the database system is starting up"),
      serverError("53300", "sorry, too many clients already"),
      serverError("08006", "connection failure"),
      new Error("Connection terminated unexpectedly"),
      new Error("Client has encountered a connection error and is not queryable"),
      new Prisma.PrismaClientKnownRequestError("Can't reach database server at 127.0.0.1:5432", {
        code: "P1001",
        clientVersion: "7",
        meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } } },
      }),
      prismaError("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" }),
      prismaError("P2039", { kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" }),
      prismaError("P2010", { kind: "ConnectionClosed" }),
      new Error("wrapped", { cause: socketError("ECONNREFUSED") }),
    ]) {
      expect(databaseFailureOf(error), error.message).toBe("unavailable");
    }
  });

  test("a statement or lock timeout, or no pooled connection in time, is a timeout", () => {
    for (const error of [
      serverError("57014", "canceling statement due to statement timeout", "ERROR"),
      serverError("55P03", "canceling statement due to lock timeout", "ERROR"),
      serverError("25P03", "terminating connection due to idle-in-transaction timeout"),
      new Error("timeout exceeded when trying to connect"),
      prismaError("P2010", { kind: "postgres", code: "57014", originalCode: "57014", severity: "ERROR" }),
      new Prisma.PrismaClientKnownRequestError(
        "Transaction API error: Unable to start a transaction in the given time.",
        {
          code: "P2028",
          clientVersion: "7",
        },
      ),
    ]) {
      expect(databaseFailureOf(error), error.message).toBe("timeout");
    }
  });

  test("anything else is not the database's availability: a constraint, a bug, a rule, a non-error", () => {
    for (const error of [
      serverError("23505", 'duplicate key value violates unique constraint "streams_pkey"', "ERROR"),
      serverError("42P01", 'relation "nope" does not exist', "ERROR"),
      prismaError("P2010", { kind: "postgres", code: "23505", originalCode: "23505", severity: "ERROR" }),
      new TypeError("Cannot read properties of undefined (reading 'version')"),
      Object.assign(new Error("A business rule"), { code: "DUPLICATE_PURCHASE" }),
      // A code of its own wins over the words: this message alone would read as a broken connection.
      Object.assign(new Error("Connection terminated by the rule"), { code: "SOME_RULE" }),
      "Connection terminated unexpectedly",
      null,
      undefined,
    ]) {
      expect(databaseFailureOf(error)).toBeNull();
    }
  });

  test("a cause chain that loops ends", () => {
    const a: Error & { cause?: unknown } = new Error("a");
    a.cause = new Error("b", { cause: a });
    expect(databaseFailureOf(a)).toBeNull();
  });
});
