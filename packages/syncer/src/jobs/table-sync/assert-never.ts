/** A step that does not belong to its phase is a bug in the phase machine, reported loudly. */
export function assertNeverStep(phase: string, step: string): never {
  throw new Error(`table job has no step ${step} in phase ${phase}`);
}
