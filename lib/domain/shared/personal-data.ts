/**
 * What a personal field (name, email) reads back as after a GDPR erasure.
 * Mirrors ERASED in lib/event-store/personal-data.ts (a unit test keeps them
 * equal); duplicated so the pure domain does not import the store's Node code.
 */
export const ERASED_VALUE = "[erased]";

export function isErased(value: string): boolean {
  return value === ERASED_VALUE;
}
