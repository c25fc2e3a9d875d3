import type { Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/permissions";

/** The demo's people and services, and their well-known API tokens (demo mode only; see README). */
export const DEMO_PRINCIPALS: Record<Role, Principal & { token: string }> = {
  support: { type: "user", id: "sam", role: "support", name: "Sam (support)", token: "demo-support-token" },
  finance: { type: "user", id: "fiona", role: "finance", name: "Fiona (finance)", token: "demo-finance-token" },
  admin: { type: "user", id: "dana", role: "admin", name: "Dana (admin)", token: "demo-admin-token" },
  service: {
    type: "service",
    id: "crm-sync",
    role: "service",
    name: "CRM sync (service)",
    token: "demo-service-token",
  },
};
