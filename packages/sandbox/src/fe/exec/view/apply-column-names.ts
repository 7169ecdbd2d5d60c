// `CREATE VIEW v (c1, c2) AS SELECT …`: Doris writes the view's column names into the definition by
// rewriting the outermost select list to `<expression as written> AS `c1`, …` (any alias the item had is
// dropped). This finds that list in the tokens of the already qualified text.
import { type Token, tokenize } from '../../sql/index.js';
import { backquote } from './view-sites.js';

const CLAUSE_WORDS = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'INTO']);
/** Words that can end an expression but never be an implicit alias (nor precede one). */
const NOT_ALIAS = new Set([
  'AND',
  'OR',
  'NOT',
  'XOR',
  'IS',
  'IN',
  'LIKE',
  'REGEXP',
  'RLIKE',
  'BETWEEN',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'NULL',
  'TRUE',
  'FALSE',
  'DISTINCT',
  'INTERVAL',
  'DIV',
  'MOD',
  'BINARY',
  'AS',
]);

function isIdent(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'quoted' || (t.type === 'word' && !NOT_ALIAS.has(t.upper)));
}

/** Can `t` be the last token of an expression followed by an implicit alias? */
function endsExpression(t: Token | undefined): boolean {
  if (t === undefined) return false;
  if (t.type === 'op') return t.value === ')';
  if (t.type === 'word') return !NOT_ALIAS.has(t.upper) || ['END', 'NULL', 'TRUE', 'FALSE'].includes(t.upper);
  return t.type !== 'eof';
}

/** Index of the last token of the item's expression (without its alias). */
function expressionEnd(tokens: readonly Token[], first: number, last: number): number {
  const prev = tokens[last - 1];
  if (last - first >= 2 && prev?.type === 'word' && prev.upper === 'AS' && isIdent(tokens[last]))
    return last - 2;
  if (last > first && isIdent(tokens[last]) && endsExpression(prev)) return last - 1;
  return last;
}

/** The text with the outermost select list aliased to `names`, or undefined if the list cannot be found. */
export function applyColumnNames(text: string, names: readonly string[]): string | undefined {
  const tokens = tokenize(text).filter((t) => t.type !== 'eof');
  const depth: number[] = [];
  let d = 0;
  for (const t of tokens) {
    if (t.type === 'op' && t.value === ')') d--;
    depth.push(d);
    if (t.type === 'op' && t.value === '(') d++;
  }
  let select = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'word' && t.upper === 'SELECT' && (select < 0 || depth[i]! < depth[select]!)) select = i;
  }
  if (select < 0) return undefined;
  const level = depth[select]!;
  let start = select + 1;
  const head = tokens[start];
  if (head?.type === 'word' && (head.upper === 'DISTINCT' || head.upper === 'ALL')) start++;
  const items: Array<[number, number]> = [];
  let itemStart = start;
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depth[i]! < level) break;
    if (depth[i] !== level) continue;
    if (t.type === 'word' && CLAUSE_WORDS.has(t.upper)) break;
    if (t.type === 'op' && t.value === ',') {
      items.push([itemStart, i - 1]);
      itemStart = i + 1;
    }
  }
  items.push([itemStart, i - 1]);
  if (items.length !== names.length || items.some(([a, b]) => b < a)) return undefined;
  const rewritten = items.map(([a, b], k) => {
    const end = expressionEnd(tokens, a, b);
    return `${text.slice(tokens[a]!.start, tokens[end]!.end)} AS ${backquote(names[k]!)}`;
  });
  const first = tokens[items[0]![0]]!;
  const last = tokens[items[items.length - 1]![1]]!;
  return text.slice(0, first.start) + rewritten.join(', ') + text.slice(last.end);
}
