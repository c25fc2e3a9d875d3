import { createTestDatabase } from "@/lib/testing/databases";
import { appendBatchContract } from "./append-batch.contract";
import { eventStoreContract } from "./event-store.contract";
import { groupCommitContract } from "./group-commit.contract";
import { stateCacheContract } from "./state-cache.contract";

eventStoreContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});

appendBatchContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});

stateCacheContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});

groupCommitContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});
