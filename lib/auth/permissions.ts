import { ForbiddenError } from "@/lib/errors";
import type { Actor, Role } from "@/lib/event-store/metadata";

export type { Role };

/** The one place that says who may do what. */
export type Permission =
  "read" | "export" | "verify" | "command" | "corrective-command" | "manage-catalog" | "reports" | "operate";

const GRANTS: Record<Role, readonly Permission[]> = {
  support: ["read"],
  finance: ["read", "export", "verify", "reports"],
  admin: ["read", "export", "verify", "reports", "command", "corrective-command", "manage-catalog", "operate"],
  service: ["read", "command"],
};

const REFUSALS: Record<Permission, string> = {
  read: "read Ledgerline data",
  export: "export data",
  verify: "run verifications",
  command: "issue commands",
  "corrective-command": "issue corrective commands (credit notes, voids, refunds)",
  "manage-catalog": "change the price list",
  reports: "see finance reports (trial conversions, prices)",
  operate: "operate projections (retry, skip, rebuild, pause)",
};

/** Someone acting: a signed-in person, or another system with an API token. */
export interface Principal {
  type: "user" | "service";
  id: string;
  role: Role;
  name: string;
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!can(principal.role, permission)) {
    const who = principal.role === "service" ? "Service tokens" : `The ${principal.role} role`;
    const ask = permission === "corrective-command" || permission === "manage-catalog" ? " Ask an admin." : "";
    throw new ForbiddenError(`${who} cannot ${REFUSALS[permission]}.${ask}`);
  }
}

/** How a principal is recorded on the events it causes. */
export function actorOf(principal: Principal): Actor {
  return principal.type === "service"
    ? { type: "service", id: principal.id, role: "service" }
    : { type: "user", id: principal.id, role: principal.role };
}
