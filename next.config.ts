import type { NextConfig } from "next";
import { resolveAppVersion } from "./lib/app-version";
import { FRAME_HEADERS } from "./lib/http/frame-headers";

const config: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory, and
  // pg/Prisma's adapters are Node-only: keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  // Inlined at build time: the events a deployment writes carry its version.
  env: { LEDGERLINE_APP_VERSION: resolveAppVersion() },
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx when a role may not see a page.
  experimental: { authInterrupts: true },
  // Never framed by another site (clickjacking): see lib/http/frame-headers.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...FRAME_HEADERS] }];
  },
};

export default config;
