import type { ActionFailure } from "@/lib/actions/client";

type Result = {
  serverError?: ActionFailure;
  validationErrors?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };
};

/** Why an action did not go through, in the domain's words (and the request id to quote when it was our fault). */
export function ActionProblem({ result }: { result: Result }) {
  const messages = [
    ...(result.validationErrors?.formErrors ?? []),
    ...Object.values(result.validationErrors?.fieldErrors ?? {}).flatMap((m) => m ?? []),
  ];
  if (result.serverError) messages.push(result.serverError.message);
  if (messages.length === 0) return null;
  return (
    <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="action-problem">
      {messages.join(" ")}
    </p>
  );
}
