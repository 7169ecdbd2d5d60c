import type { BinaryOperator, CaseWhen, Expression, FunctionCall, VariableRef } from '../ast/expression.js';
import type { Token } from '../lexer/token.js';
import type { TokenCursor } from './cursor.js';
import { RESERVED_FUNCTION_NAMES, RESERVED_WORDS } from './keywords.js';
import { isIdentifierToken, parseIdentifier } from './parse-common.js';
import { parseDataType } from './parse-data-type.js';

const COMPARISON_OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  '=': '=',
  '<=>': '<=>',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** Keywords usable without parentheses as niladic functions. */
const NILADIC_FUNCTIONS: ReadonlySet<string> = new Set([
  'CURRENT_TIMESTAMP',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_USER',
  'LOCALTIME',
  'LOCALTIMESTAMP',
]);

/** Type keywords that form a typed literal before a string: `DATE '2024-01-01'`. */
const TYPED_LITERAL_WORDS: ReadonlySet<string> = new Set(['DATE', 'DATETIME', 'TIMESTAMP']);

/** A full expression (lowest precedence: OR). */
export function parseExpression(c: TokenCursor): Expression {
  return c.nested(() => parseOr(c));
}

/** `expr, expr, …` (at least one). */
export function parseExpressionList(c: TokenCursor): Expression[] {
  const list = [parseExpression(c)];
  while (c.acceptOp(',')) list.push(parseExpression(c));
  return list;
}

function binary(operator: BinaryOperator, left: Expression, right: Expression): Expression {
  return { kind: 'BinaryExpression', operator, left, right };
}

function parseOr(c: TokenCursor): Expression {
  let left = parseAnd(c);
  while (c.isWord('OR') || c.isOp('||')) {
    c.next();
    left = binary('OR', left, parseAnd(c));
  }
  return left;
}

function parseAnd(c: TokenCursor): Expression {
  let left = parseNot(c);
  while (c.isWord('AND') || c.isOp('&&')) {
    c.next();
    left = binary('AND', left, parseNot(c));
  }
  return left;
}

function parseNot(c: TokenCursor): Expression {
  if (c.acceptWord('NOT')) {
    return { kind: 'UnaryExpression', operator: 'NOT', operand: c.nested(() => parseNot(c)) };
  }
  return parsePredicate(c);
}

function parsePredicate(c: TokenCursor): Expression {
  let left = parseAdditive(c);
  for (;;) {
    const token = c.peek();
    if (token.type === 'op') {
      const operator = COMPARISON_OPERATORS[token.value];
      if (operator === undefined) return left;
      c.next();
      left = binary(operator, left, parseAdditive(c));
      continue;
    }
    if (token.type !== 'word') return left;
    if (token.upper === 'IS') {
      c.next();
      const negated = c.acceptWord('NOT');
      if (c.isWord('TRUE') || c.isWord('FALSE') || c.isWord('UNKNOWN')) {
        throw c.unsupported(`IS ${negated ? 'NOT ' : ''}${c.peek().upper}`);
      }
      c.expectWord('NULL');
      left = { kind: 'IsNullExpression', operand: left, negated };
      continue;
    }
    const negated = token.upper === 'NOT';
    const keyword = negated ? c.peek(1) : token;
    if (keyword.type !== 'word') return left;
    switch (keyword.upper) {
      case 'IN':
        if (negated) c.next();
        c.next();
        left = parseInTail(c, left, negated);
        continue;
      case 'BETWEEN': {
        if (negated) c.next();
        c.next();
        const low = parseAdditive(c);
        c.expectWord('AND');
        const high = parseAdditive(c);
        left = { kind: 'BetweenExpression', operand: left, low, high, negated };
        continue;
      }
      case 'LIKE': {
        if (negated) c.next();
        c.next();
        const pattern = parseAdditive(c);
        const escapeChar = c.acceptWord('ESCAPE') ? parseAdditive(c) : undefined;
        left = escapeChar
          ? { kind: 'LikeExpression', operand: left, pattern, escape: escapeChar, negated }
          : { kind: 'LikeExpression', operand: left, pattern, negated };
        continue;
      }
      case 'REGEXP':
      case 'RLIKE':
        throw c.unsupported(keyword.upper, keyword);
      default:
        return left;
    }
  }
}

function parseInTail(c: TokenCursor, operand: Expression, negated: boolean): Expression {
  c.expectOp('(');
  if (c.isWord('SELECT') || c.isWord('WITH')) {
    const query = c.parseSubquery();
    c.expectOp(')');
    return { kind: 'InSubqueryExpression', operand, query, negated };
  }
  const list = parseExpressionList(c);
  c.expectOp(')');
  return { kind: 'InListExpression', operand, list, negated };
}

function parseAdditive(c: TokenCursor): Expression {
  let left = parseMultiplicative(c);
  while (c.isOp('+') || c.isOp('-')) {
    const operator = c.next().value as '+' | '-';
    left = binary(operator, left, parseMultiplicative(c));
  }
  return left;
}

function parseMultiplicative(c: TokenCursor): Expression {
  let left = parseUnary(c);
  for (;;) {
    if (c.isOp('*') || c.isOp('/') || c.isOp('%')) {
      const operator = c.next().value as '*' | '/' | '%';
      left = binary(operator, left, parseUnary(c));
    } else if (c.isWord('DIV')) {
      c.next();
      left = binary('DIV', left, parseUnary(c));
    } else if (c.isWord('MOD')) {
      c.next();
      left = binary('%', left, parseUnary(c));
    } else {
      return left;
    }
  }
}

function parseUnary(c: TokenCursor): Expression {
  const token = c.peek();
  if (token.type === 'op') {
    switch (token.value) {
      case '-': {
        c.next();
        return negate(c.nested(() => parseUnary(c)));
      }
      case '+':
        c.next();
        return { kind: 'UnaryExpression', operator: '+', operand: c.nested(() => parseUnary(c)) };
      case '!':
        c.next();
        return { kind: 'UnaryExpression', operator: 'NOT', operand: c.nested(() => parseUnary(c)) };
      case '~':
        c.next();
        return { kind: 'UnaryExpression', operator: '~', operand: c.nested(() => parseUnary(c)) };
      default:
        break;
    }
  }
  return parsePostfix(c, parsePrimary(c));
}

/** `expr[index]` (array element, map value, variant member), any number of times: Doris's element_at. */
function parsePostfix(c: TokenCursor, operand: Expression): Expression {
  let result = operand;
  while (c.acceptOp('[')) {
    const index = parseExpression(c);
    c.expectOp(']');
    result = call('element_at', [result, index]);
  }
  return result;
}

function call(name: string, args: Expression[]): FunctionCall {
  return { kind: 'FunctionCall', name, args, distinct: false, star: false };
}

/** `[a, b, …]` (an array literal, Doris's array()) or `{k: v, …}` (a map literal, Doris's map()). */
function parseCollectionLiteral(c: TokenCursor, open: '[' | '{'): Expression {
  c.next();
  const close = open === '[' ? ']' : '}';
  const args: Expression[] = [];
  if (!c.acceptOp(close)) {
    do {
      args.push(parseExpression(c));
      if (open === '{') {
        c.expectOp(':');
        args.push(parseExpression(c));
      }
    } while (c.acceptOp(','));
    c.expectOp(close);
  }
  return call(open === '[' ? 'array' : 'map', args);
}

/** Unary minus folds into numeric literals so that `-5` is the literal -5. */
function negate(operand: Expression): Expression {
  if (operand.kind === 'IntegerLiteral') return { kind: 'IntegerLiteral', value: -operand.value };
  if (operand.kind === 'DecimalLiteral') {
    const text = operand.text.startsWith('-') ? operand.text.slice(1) : `-${operand.text}`;
    return { kind: 'DecimalLiteral', text };
  }
  return { kind: 'UnaryExpression', operator: '-', operand };
}

function parsePrimary(c: TokenCursor): Expression {
  const token = c.peek();
  switch (token.type) {
    case 'integer':
      c.next();
      return { kind: 'IntegerLiteral', value: BigInt(token.value) };
    case 'decimal':
      c.next();
      return { kind: 'DecimalLiteral', text: token.value };
    case 'string':
      c.next();
      return { kind: 'StringLiteral', value: token.value };
    case 'sysvar':
      c.next();
      return parseSystemVariable(c, token);
    case 'uservar':
      c.next();
      return { kind: 'VariableRef', scope: 'USER', name: token.value };
    case 'quoted':
      return parseColumnRef(c);
    case 'op':
      if (token.value === '(') return parseParenthesized(c);
      if (token.value === '[' || token.value === '{') return parseCollectionLiteral(c, token.value);
      throw c.fail('expression');
    case 'word':
      return parseWordPrimary(c, token);
    case 'eof':
      throw c.fail('expression');
    default: {
      const unreachable: never = token.type;
      return unreachable;
    }
  }
}

/** The rest of `@@name` / `@@session.name` / `@@global.name` after the `sysvar` token. */
export function parseSystemVariable(c: TokenCursor, token: Token): VariableRef {
  const prefix = token.value.toUpperCase();
  if ((prefix === 'SESSION' || prefix === 'GLOBAL' || prefix === 'LOCAL') && c.isOp('.')) {
    const dot = c.peek();
    if (dot.start === token.end) {
      c.next();
      const name = parseIdentifier(c, 'variable name');
      return { kind: 'VariableRef', scope: prefix === 'GLOBAL' ? 'GLOBAL' : 'SESSION', name };
    }
  }
  return { kind: 'VariableRef', scope: 'SYSTEM', name: token.value };
}

function parseParenthesized(c: TokenCursor): Expression {
  c.expectOp('(');
  if (c.isWord('SELECT') || c.isWord('WITH')) {
    const query = c.parseSubquery();
    c.expectOp(')');
    return { kind: 'ScalarSubquery', query };
  }
  const inner = parseExpression(c);
  if (c.isOp(',')) throw c.unsupported('row constructor (a, b, …)');
  c.expectOp(')');
  return inner;
}

function parseWordPrimary(c: TokenCursor, token: Token): Expression {
  const word = token.upper;
  switch (word) {
    case 'NULL':
      c.next();
      return { kind: 'NullLiteral' };
    case 'TRUE':
    case 'FALSE':
      c.next();
      return { kind: 'BooleanLiteral', value: word === 'TRUE' };
    case 'CAST':
      return parseCast(c);
    case 'CASE':
      return parseCase(c);
    case 'EXISTS': {
      c.next();
      c.expectOp('(');
      const query = c.parseSubquery();
      c.expectOp(')');
      return { kind: 'ExistsExpression', query, negated: false };
    }
    case 'INTERVAL':
      throw c.unsupported('INTERVAL expression');
    default:
      break;
  }
  if (c.isOp('(', 1)) {
    if (RESERVED_WORDS.has(word) && !RESERVED_FUNCTION_NAMES.has(word)) throw c.fail('expression');
    return parseFunctionCall(c);
  }
  if (NILADIC_FUNCTIONS.has(word)) {
    c.next();
    return { kind: 'FunctionCall', name: token.value, args: [], distinct: false, star: false };
  }
  if (TYPED_LITERAL_WORDS.has(word) && c.peek(1).type === 'string') {
    c.next();
    const value = c.next().value;
    return {
      kind: 'CastExpression',
      operand: { kind: 'StringLiteral', value },
      type: { kind: 'ScalarType', name: word === 'DATE' ? 'DATE' : 'DATETIME' },
    };
  }
  return parseColumnRef(c);
}

function parseColumnRef(c: TokenCursor): Expression {
  const parts = [parseIdentifier(c, 'column name')];
  while (c.isOp('.') && parts.length < 4) {
    c.next();
    parts.push(parseIdentifier(c, 'column name'));
  }
  const name = parts.pop() as string;
  return { kind: 'ColumnRef', qualifier: parts, name };
}

function parseFunctionCall(c: TokenCursor): FunctionCall {
  const name = c.next().value;
  c.expectOp('(');
  let call: FunctionCall;
  if (c.acceptOp(')')) {
    call = { kind: 'FunctionCall', name, args: [], distinct: false, star: false };
  } else if (c.isOp('*') && c.isOp(')', 1)) {
    c.next();
    c.next();
    call = { kind: 'FunctionCall', name, args: [], distinct: false, star: true };
  } else {
    const distinct = c.acceptWord('DISTINCT');
    if (!distinct) c.acceptWord('ALL');
    const args = parseExpressionList(c);
    if (c.isWord('ORDER') || c.isWord('SEPARATOR')) throw c.unsupported(`${c.peek().upper} inside ${name}()`);
    c.expectOp(')');
    call = { kind: 'FunctionCall', name, args, distinct, star: false };
  }
  if (c.isWord('OVER')) throw c.unsupported('window function (OVER …)');
  return call;
}

function parseCast(c: TokenCursor): Expression {
  c.next();
  c.expectOp('(');
  const operand = parseExpression(c);
  c.expectWord('AS');
  const type = parseDataType(c);
  c.expectOp(')');
  return { kind: 'CastExpression', operand, type };
}

function parseCase(c: TokenCursor): Expression {
  c.next();
  const operand = c.isWord('WHEN') ? undefined : parseExpression(c);
  const whens: CaseWhen[] = [];
  while (c.acceptWord('WHEN')) {
    const when = parseExpression(c);
    c.expectWord('THEN');
    whens.push({ condition: when, result: parseExpression(c) });
  }
  if (whens.length === 0) throw c.fail('WHEN');
  const otherwise = c.acceptWord('ELSE') ? parseExpression(c) : undefined;
  c.expectWord('END');
  const base = operand
    ? { kind: 'CaseExpression' as const, operand, whens }
    : { kind: 'CaseExpression' as const, whens };
  return otherwise ? { ...base, else: otherwise } : base;
}

/** True when the current token can start an implicit alias (a name that is not a keyword of the clause). */
export function isImplicitAlias(token: Token, stopWords?: ReadonlySet<string>): boolean {
  if (token.type === 'string') return true;
  if (!isIdentifierToken(token)) return false;
  return !(token.type === 'word' && stopWords?.has(token.upper));
}
