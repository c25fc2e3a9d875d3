import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { createApiToken } from "./api-tokens";
import { endSession, openSession, SESSION_HOURS, sessionPrincipal } from "./sessions";

let t: TestDatabase;
const NOON = new Date("2026-12-04T12:00:00Z");
const later = (hours: number) => new Date(NOON.getTime() + hours * 3_600_000);
const person = (token: string, role: "support" | "admin" = "support") => ({
  name: `Person ${token}`,
  role,
  principalType: "user" as const,
  principalId: `p-${token}`,
  token,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await createApiToken(t.db, person("tok-sam"));
  await createApiToken(t.db, person("tok-dana", "admin"));
  await createApiToken(t.db, { ...person("tok-svc"), role: "service", principalType: "service" });
});
afterAll(async () => t?.drop());

test("a session stands for its person until it expires, on the server's record, not the cookie's", async () => {
  const session = (await openSession(t.db, "tok-sam", NOON))!;
  expect(session.secret).not.toContain("tok-sam");
  expect(session.expiresAt).toEqual(later(SESSION_HOURS));
  expect(await sessionPrincipal(t.db, session.secret, later(1))).toMatchObject({ id: "p-tok-sam", role: "support" });
  expect(await sessionPrincipal(t.db, session.secret, later(SESSION_HOURS - 0.01))).not.toBeNull();
  expect(await sessionPrincipal(t.db, session.secret, later(SESSION_HOURS))).toBeNull();
  // The token is no session: only the secret it was exchanged for.
  expect(await sessionPrincipal(t.db, "tok-sam", later(1))).toBeNull();
});

test("signing out ends the session for a replayed cookie; other sessions of the person go on", async () => {
  const first = (await openSession(t.db, "tok-dana", NOON))!;
  const second = (await openSession(t.db, "tok-dana", NOON))!;
  await endSession(t.db, first.secret, later(1));
  expect(await sessionPrincipal(t.db, first.secret, later(2))).toBeNull();
  expect(await sessionPrincipal(t.db, second.secret, later(2))).toMatchObject({ id: "p-tok-dana", role: "admin" });
});

test("revoking the token ends its sessions at once; services and unknown tokens get none", async () => {
  await createApiToken(t.db, person("tok-rev"));
  const session = (await openSession(t.db, "tok-rev", NOON))!;
  await t.db.prisma.apiToken.updateMany({ where: { principalId: "p-tok-rev" }, data: { revokedAt: later(1) } });
  expect(await sessionPrincipal(t.db, session.secret, later(2))).toBeNull();
  expect(await openSession(t.db, "tok-rev", later(2))).toBeNull();
  expect(await openSession(t.db, "tok-svc", NOON)).toBeNull();
  expect(await openSession(t.db, "nobody's", NOON)).toBeNull();
});

test("sessions expired for over 30 days are deleted at the next sign-in", async () => {
  const old = (await openSession(t.db, "tok-sam", NOON))!;
  await openSession(t.db, "tok-sam", later(24 * 31));
  const ids = await t.db.prisma.session.findMany({ select: { expiresAt: true } });
  expect(ids.every((s) => s.expiresAt > later(SESSION_HOURS))).toBe(true);
  expect(await sessionPrincipal(t.db, old.secret, later(1))).toBeNull();
});
