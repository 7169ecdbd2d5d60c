import type { Expression } from '../ast/expression.js';
import type {
  SetNamesStatement,
  SetVariablesStatement,
  VariableAssignment,
  VariableScope,
} from '../ast/session-statements.js';
import type { TokenCursor } from './cursor.js';
import { parseIdentifier } from './parse-common.js';
import { parseExpression, parseSystemVariable } from './parse-expression.js';

const UNSUPPORTED_SET_FORMS: readonly (readonly string[])[] = [
  ['PASSWORD'],
  ['PROPERTY'],
  ['TRANSACTION'],
  ['CHARACTER', 'SET'],
  ['CHARSET'],
  ['LDAP_ADMIN_PASSWORD'],
  ['DEFAULT', 'STORAGE', 'VAULT'],
];

/** After `SET`: `NAMES …` or variable assignments. */
export function parseSet(c: TokenCursor): SetVariablesStatement | SetNamesStatement {
  if (c.acceptWord('NAMES')) return parseSetNames(c);
  for (const form of UNSUPPORTED_SET_FORMS) {
    if (c.isWords(...form)) throw c.unsupported(`SET ${form.join(' ')}`);
  }
  const assignments: VariableAssignment[] = [];
  do assignments.push(parseAssignment(c));
  while (c.acceptOp(','));
  return { kind: 'SetVariablesStatement', assignments };
}

function parseSetNames(c: TokenCursor): SetNamesStatement {
  const charset = parseNameOrString(c, 'character set name');
  if (c.acceptWord('COLLATE')) {
    return { kind: 'SetNamesStatement', charset, collation: parseNameOrString(c, 'collation name') };
  }
  return { kind: 'SetNamesStatement', charset };
}

function parseNameOrString(c: TokenCursor, what: string): string {
  const token = c.peek();
  if (token.type === 'string' || (token.type === 'word' && token.upper === 'DEFAULT')) {
    c.next();
    return token.value;
  }
  return parseIdentifier(c, what);
}

function parseAssignment(c: TokenCursor): VariableAssignment {
  let scope: VariableScope = 'SESSION';
  let name: string;
  const token = c.peek();
  if (token.type === 'sysvar') {
    c.next();
    const variable = parseSystemVariable(c, token);
    scope = variable.scope === 'GLOBAL' ? 'GLOBAL' : 'SESSION';
    name = variable.name;
  } else if (token.type === 'uservar') {
    c.next();
    scope = 'USER';
    name = token.value;
  } else {
    if (token.type === 'word' && ['GLOBAL', 'SESSION', 'LOCAL'].includes(token.upper) && !isAssignOp(c, 1)) {
      c.next();
      scope = token.upper === 'GLOBAL' ? 'GLOBAL' : 'SESSION';
      if (c.isWord('TRANSACTION')) throw c.unsupported(`SET ${token.upper} TRANSACTION`);
    }
    name = parseIdentifier(c, 'variable name');
  }
  if (c.isOp(':') && c.isOp('=', 1)) c.next();
  c.expectOp('=');
  return { scope, name, value: parseSetValue(c) };
}

function isAssignOp(c: TokenCursor, ahead: number): boolean {
  return c.isOp('=', ahead) || c.isOp(':', ahead);
}

/** A value: `DEFAULT`, the bare word `ON`, or an expression (other bare words become column refs). */
function parseSetValue(c: TokenCursor): Expression {
  const token = c.peek();
  const endsHere = c.isOp(',', 1) || c.peek(1).type === 'eof' || c.isOp(';', 1);
  if (token.type === 'word' && endsHere) {
    if (token.upper === 'DEFAULT') {
      c.next();
      return { kind: 'DefaultMarker' };
    }
    if (token.upper === 'ON' || token.upper === 'ALL' || token.upper === 'BINARY') {
      c.next();
      return { kind: 'ColumnRef', qualifier: [], name: token.value };
    }
  }
  return parseExpression(c);
}
