/**
 * Compile-time exhaustiveness without a runtime throw, for evolve: an event
 * type this build does not know (e.g. written by a newer version) leaves the
 * state as it was, because evolve must never reject history.
 */
export function ignoreUnknownEvent<S>(_event: never, state: S): S {
  return state;
}
