#!/usr/bin/env node
// Re-checks a Ledgerline evidence bundle with nothing but Node >= 18 (no Ledgerline, no npm):
//   node verify-evidence.mjs evidence-acme-start-end.json     (or: ... < bundle.json)
// Exit 0: every chain checks; 1: it does not (the first broken link is named); 2: no readable bundle.
// What this proves and what it does not: docs/evidence.md.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

// Standalone on purpose, so these repeat lib/evidence/format.ts; a unit spec keeps the two equal.
export const FORMAT = "ledgerline-evidence/1";
export const HASHED_FIELDS = [
  "eventId",
  "streamId",
  "streamType",
  "streamVersion",
  "eventType",
  "schemaVersion",
  "data",
  "metadata",
  "accountId",
  "occurredAt",
  "recordedAt",
  "prevHash",
];

/** RFC 8785 (JCS): keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms. */
export function canonicalJson(value) {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${value} has no JSON form`);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
}

/** SHA-256 (hex) over the canonical JSON of exactly the hashed fields of a bundle's event. */
export function hashEvent(event) {
  const hashed = {};
  for (const name of HASHED_FIELDS) hashed[name] = event[name];
  return createHash("sha256").update(canonicalJson(hashed)).digest("hex");
}

/** One stream's run: its line for the report and its problems, in order. */
export function checkStream(stream) {
  const streamId = String(stream?.streamId);
  const events = Array.isArray(stream?.events) ? stream.events : [];
  const problems = [];
  const problem = (event, what) =>
    problems.push({
      streamId,
      version: event?.streamVersion,
      position: event?.position,
      eventId: event?.eventId,
      what,
    });
  if (events.length === 0) problem(null, "the stream's entry holds no events");
  let previous = null;
  for (const event of events) {
    const version = event.streamVersion;
    if (event.streamId !== streamId) problem(event, `belongs to stream ${event.streamId}, not ${streamId}`);
    if (previous && version !== previous.streamVersion + 1) {
      problem(
        event,
        `version ${previous.streamVersion + 1} is missing or out of order: after version ${previous.streamVersion} comes version ${version}`,
      );
    }
    if (hashEvent(event) !== event.hash)
      problem(event, "its content does not match its hash (the event, or its prevHash, was altered)");
    if (previous && event.prevHash !== previous.hash) {
      problem(
        event,
        `its prevHash ${event.prevHash} is not the hash of version ${previous.streamVersion} (${previous.hash}) before it`,
      );
    }
    if (version === 1 && event.prevHash !== null) problem(event, "version 1 must have prevHash null");
    previous = event;
  }
  const first = events[0];
  const last = previous;
  const run = stream?.run ?? {};
  if (first && run.fromVersion !== first.streamVersion)
    problem(first, `the run says it starts at version ${run.fromVersion}`);
  if (last && run.toVersion !== last.streamVersion) problem(last, `the run says it ends at version ${run.toVersion}`);
  const head = stream?.head ?? {};
  const notes = [];
  if (first && first.streamVersion > 1)
    notes.push(`its link to version ${first.streamVersion - 1} is outside the bundle`);
  if (last && head.version === last.streamVersion) {
    if (head.lastHash !== last.hash)
      problem(last, `the stream's head hash ${head.lastHash} is not this last event's hash`);
    else notes.push("reaches the stream's head");
  } else if (last && head.version > last.streamVersion) {
    notes.push(`the stream goes on to version ${head.version}, not in this bundle`);
  } else if (last) {
    problem(last, `the stream's head is version ${head.version}, before this event`);
  }
  const range = !first
    ? "no versions"
    : first === last
      ? `version ${first.streamVersion}`
      : `versions ${first.streamVersion}\u2013${last.streamVersion}`;
  const at = problems[0]?.version === undefined ? "" : ` at version ${problems[0].version}`;
  const verdict = problems.length === 0 ? "chain intact" : `BROKEN${at}`;
  const line = `${streamId}: ${range}, ${events.length} event${events.length === 1 ? "" : "s"}, ${verdict}`;
  return { line: notes.length > 0 ? `${line} (${notes.join("; ")})` : line, problems, events: events.length };
}

/** Every stream of a parsed bundle: report lines, problems (first broken link first) and whether all is intact. */
export function verifyBundle(bundle) {
  if (bundle?.format !== FORMAT) {
    const problem = { what: `This is not a ${FORMAT} bundle (format: ${JSON.stringify(bundle?.format)})` };
    return { ok: false, lines: [], problems: [problem], events: 0 };
  }
  const streams = Array.isArray(bundle.streams) ? bundle.streams : [];
  const checked = streams.map(checkStream);
  const problems = checked.flatMap((c) => c.problems);
  const events = checked.reduce((sum, c) => sum + c.events, 0);
  return { ok: problems.length === 0, lines: checked.map((c) => c.line), problems, events, streams: streams.length };
}

export function describeProblem(p) {
  if (p.streamId === undefined) return p.what;
  return `stream ${p.streamId}, version ${p.version}, position ${p.position}, event ${p.eventId}: ${p.what}`;
}

async function readInput(path) {
  if (path) return readFile(path, "utf8");
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(args) {
  if (!args[0] && process.stdin.isTTY) {
    console.error("Usage: node verify-evidence.mjs <bundle.json>   (or pipe the bundle in on stdin)");
    return 2;
  }
  let bundle;
  try {
    bundle = JSON.parse(await readInput(args[0]));
  } catch (error) {
    console.error(`Cannot read the bundle${args[0] ? ` ${args[0]}` : " from stdin"}: ${error.message}`);
    return 2;
  }
  const result = verifyBundle(bundle);
  for (const line of result.lines) console.log(line);
  if (result.ok) {
    console.log(
      `Verdict: intact. ${result.streams} streams, ${result.events} events: every event matches its hash and links to the one before it.`,
    );
    return 0;
  }
  const [first] = result.problems;
  const what = first.streamId === undefined ? first.what : `First broken link: ${describeProblem(first)}`;
  console.log(`Verdict: BROKEN. ${what}`);
  for (const p of result.problems.slice(1, 20)) console.log(`  also: ${describeProblem(p)}`);
  if (result.problems.length > 20) console.log(`  ... ${result.problems.length - 20} more problems`);
  return 1;
}

// A CLI when run, a module when imported (the tests import the functions above).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
