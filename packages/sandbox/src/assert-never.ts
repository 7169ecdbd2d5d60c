/**
 * For exhaustive switches: the compiler proves the call unreachable, so a kind added to a union without a
 * case fails the build. At run time (a value from outside the type system) it names what it got.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify((value as { kind?: unknown }).kind ?? value)}`);
}
