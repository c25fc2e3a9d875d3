/**
 * Acknowledged writes against the log: every acknowledged command's events
 * are in the log at the positions its answer named (none lost), no request
 * wrote more than its answer says (none duplicated), and no request that was
 * never acknowledged left an event (none written without its ack).
 */
import type { Database } from "@/lib/db/types";
import type { Acked } from "./load";

export interface AckCheck {
  acknowledged: number;
  lost: number;
  duplicated: number;
  writtenWithoutAck: number;
}

export async function checkAcks(db: Database, requestIdPrefix: string, acked: readonly Acked[]): Promise<AckCheck> {
  const rows = await db.prisma.$queryRaw<{ request_id: string; stream_id: string; position: bigint }[]>`
    SELECT metadata->>'requestId' AS request_id, stream_id, global_position AS position FROM events
    WHERE metadata->>'requestId' LIKE ${`${requestIdPrefix}%`}`;
  const written = new Map<string, { streamId: string; position: number }[]>();
  for (const r of rows) {
    const list = written.get(r.request_id) ?? [];
    list.push({ streamId: r.stream_id, position: Number(r.position) });
    written.set(r.request_id, list);
  }
  const ackedIds = new Set(acked.map((a) => a.requestId));
  let lost = 0;
  let duplicated = 0;
  for (const ack of acked) {
    const events = written.get(ack.requestId) ?? [];
    const at = new Set(events.filter((e) => e.streamId === ack.streamId).map((e) => e.position));
    if (!ack.positions.every((p) => at.has(p))) lost++;
    if (events.length > ack.positions.length) duplicated++;
  }
  const writtenWithoutAck = [...written.keys()].filter((id) => !ackedIds.has(id)).length;
  return { acknowledged: acked.length, lost, duplicated, writtenWithoutAck };
}
