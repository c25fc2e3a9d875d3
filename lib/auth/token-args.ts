import { parseArgs } from "node:util";
import { z } from "zod";
import { ZRole } from "@/lib/event-store/metadata";
import type { NewApiToken } from "./api-tokens";

export const TOKEN_USAGE = `Usage: npm run token -- --name "Dana Scully" --role admin [--id dana]
       npm run token -- --service crm-sync --name "CRM sync"
  --role     support | finance | admin (a person); services always get the service role
  --id       the id recorded as the actor on events (default: the name, lowercased, dashes for spaces)
  --service  make a token for another system (HTTP API only) with this id`;

const ZArgs = z
  .object({
    name: z.string().trim().min(1, "--name is required").max(100),
    role: ZRole.exclude(["service"]).optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "--id: lowercase letters, digits, dots, dashes")
      .optional(),
    service: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "--service: lowercase letters, digits, dots, dashes")
      .optional(),
  })
  .refine((a) => a.service || a.role, { message: "--role is required for a person (support, finance or admin)" })
  .refine((a) => !(a.service && a.role), { message: "--role and --service exclude each other" });

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64) || "user";

/** `npm run token` arguments to the token to create, or a message saying what is wrong. */
export function parseTokenArgs(argv: string[]): NewApiToken | { error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        name: { type: "string" },
        role: { type: "string" },
        id: { type: "string" },
        service: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join("; ") };
  const { name, role, id, service } = parsed.data;
  return service
    ? { name, role: "service", principalType: "service", principalId: service }
    : { name, role: role!, principalType: "user", principalId: id ?? slug(name) };
}
