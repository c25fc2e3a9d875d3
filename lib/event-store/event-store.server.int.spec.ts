import { createTestDatabase } from "@/lib/testing/databases";
import { appendBatchContract } from "./append-batch.contract";
import { eventStoreContract } from "./event-store.contract";

eventStoreContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});

appendBatchContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});
