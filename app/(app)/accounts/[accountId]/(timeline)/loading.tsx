/** Shown while an account's page loads: the page's shape, so nothing jumps when it arrives. */
export default function AccountLoading() {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true" aria-label="Loading the account">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-24 rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="h-96 rounded-lg bg-slate-200" />
    </div>
  );
}
