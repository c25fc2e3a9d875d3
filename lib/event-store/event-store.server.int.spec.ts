import { createTestDatabase } from "@/lib/testing/databases";
import { eventStoreContract } from "./event-store.contract";

eventStoreContract("PostgreSQL server", async () => {
  const t = await createTestDatabase();
  return { db: t.db, close: t.drop };
});
