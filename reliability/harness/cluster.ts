/**
 * A PostgreSQL cluster of the suite's own (initdb in a temporary directory, on
 * a free port), so that the suite can restart, stop and replicate it without
 * touching the server the other tests and the developer use. Run as the
 * `postgres` user when the suite runs as root (initdb refuses root).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** Debian's binaries of the newest installed PostgreSQL (or PG_BINDIR). */
export function postgresBinDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  if (versions.length === 0) throw new Error("No PostgreSQL binaries under /usr/lib/postgresql: set PG_BINDIR");
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, "bin");
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function run(binary: string, args: string[], { allowFailure = false } = {}) {
  const bin = path.join(postgresBinDir(), binary);
  const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: "utf8" });
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${binary} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return result;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class Cluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** A cluster another process made (the suite's global set-up). */
  static attach(dir: string, port: number): Cluster {
    return new Cluster(dir, port);
  }

  /** A new, empty cluster, started. */
  static async create(name = "primary"): Promise<Cluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerline-reliability-${name}-`));
    if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
    const data = path.join(dir, "data");
    run("initdb", ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-instructions"]);
    const cluster = new Cluster(dir, await freePort());
    cluster.configure({ wal_level: "replica", max_wal_senders: "4", hot_standby: "on" });
    fs.appendFileSync(path.join(data, "pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n");
    await cluster.start();
    return cluster;
  }

  /** A streaming replica of `primary` (pg_basebackup), started on its own port. */
  static async replicaOf(primary: Cluster): Promise<Cluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerline-reliability-replica-"));
    if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
    const data = path.join(dir, "data");
    run("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      "postgres",
      "-D",
      data,
      "-R",
      "-X",
      "stream",
      // An immediate checkpoint: the default spread one waits up to 90% of checkpoint_timeout (4.5 min).
      "-c",
      "fast",
    ]);
    const replica = new Cluster(dir, await freePort());
    await replica.start();
    return replica;
  }

  get dataDir() {
    return path.join(this.dir, "data");
  }

  private configure(settings: Record<string, string>) {
    const lines = Object.entries(settings).map(([k, v]) => `${k} = '${v}'`);
    fs.appendFileSync(path.join(this.dataDir, "postgresql.auto.conf"), `${lines.join("\n")}\n`);
  }

  url(database = "postgres"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    run("pg_ctl", ["-D", this.dataDir, "-l", path.join(this.dir, "log"), "-o", options, "-w", "-t", "60", "start"]);
  }

  /** fast: clients disconnected, a clean shutdown; immediate: like a crash (recovery on the next start). */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    run("pg_ctl", ["-D", this.dataDir, "-m", mode, "-w", "-t", "60", "stop"], { allowFailure: true });
  }

  async restart(mode: "fast" | "immediate" = "fast"): Promise<void> {
    await this.stop(mode);
    await this.start();
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE ${name}`);
    return this.url(name);
  }

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
    database = "postgres",
  ): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops the cluster and removes its files. */
  async destroy(): Promise<void> {
    await this.stop("immediate");
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
