// A stream load as a client sends it: PUT on the FE's HTTP port as root, answered with Doris's JSON body.
import type { SandboxProcess } from './sandbox-process.js';

export async function putStreamLoad(
  sandbox: SandboxProcess,
  db: string,
  table: string,
  body: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${sandbox.ready.httpPort}/api/${db}/${table}/_stream_load`, {
    method: 'PUT',
    headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}`, ...headers },
    body,
  });
  return (await response.json()) as Record<string, unknown>;
}
