import { describe, expect, test } from "vitest";
import { DEFAULT_POOL_TIMEOUT_MS, readDbConfig, readPreparedStatements } from "./config";

const url = "postgresql://u@127.0.0.1:5432/ll";
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("readDbConfig", () => {
  test("a server's pool: 10 connections, a bounded wait for one", () => {
    expect(readDbConfig(env({ DATABASE_URL: url }))).toEqual({
      kind: "server",
      url,
      poolMax: 10,
      poolTimeoutMs: DEFAULT_POOL_TIMEOUT_MS,
    });
    expect(
      readDbConfig(env({ DATABASE_URL: url, DATABASE_POOL_MAX: "2", DATABASE_POOL_TIMEOUT_MS: "500" })),
    ).toMatchObject({
      poolMax: 2,
      poolTimeoutMs: 500,
    });
  });

  test("a pool setting that is not a positive whole number is refused, naming it", () => {
    expect(() => readDbConfig(env({ DATABASE_URL: url, DATABASE_POOL_TIMEOUT_MS: "0" }))).toThrow(
      'DATABASE_POOL_TIMEOUT_MS must be a positive integer, got "0"',
    );
    expect(() => readDbConfig(env({ DATABASE_URL: url, DATABASE_POOL_MAX: "ten" }))).toThrow(/^DATABASE_POOL_MAX/);
  });
});

test("prepared statements: on unless DATABASE_PREPARED_STATEMENTS says off; anything else is refused", () => {
  expect(readPreparedStatements(env({}))).toBe(true);
  expect(readPreparedStatements(env({ DATABASE_PREPARED_STATEMENTS: " OFF " }))).toBe(false);
  expect(readPreparedStatements(env({ DATABASE_PREPARED_STATEMENTS: "on" }))).toBe(true);
  expect(() => readPreparedStatements(env({ DATABASE_PREPARED_STATEMENTS: "false" }))).toThrow(/"on" or "off"/);
});
