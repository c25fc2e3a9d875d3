/**
 * The app as `npm start` runs it (scripts/start.ts: builds when stale, then
 * `next start`) and `npm run projector` processes, each in a process group of
 * its own so the suite can kill one whole (SIGKILL included).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "./cluster";

const root = path.resolve(import.meta.dirname, "..", "..");

export class Proc {
  readonly output: string[] = [];
  private exited: Promise<number | null>;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) this.output.push(line);
      if (this.output.length > 5000) this.output.splice(0, this.output.length - 5000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  get pid() {
    return this.child.pid!;
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Signals the whole process group (the start script and the Next server under it). */
  kill(signal: NodeJS.Signals = "SIGTERM") {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // already gone
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.kill("SIGTERM");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000));
    if ((await Promise.race([this.exited, timeout])) === "timeout") this.kill("SIGKILL");
    await this.exited;
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.some((line) => pattern.test(line))) {
      if (!this.running) throw new Error(`${this.name} exited before printing ${pattern}:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern}:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  tail(lines = 40) {
    return this.output.slice(-lines).join("\n");
  }
}

function launch(name: string, script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LEDGERLINE_DEMO: "0", ...env },
  });
  return new Proc(name, child);
}

export interface App extends Proc {
  readonly baseUrl: string;
}

/** One app instance on a free port; resolves once /api/health answers 200. */
export async function startApp(
  databaseUrl: string,
  { projector = false, env = {} }: { projector?: boolean; env?: Record<string, string> } = {},
): Promise<App> {
  const port = await freePort();
  const proc = launch(`app:${port}`, "scripts/start.ts", {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LEDGERLINE_PROJECTOR: projector ? "on" : "off",
    ...env,
  });
  const app = Object.assign(proc, { baseUrl: `http://127.0.0.1:${port}` }) as App;
  const deadline = Date.now() + 600_000; // the first start may build the app
  for (;;) {
    if (!app.running) throw new Error(`the app exited while starting:\n${app.tail()}`);
    const ok = await fetch(`${app.baseUrl}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return app;
    if (Date.now() > deadline) throw new Error(`the app did not become healthy:\n${app.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `npm run projector` on the database; resolves once it leads or stands by for every projection. */
export async function startProjector(databaseUrl: string, env: Record<string, string> = {}): Promise<Proc> {
  const proc = launch("projector", "scripts/projector.ts", {
    DATABASE_URL: databaseUrl,
    PROJECTOR_POLL_MS: "200",
    BILLING_CLOCK: "off",
    ...env,
  });
  await proc.waitForOutput(/\[projector\] running on/);
  return proc;
}
