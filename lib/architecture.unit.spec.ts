import madge from "madge";
import { beforeAll, expect, it } from "vitest";

// The import graph of the shipped code (tests and generated code left out), as madge reads it.
let graph: Record<string, string[]>;
let cycles: string[][];
beforeAll(async () => {
  const result = await madge(["lib", "app", "components"], {
    fileExtensions: ["ts", "tsx"],
    tsConfig: "tsconfig.json",
    excludeRegExp: [/\.spec\.tsx?$/, /^lib\/generated\//, /\/testing\//, /test-fixtures\.ts$/],
  });
  graph = result.obj();
  cycles = result.circular();
}, 60_000);

function importsOf(prefix: string): [string, string[]][] {
  const files = Object.entries(graph).filter(([file]) => file.startsWith(prefix));
  expect(files.length, `files under ${prefix}`).toBeGreaterThan(3);
  return files;
}

it("has no import cycles", () => {
  expect(cycles).toEqual([]);
});

it("keeps the domain pure: it imports nothing but itself (and zod)", () => {
  const outside = importsOf("lib/domain/").flatMap(([file, deps]) =>
    deps.filter((dep) => !dep.startsWith("lib/domain/")).map((dep) => `${file} -> ${dep}`),
  );
  expect(outside).toEqual([]);
});

it("lets the command handler depend on narrow interfaces, not the runtime, the automation or the web", () => {
  const wide = importsOf("lib/commands/").flatMap(([file, deps]) =>
    deps
      .filter((dep) => /^(lib\/server\/|lib\/automation\/|lib\/actions\/|app\/|components\/)/.test(dep))
      .map((dep) => `${file} -> ${dep}`),
  );
  expect(wide).toEqual([]);
});

it("keeps the event store below the commands, projections and web", () => {
  const upward = importsOf("lib/event-store/").flatMap(([file, deps]) =>
    deps
      .filter((dep) =>
        /^(lib\/(commands|automation|projections|server|actions|queries)\/|app\/|components\/)/.test(dep),
      )
      .map((dep) => `${file} -> ${dep}`),
  );
  expect(upward).toEqual([]);
});
