// Named failpoints at every step that changes the target or the progress, so crash tests can stop the
// syncer at exactly that point (TiCDC style). Off unless the daemon runs with failpoints enabled; the
// environment variable CCR_FAILPOINTS="name=action,…" arms them at start (action: kill | error | sleep:<ms>),
// and the /failpoint API arms or clears them at run time.
export type FailpointAction =
  | { readonly kind: 'kill' }
  | { readonly kind: 'error' }
  | { readonly kind: 'sleep'; readonly ms: number };

const armed = new Map<string, FailpointAction>();
let enabled = false;

export function parseFailpointAction(text: string): FailpointAction | undefined {
  if (text === 'kill') return { kind: 'kill' };
  if (text === 'error') return { kind: 'error' };
  const m = /^sleep:(\d+)$/.exec(text);
  return m ? { kind: 'sleep', ms: Number(m[1]) } : undefined;
}

export function enableFailpoints(spec = process.env.CCR_FAILPOINTS ?? ''): void {
  enabled = true;
  for (const part of spec.split(',').filter(Boolean)) {
    const [name, action] = part.split('=');
    const parsed = action ? parseFailpointAction(action) : undefined;
    if (!name || !parsed) throw new Error(`invalid failpoint '${part}': expected name=kill|error|sleep:<ms>`);
    armed.set(name, parsed);
  }
}

export function armFailpoint(name: string, action: FailpointAction | undefined): void {
  if (action) armed.set(name, action);
  else armed.delete(name);
}

export function clearFailpoints(): void {
  armed.clear();
}

export class FailpointError extends Error {
  override readonly name = 'FailpointError';
}

/** Called at a named point; does nothing unless that failpoint is armed. */
export async function failpoint(name: string): Promise<void> {
  if (!enabled) return;
  const action = armed.get(name);
  if (!action) return;
  switch (action.kind) {
    case 'kill':
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
      return;
    case 'error':
      throw new FailpointError(`failpoint ${name}`);
    case 'sleep':
      await new Promise((resolve) => setTimeout(resolve, action.ms));
      return;
  }
}
