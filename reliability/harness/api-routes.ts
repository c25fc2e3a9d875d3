/** Every HTTP API route the app has, read from the route.ts files under app/api, so a new route cannot go untested. */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const METHODS = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;

export interface DiscoveredRoute {
  /** As the file system names it: /api/accounts/[accountId]/timeline */
  pattern: string;
  methods: string[];
}

export function discoverApiRoutes(): DiscoveredRoute[] {
  const found: DiscoveredRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = [...source.matchAll(METHODS)].map((m) => m[1]!);
        const pattern = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`;
        found.push({ pattern, methods });
      }
    }
  };
  walk(path.join(root, "app", "api"));
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
