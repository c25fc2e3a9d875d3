import { cookies } from "next/headers";
import { cache } from "react";
import { readReplicaConfig } from "@/lib/db/config";
import { chooseReader } from "./replica";
import { getReplicaRuntime, getRuntime, type Runtime } from "./runtime";

/** The position of the signed-in person's last write (set by the server-action layer), for a minute. */
export const LAST_WRITE_COOKIE = "ledgerline-last-write";

/**
 * The runtime a page reads its timeline, time travel, search and export
 * from: the read replica when one is configured and has replayed this
 * person's last write, the primary otherwise (see replica.ts). Once per request.
 */
export const getPageRuntime = cache(async (): Promise<Runtime> => {
  const replica = await getReplicaRuntime();
  if (!replica) return getRuntime();
  const written = Number((await cookies()).get(LAST_WRITE_COOKIE)?.value);
  const position = Number.isSafeInteger(written) && written > 0 ? written : undefined;
  return (await chooseReader(await getRuntime(), replica, { position })).runtime;
});

/** After a command from a page: the next pages wait for the replica to have it (see getPageRuntime). */
export async function rememberWrite(position: number): Promise<void> {
  if (!readReplicaConfig()) return; // one database: every read sees every write
  (await cookies()).set(LAST_WRITE_COOKIE, String(position), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60,
  });
}
