/** One B6 rebuild in its own process (rebuild.ts starts it): prints `RESULT {…}` with its peak RSS. */
import { peakRss } from "./measure";
import { rebuildHere } from "./rebuild";

const args = JSON.parse(process.argv[2]!) as { url: string; names: string[]; batchSize: number; limit?: number };
const { result, peakMb } = await peakRss(() => rebuildHere(args.url, args));
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`RESULT ${JSON.stringify({ ...result, peakRssMb: peakMb, maxRssMb })}`);
