// Applies view-sites.ts's sites to the query text: each site is looked up in the tokens after the previous
// one (the AST walk and the text agree on order), and its span is replaced. Anything between sites — the
// user's keywords, spacing, literals, function names — is kept byte for byte, as Nereids keeps it.
import { type Token, tokenize } from '../../sql/index.js';
import type { Site } from './view-sites.js';

interface Match {
  readonly first: number;
  readonly last: number;
}

function isIdent(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'word' || t.type === 'quoted');
}

function isOp(t: Token | undefined, op: string): boolean {
  return t !== undefined && t.type === 'op' && t.value === op;
}

function sameIdent(t: Token | undefined, name: string): boolean {
  return isIdent(t) && t!.value.toLowerCase() === name.toLowerCase();
}

/** `parts[0] . parts[1] …` starting at token i, not part of a longer dotted name and not a function call. */
function dottedAt(tokens: readonly Token[], i: number, parts: readonly string[]): Match | undefined {
  for (let j = 0; j < parts.length; j++) {
    if (!sameIdent(tokens[i + 2 * j], parts[j]!)) return undefined;
    if (j < parts.length - 1 && !isOp(tokens[i + 2 * j + 1], '.')) return undefined;
  }
  const last = i + 2 * (parts.length - 1);
  if (isOp(tokens[i - 1], '.') || isOp(tokens[last + 1], '.') || isOp(tokens[last + 1], '('))
    return undefined;
  return { first: i, last };
}

function starAt(tokens: readonly Token[], i: number, qualifier: readonly string[]): Match | undefined {
  const first = i;
  const star = qualifier.length > 0 ? dottedQualifier(tokens, i, qualifier) : i;
  if (star === undefined || !isOp(tokens[star], '*')) return undefined;
  // A select-list star follows SELECT, DISTINCT/ALL or a comma; anything else is a multiplication.
  const before = tokens[first - 1];
  const listStart =
    isOp(before, ',') || (before?.type === 'word' && ['SELECT', 'DISTINCT', 'ALL'].includes(before.upper));
  return listStart ? { first, last: star } : undefined;
}

/** Index of the token after `q0 . q1 … .`, or undefined. */
function dottedQualifier(
  tokens: readonly Token[],
  i: number,
  qualifier: readonly string[],
): number | undefined {
  for (let j = 0; j < qualifier.length; j++) {
    if (!sameIdent(tokens[i + 2 * j], qualifier[j]!) || !isOp(tokens[i + 2 * j + 1], '.')) return undefined;
  }
  return i + 2 * qualifier.length;
}

function find(tokens: readonly Token[], from: number, site: Site): Match | undefined {
  for (let i = from; i < tokens.length; i++) {
    let m: Match | undefined;
    switch (site.kind) {
      case 'name':
        m = dottedAt(tokens, i, site.parts);
        break;
      case 'alias':
        m = sameIdent(tokens[i], site.name) ? { first: i, last: i } : undefined;
        break;
      case 'star':
        m = starAt(tokens, i, site.qualifier);
        break;
      default: {
        const unreachable: never = site;
        return unreachable;
      }
    }
    if (m) return m;
  }
  return undefined;
}

/** The text with every site replaced, or undefined when a site cannot be found (the caller keeps the text). */
export function applySites(text: string, sites: readonly Site[]): string | undefined {
  const tokens = tokenize(text).filter((t) => t.type !== 'eof');
  const edits: Array<{ start: number; end: number; text: string }> = [];
  let at = 0;
  for (const site of sites) {
    const m = find(tokens, at, site);
    if (!m) return undefined;
    if (site.replacement !== undefined) {
      edits.push({ start: tokens[m.first]!.start, end: tokens[m.last]!.end, text: site.replacement });
    }
    at = m.last + 1;
  }
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
