import type { VerificationReport } from "@/lib/event-store";

/** The stream's hash-chain check for those who may verify; a sentence saying who may, for everyone else. */
export function ChainStatus({ streamId, chain }: { streamId: string; chain: VerificationReport | null }) {
  if (!chain) {
    return (
      <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600" role="note">
        Verifying this stream&apos;s hash chain is for finance and admins; ask them if a dispute needs it.
      </p>
    );
  }
  if (chain.ok) {
    return (
      <p
        className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-800"
        role="status"
        aria-label="Hash chain"
      >
        Hash chain of {streamId} verified: {chain.eventsChecked} event{chain.eventsChecked === 1 ? "" : "s"}, none
        altered, missing or reordered, and the stream&apos;s head matches its last event.
      </p>
    );
  }
  return (
    <div
      className="rounded-md border border-rose-300 bg-rose-50 px-4 py-2 text-sm text-rose-800"
      role="alert"
      aria-label="Hash chain"
    >
      <p className="font-medium">Hash chain of {streamId} is broken:</p>
      <ul className="mt-1 list-disc pl-5">
        {chain.problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
