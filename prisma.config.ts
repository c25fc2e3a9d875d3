import { defineConfig } from "prisma/config";

// Prisma 7 keeps the connection URL here, not in schema.prisma. Only the CLI
// reads this file; the app connects through lib/db (adapter-pg or PGlite).
// Migrations are applied by `npm run db:migrate` (scripts/migrate.ts), since
// the Prisma schema engine cannot be downloaded on every machine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/ledgerline" },
});
