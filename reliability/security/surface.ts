/**
 * The app's surface as the source tree and the build declare it: every API
 * route and method, every page, every server action (with the permission its
 * metadata names). The matrix must cover all of them, so a new route, page or
 * action without an entry fails the suite instead of going untested.
 */
import fs from "node:fs";
import path from "node:path";
import type { Permission } from "@/lib/auth/permissions";

export const root = path.resolve(import.meta.dirname, "..", "..");
const appDir = path.join(root, "app");

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** A route file's address pattern: route groups "(x)" dropped, e.g. "/accounts/[accountId]". */
function routeOf(file: string): string {
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep);
  return `/${segments.filter((s) => s && !/^\(.*\)$/.test(s)).join("/")}`;
}

/** "GET /api/accounts/[accountId]" for each method each route.ts exports. */
export function apiRoutesOnDisk(): string[] {
  return filesNamed(path.join(appDir, "api"), "route.ts").flatMap((file) => {
    const source = fs.readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)];
    return methods.map((m) => `${m[1]} ${routeOf(file)}`);
  });
}

/** The signed-in part's pages (app/(app)), e.g. "/accounts/[accountId]". */
export function pagesOnDisk(): string[] {
  return filesNamed(path.join(appDir, "(app)"), "page.tsx").map(routeOf);
}

export interface ServerAction {
  id: string;
  name: string;
  file: string;
  /** What its metadata declares (lib/actions/client.ts checks it); null: no actionClient (sign-in, sign-out). */
  permission: Permission | null;
  /** The pages that post it, as address patterns. */
  pages: string[];
}

/** Every server action of the build (.next/server/server-reference-manifest.json), as the browser posts it. */
export function serverActions(): ServerAction[] {
  const manifestFile = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    if (!entry.filename || !entry.exportedName) throw new Error(`The manifest does not name action ${id}'s module`);
    const source = fs.readFileSync(path.join(root, entry.filename), "utf8");
    const declared = new RegExp(
      `export const ${entry.exportedName}\\s*=\\s*actionClient\\s*\\.metadata\\(\\{[^}]*permission:\\s*"([a-z-]+)"`,
    ).exec(source);
    const pages = Object.keys(entry.workers)
      .filter((w) => w.startsWith("app/") && w.endsWith("/page") && !w.includes("_not-found"))
      .map((w) => routeOf(path.join(appDir, w.slice("app/".length))));
    return {
      id,
      name: entry.exportedName,
      file: entry.filename,
      permission: (declared?.[1] as Permission | undefined) ?? null,
      pages,
    };
  });
}

/** Where the browser posts an action from: the page that holds it with the fewest ids in its address, filled in. */
export function postingPage(action: ServerAction, params: Record<string, string | number>): string {
  const fewestIds = [...action.pages].sort((a, b) => a.split("[").length - b.split("[").length)[0];
  if (!fewestIds) throw new Error(`No page posts ${action.name}`);
  return fill(fewestIds, params);
}

/** A pattern's address with the fixture's ids in its [params]. */
function fill(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No fixture value for [${name}] in ${pattern}`);
    return encodeURIComponent(String(params[name]));
  });
}
