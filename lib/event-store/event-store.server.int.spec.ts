import { createTestDatabase } from "@/lib/testing/databases";
import { appendBatchContract } from "./append-batch.contract";
import { eventStoreContract } from "./event-store.contract";
import { groupCommitContract } from "./group-commit.contract";
import { stateCacheContract } from "./state-cache.contract";

/** Each contract on a database of its own on the PostgreSQL server. */
const open = async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
};

for (const contract of [eventStoreContract, appendBatchContract, stateCacheContract, groupCommitContract]) {
  contract("PostgreSQL server", open);
}
