/** `npm run token -- --name … --role …`: an access token for a person (sign-in, API) or a service (API). */
import { createApiToken } from "@/lib/auth/api-tokens";
import { parseTokenArgs, TOKEN_USAGE } from "@/lib/auth/token-args";
import { describeDbConfig, readDbConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open";

const args = parseTokenArgs(process.argv.slice(2));
if ("error" in args) {
  console.error(`${args.error}\n\n${TOKEN_USAGE}`);
  process.exit(2);
}
const config = readDbConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  const token = await createApiToken(db, args);
  console.error(`Created a ${args.role} token for ${args.name} (${args.principalId}) in ${describeDbConfig(config)}.`);
  console.error("It is shown only this once; only its hash is stored:");
  console.log(token);
} finally {
  await db.close();
}
