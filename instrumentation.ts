/** Runs once when a Next server starts: database, migrations, demo data, background work. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./lib/server/boot");
  await bootServer();
}
