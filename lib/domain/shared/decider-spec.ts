import { expect } from "vitest";
import type { Command, Decider, DomainEvent } from "./decider";
import { DomainError } from "./domain-error";

/**
 * Given/When/Then for deciders:
 *   spec(decider).given([...events]).when(command).then([...events])
 *   spec(decider).given([...events]).when(command).thenRejects("CODE")
 */
export function spec<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C) {
          const run = () => {
            // Neither evolve nor decide may change the state they are given: a process keeps its last
            // fold of a stream and hands it to the next command (lib/event-store/state-cache.ts).
            const state = history.reduce((before, event) => {
              const copy = structuredClone(before);
              const after = decider.evolve(before, event);
              expect(before).toEqual(copy);
              return after;
            }, decider.initialState());
            const frozen = structuredClone(state);
            const events = decider.decide(state, command);
            expect(state).toEqual(frozen);
            return events;
          };
          return {
            then(expected: readonly E[]) {
              expect(run()).toEqual(expected);
            },
            thenRejects(code: string, messagePattern?: RegExp) {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught, `expected ${command.type} to be rejected with ${code}`).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
              if (messagePattern) expect((caught as DomainError).message).toMatch(messagePattern);
            },
          };
        },
      };
    },
  };
}
