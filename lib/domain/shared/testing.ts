import type { z } from "zod";
import type { Command } from "./decider";
import type { SchemaMap } from "./unions";

/**
 * Builds a command the way the handler does: the data parsed by the
 * command's schema (defaults applied, so tests exercise the schemas too).
 */
export function commandFrom<M extends SchemaMap, T extends keyof M & string>(
  schemas: M,
  type: T,
  data: z.input<M[T]>,
  now: string,
  ids?: readonly string[],
): Command<T, z.output<M[T]>> {
  return { type, data: schemas[type]!.parse(data) as z.output<M[T]>, context: { now, ...(ids ? { ids } : {}) } };
}
