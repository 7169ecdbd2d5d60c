// A third client implementation for the tests: PyMySQL (Debian's python3-pymysql, pure Python, installed by
// .ci/run), run by Debian's own /usr/bin/python3. Text protocol only; it interpolates parameters itself.
import { run } from './cli-client.js';

export const PYTHON = '/usr/bin/python3';

export interface PyStep {
  readonly sql: string;
  readonly args?: readonly (string | number | null)[];
  /** COM_INIT_DB before the statement. */
  readonly selectDb?: string;
}

export type PyResult =
  | { readonly error: [code: number, message: string] }
  | {
      /** Column names and MySQL type codes; absent for statements without rows. */
      readonly columns: Array<[name: string, type: number]> | null;
      /** Every value as Python's str() of what PyMySQL decoded (int, float, Decimal, date, str). */
      readonly rows: Array<Array<string | null>>;
      readonly rowcount: number;
      /** The OK packet's info as PyMySQL keeps it (the rest of the packet). */
      readonly message: string;
      /** Further results of a multi-statement text, each as its rows. */
      readonly more: Array<Array<Array<string | null>>>;
    };

const SCRIPT = String.raw`
import json, sys, pymysql
from pymysql.constants import CLIENT
spec = json.load(sys.stdin)
conn = pymysql.connect(host='127.0.0.1', port=spec['port'], user='root', password='', charset='utf8mb4',
                       client_flag=CLIENT.MULTI_STATEMENTS, autocommit=True)
text = lambda rows: [[None if v is None else str(v) for v in row] for row in rows]
out = []
for step in spec['steps']:
    try:
        if step.get('selectDb'):
            conn.select_db(step['selectDb'])
        cur = conn.cursor()
        cur.execute(step['sql'], step.get('args'))
        columns = [[d[0], d[1]] for d in cur.description] if cur.description else None
        result = {'columns': columns, 'rows': text(cur.fetchall()), 'rowcount': cur.rowcount,
                  'message': (cur._result.message or b'').decode('utf-8', 'replace'), 'more': []}
        while cur.nextset():
            result['more'].append(text(cur.fetchall()))
        out.append(result)
    except pymysql.err.MySQLError as e:
        out.append({'error': [e.args[0], e.args[1]]})
conn.ping(reconnect=False)
conn.close()
print(json.dumps(out))
`;

export async function runPySteps(port: number, steps: readonly PyStep[]): Promise<PyResult[]> {
  const result = await run(PYTHON, ['-c', SCRIPT], JSON.stringify({ port, steps }));
  if (result.code !== 0) throw new Error(`python failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PyResult[];
}
