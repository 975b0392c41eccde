/** Exit codes of `options-helper` (README: Exit codes). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unhealthy: 3,
} as const;

/** A bad flag or argument value: exit 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
