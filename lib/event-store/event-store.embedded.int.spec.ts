import { createEmbeddedTestDatabase } from "@/lib/testing/databases";
import { appendBatchContract } from "./append-batch.contract";
import { eventStoreContract } from "./event-store.contract";
import { groupCommitContract } from "./group-commit.contract";
import { stateCacheContract } from "./state-cache.contract";

eventStoreContract("embedded PGlite", async () => {
  const db = await createEmbeddedTestDatabase();
  return { db, close: () => db.close() };
});

appendBatchContract("embedded PGlite", async () => {
  const db = await createEmbeddedTestDatabase();
  return { db, close: () => db.close() };
});

stateCacheContract("embedded PGlite", async () => {
  const db = await createEmbeddedTestDatabase();
  return { db, close: () => db.close() };
});

groupCommitContract("embedded PGlite", async () => {
  const db = await createEmbeddedTestDatabase();
  return { db, close: () => db.close() };
});
