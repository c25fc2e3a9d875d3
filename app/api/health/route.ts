import { getDatabase } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and the test harness: no data, no auth. */
export async function GET() {
  try {
    const db = await getDatabase();
    await db.prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable", message: "The database cannot be reached." }, { status: 503 });
  }
}
