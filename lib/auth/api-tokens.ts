import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/types";
import { ZRole, type Role } from "@/lib/event-store/metadata";
import type { Principal } from "./permissions";

/** API tokens are long random strings, so a fast hash is enough; only the hash is stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateToken(): string {
  return `ll_${randomBytes(24).toString("base64url")}`;
}

export interface NewApiToken {
  name: string;
  role: Role;
  principalType: "user" | "service";
  principalId: string;
  /** A chosen token (the demo seed's well-known ones); otherwise a random one is made. */
  token?: string;
}

/** Stores a token's hash and returns the token itself (shown once). Re-creating a known token is a no-op. */
export async function createApiToken(db: Database, input: NewApiToken): Promise<string> {
  const token = input.token ?? generateToken();
  await db.prisma.apiToken.upsert({
    where: { tokenHash: hashToken(token) },
    update: {},
    create: {
      id: randomUUID(),
      name: input.name,
      tokenHash: hashToken(token),
      role: input.role,
      principalType: input.principalType,
      principalId: input.principalId,
    },
  });
  return token;
}

/** The principal a bearer token stands for, or null for an unknown or revoked token. */
export async function authenticateToken(db: Database, token: string): Promise<Principal | null> {
  if (!token || token.length > 512) return null;
  const row = await db.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return row ? principalOf(row) : null;
}

type TokenRow = { role: string; principalType: string; principalId: string; name: string; revokedAt: Date | null };

/** Who a stored token acts for; null once revoked (or with a role this version does not know). */
export function principalOf(row: TokenRow): Principal | null {
  if (row.revokedAt) return null;
  const role = ZRole.safeParse(row.role);
  if (!role.success) return null;
  return {
    type: row.principalType === "service" ? "service" : "user",
    id: row.principalId,
    role: role.data,
    name: row.name,
  };
}
