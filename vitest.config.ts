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
    ],
  },
});
