// Test-only fault injection, switched on with --enable_failpoints. The API writes here; the job engine
// either asks `value(job, name)` where it wants to fail on purpose, or subscribes and mirrors changes
// into its own failpoint table. Keys follow the Go syncer's `/job/<job>/<failpoint>` layout so
// documentation and test scripts carry over.
import type { JsonValue } from '@doris-ccr/protocol';

/** One change made through /failpoint: set (value given), removed (value undefined), or all cleared. */
export type FailpointChange =
  | { readonly kind: 'set'; readonly job: string; readonly failpoint: string; readonly value: JsonValue }
  | { readonly kind: 'removed'; readonly job: string; readonly failpoint: string }
  | { readonly kind: 'cleared' };

export class FailpointRegistry {
  readonly #points = new Map<string, JsonValue>();
  readonly #listeners = new Set<(change: FailpointChange) => void>();

  static key(job: string, failpoint: string): string {
    return `/job/${job}/${failpoint}`;
  }

  set(job: string, failpoint: string, value: JsonValue): void {
    this.#points.set(FailpointRegistry.key(job, failpoint), value);
    this.#emit({ kind: 'set', job, failpoint, value });
  }

  remove(job: string, failpoint: string): void {
    this.#points.delete(FailpointRegistry.key(job, failpoint));
    this.#emit({ kind: 'removed', job, failpoint });
  }

  clear(): void {
    this.#points.clear();
    this.#emit({ kind: 'cleared' });
  }

  /** Calls `listener` on every later change; returns the unsubscribe function. */
  subscribe(listener: (change: FailpointChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The injected value, or undefined when the failpoint is not active. */
  value(job: string, failpoint: string): JsonValue | undefined {
    return this.#points.get(FailpointRegistry.key(job, failpoint));
  }

  isActive(job: string, failpoint: string): boolean {
    return this.#points.has(FailpointRegistry.key(job, failpoint));
  }

  list(): Array<{ readonly key: string; readonly value: JsonValue }> {
    return [...this.#points].map(([key, value]) => ({ key, value }));
  }

  #emit(change: FailpointChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
