import type { ActionFailure } from "@/lib/actions/client";

/** What the server said when an action failed: its words, and a request id to quote. */
export function FailureMessage({
  serverError,
  validationErrors,
}: {
  serverError?: ActionFailure;
  validationErrors?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };
}) {
  const fieldMessages = Object.entries(validationErrors?.fieldErrors ?? {}).flatMap(([field, messages]) =>
    (messages ?? []).map((m) => `${field}: ${m}`),
  );
  const messages = [...(validationErrors?.formErrors ?? []), ...fieldMessages];
  if (!serverError && messages.length === 0) return null;
  return (
    <p role="alert" className="rounded border border-rose-200 bg-rose-50 px-2 py-1 text-xs text-rose-800">
      {serverError ? `${serverError.message} (request ${serverError.requestId})` : messages.join("; ")}
    </p>
  );
}
