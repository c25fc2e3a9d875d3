import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["**/*.unit.spec.ts"], exclude: ["node_modules/**", ".next/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["**/*.int.spec.ts"],
          exclude: ["node_modules/**", ".next/**"],
          // Creates one migrated template database; each test file clones it.
          globalSetup: ["lib/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // `npm run test:reliability`: the built app on a PostgreSQL cluster of the suite's own (reliability/).
          name: "reliability",
          include: ["reliability/**/*.rel.spec.ts"],
          globalSetup: ["reliability/harness/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
