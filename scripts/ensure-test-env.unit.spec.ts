import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// scripts/ensure-test-env.sh runs against stub pg/apt/id tools. The PATH holds only the stubs and links to
// the few real tools needed, never /usr/bin, where this machine's real chromium and PostgreSQL tools live.
const script = path.resolve(import.meta.dirname, "ensure-test-env.sh");
const realTools = ["bash", "sh", "chmod"];
const clusterLine =
  "15  main    5432 down   postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log";

let dir: string;
let bin: string;

const file = (name: string) => path.join(dir, name);
const read = (name: string) => (fs.existsSync(file(name)) ? fs.readFileSync(file(name), "utf8") : "");
const stub = (name: string, body: string) =>
  fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });

const noPassword =
  'psql: error: connection to server at "127.0.0.1", port 5432 failed: fe_sendauth: no password supplied';

/**
 * PostgreSQL is up until `down()`; after pg_ctlcluster starts it, the first readiness check still says no.
 * psql logs in unless `refuseLogins()`.
 */
function stubPostgres() {
  stub("pg_isready", `echo "$@" >> ${file("pg_isready.log")}\n[ -f ${file("up")} ]`);
  stub(
    "psql",
    `echo "$@" >> ${file("psql.log")}\n` +
      `if [ -f ${file("refuse")} ]; then echo '${noPassword}' >&2; echo 'second line' >&2; exit 2; fi\necho 1`,
  );
  stub("pg_lsclusters", `echo "${clusterLine}"`);
  stub("pg_ctlcluster", `echo "$@" >> ${file("pg_ctlcluster.log")}\n: > ${file("starting")}`);
  stub("sleep", `echo "$@" >> ${file("sleep.log")}\n[ -f ${file("starting")} ] && : > ${file("up")}\nexit 0`);
  fs.writeFileSync(file("up"), "");
}
const down = () => fs.rmSync(file("up"));
const refuseLogins = () => fs.writeFileSync(file("refuse"), "");

function stubChromium(where = bin) {
  fs.writeFileSync(path.join(where, "chromium"), "#!/bin/sh\necho Chromium 1.0\n", { mode: 0o755 });
}

function run(opts: { uid: number; env?: Record<string, string> }) {
  stub("id", `echo ${opts.uid}`);
  const tools = path.join(dir, "tools");
  return spawnSync("bash", [script], {
    encoding: "utf8",
    // Only what is given here: no inherited PATH, TEST_DATABASE_URL or CHROMIUM_PATH.
    env: { NODE_ENV: "test", PATH: `${bin}:${tools}`, ...opts.env },
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ensure-test-env-"));
  bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(dir, "tools"));
  for (const tool of realTools) {
    const real = execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    fs.symlinkSync(real, path.join(dir, "tools", tool));
  }
  stubPostgres();
  // Records each call; installing chromium puts an executable chromium on PATH, as Debian's package does.
  stub(
    "apt-get",
    `echo "$@" >> ${file("apt-get.log")}\n` +
      `case "$*" in *install*chromium*) printf '#!/bin/sh\\n' > ${bin}/chromium; chmod +x ${bin}/chromium;; esac`,
  );
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("scripts/ensure-test-env.sh", () => {
  it("does nothing and says nothing when PostgreSQL is up and chromium is on PATH", () => {
    stubChromium();
    const result = run({ uid: 0 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(read("pg_isready.log")).toContain("-h 127.0.0.1 -p 5432 -q");
    expect(read("psql.log")).toBe("-w -X -Atq -d postgresql://postgres@127.0.0.1:5432/postgres -c select 1\n");
    expect(read("apt-get.log")).toBe("");
    expect(read("pg_ctlcluster.log")).toBe("");
  });

  it("checks the server TEST_DATABASE_URL names", () => {
    stubChromium();
    const result = run({ uid: 0, env: { TEST_DATABASE_URL: "postgresql://u:pw@db.test:6543/postgres?x=1" } });
    expect(result.status).toBe(0);
    expect(read("pg_isready.log")).toContain("-h db.test -p 6543 -q");
    expect(read("psql.log")).toContain("-d postgresql://u:pw@db.test:6543/postgres?x=1 -c select 1");
  });

  it("neither installs nor starts this machine's PostgreSQL when TEST_DATABASE_URL names another host", () => {
    stubChromium();
    down();
    const result = run({ uid: 0, env: { TEST_DATABASE_URL: "postgresql://u:pw@db.test:6543/postgres" } });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("db.test:6543");
    expect(lines[0]).toContain("TEST_DATABASE_URL");
    expect(read("pg_ctlcluster.log")).toBe("");
    expect(read("apt-get.log")).toBe("");
  });

  it("stops with one clear line when PostgreSQL is up but the tests cannot log in", () => {
    stubChromium();
    refuseLogins();
    const result = run({ uid: 0 });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("127.0.0.1:5432 is up but the tests cannot log in");
    expect(lines[0]).toContain("fe_sendauth: no password supplied");
    expect(lines[0]).toMatch(/set TEST_DATABASE_URL=postgresql:\/\/<user>:<password>@127\.0\.0\.1:5432\/postgres/);
    expect(lines[0]).toContain("trust");
  });

  it("says how to get psql when it is missing", () => {
    stubChromium();
    fs.rmSync(path.join(bin, "psql"));
    const result = run({ uid: 0 });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^\[test-env\] psql is missing: .*postgresql-client/);
  });

  it("installs Debian's chromium as root when it is missing", () => {
    const result = run({ uid: 0 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(read("apt-get.log")).toBe("update -qq\ninstall -y -qq --no-install-recommends chromium\n");
    expect(fs.existsSync(path.join(bin, "chromium"))).toBe(true);
    expect(result.stdout).toContain("[test-env] installing Debian's chromium");
  });

  it("stops with one clear line and installs nothing when chromium is missing and it is not root", () => {
    const result = run({ uid: 1000 });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/apt-get install .*chromium/);
    expect(lines[0]).toContain("CHROMIUM_PATH");
    expect(read("apt-get.log")).toBe("");
  });

  it("installs nothing when CHROMIUM_PATH names an executable", () => {
    const elsewhere = path.join(dir, "elsewhere");
    fs.mkdirSync(elsewhere);
    stubChromium(elsewhere);
    const result = run({ uid: 1000, env: { CHROMIUM_PATH: path.join(elsewhere, "chromium") } });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(read("apt-get.log")).toBe("");
  });

  it("starts the Debian cluster when PostgreSQL is down and waits until it accepts connections", () => {
    stubChromium();
    down();
    const result = run({ uid: 0 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(read("pg_ctlcluster.log")).toBe("--skip-systemctl-redirect 15 main start\n");
    expect(read("sleep.log")).not.toBe(""); // the first check after starting said "not yet"
    expect(result.stdout).toContain("[test-env] PostgreSQL 15 started");
    expect(read("psql.log")).not.toBe(""); // and then logged in
    expect(read("apt-get.log")).toBe("");
  });

  it("tells a non-root user without sudo the exact command that starts PostgreSQL", () => {
    stubChromium();
    down();
    const result = run({ uid: 1000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toBe(
      "[test-env] PostgreSQL is down: run 'sudo pg_ctlcluster --skip-systemctl-redirect 15 main start', then npm test again.",
    );
    expect(read("pg_ctlcluster.log")).toBe("");
  });
});
