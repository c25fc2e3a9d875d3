import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Pages and components read through lib/ queries, never Prisma directly.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/generated/*"], message: "Use lib/db or a lib query module instead." }] },
      ],
    },
  },
  {
    files: ["lib/**", "scripts/**", "prisma/**", "e2e/**", "*.config.*"],
    rules: { "no-restricted-imports": "off" },
  },
];
export default config;
