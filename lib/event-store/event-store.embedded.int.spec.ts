import { createEmbeddedTestDatabase } from "@/lib/testing/databases";
import { appendBatchContract } from "./append-batch.contract";
import { eventStoreContract } from "./event-store.contract";
import { groupCommitContract } from "./group-commit.contract";
import { stateCacheContract } from "./state-cache.contract";

/** Each contract on an embedded PGlite of its own. */
const open = async () => {
  const db = await createEmbeddedTestDatabase();
  return { db, close: () => db.close() };
};

for (const contract of [eventStoreContract, appendBatchContract, stateCacheContract, groupCommitContract]) {
  contract("embedded PGlite", open);
}
