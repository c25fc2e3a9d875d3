import type { Principal, Role } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/commands/handle-command";

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

/** A second admin who can sign in: four eyes needs two (Priya approves what Dana asks, and back). */
export const DEMO_SECOND_ADMIN: Principal & { token: string } = {
  type: "user",
  id: "priya",
  role: "admin",
  name: "Priya (admin)",
  token: "demo-admin2-token",
};

/** Everyone with a demo token. */
export const DEMO_TOKEN_HOLDERS = [...Object.values(DEMO_PRINCIPALS), DEMO_SECOND_ADMIN];

const service = (id: string): { principal: Principal } => ({
  principal: { type: "service", id, role: "service", name: id },
});

/** Who acts in the demo's history (people and automations; only those with tokens above can sign in or call the API). */
export const DEMO_CALLERS = {
  /** Dana, the admin: corrections, price changes, manual payments. */
  dana: { principal: DEMO_PRINCIPALS.admin },
  /** Priya, a second admin (finance operations). */
  priya: { principal: DEMO_SECOND_ADMIN },
  /** Sales' CRM: opens accounts, sells plans, applies sales' coupons. */
  crm: { principal: DEMO_PRINCIPALS.service },
  /** The support desk's integration: acts on support tickets. */
  supportDesk: service("support-desk"),
  /** The lead-scoring service. */
  scorer: service("lead-scorer"),
  billingClock: { system: "billing-clock" },
  /** A nightly automation that removes coupons a plan does not allow. */
  couponJanitor: { system: "coupon-janitor" },
  /** The billing provider's webhook (before idempotency keys, in the story of the duplicated downgrade). */
  webhook: { system: "billing-webhook" },
} satisfies Record<string, Caller>;
