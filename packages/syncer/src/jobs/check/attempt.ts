// One pre-flight check that may fail by throwing: its failure becomes a failed check saying why, so one
// broken answer never hides the other checks.
import type { CheckItem, CheckName } from '../../model/job-service.js';

export type Side = CheckItem['side'];

export function item(check: CheckName, side: Side, ok: boolean, detail: string): CheckItem {
  return { check, side, ok, detail };
}

export async function attempt(
  check: CheckName,
  side: Side,
  run: () => Promise<CheckItem | CheckItem[]>,
): Promise<CheckItem[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    return [item(check, side, false, error instanceof Error ? error.message : String(error))];
  }
}
