// JSON text for API answers. Commit seqs and ids are 64-bit: the engine may hand them over as bigint, and
// Go clients expect them as JSON numbers, so a bigint is written as its exact digits instead of failing
// (JSON.stringify throws on bigint) or being rounded through a double.
export function toJsonText(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return writeObject(value);
    default:
      // undefined, functions and symbols have no JSON form; their members are left out.
      return undefined;
  }
}

function writeObject(value: object | null): string {
  if (value === null) return 'null';
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON()) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  if (value instanceof Map) return writeObject(Object.fromEntries(value));
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    const text = write(member);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
