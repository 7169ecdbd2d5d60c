import { parse } from 'lossless-json';
import type { JsonValue } from './value.js';

/** Thrown by {@link parseJson} for text that is not valid JSON (or nests too deeply to parse). */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

/** An integer literal: optional minus, digits, nothing else (lossless-json has validated the syntax). */
function isIntegerLiteral(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // '.', 'e', 'E' mark a non-integer literal
    if (c === 0x2e || c === 0x65 || c === 0x45) return false;
  }
  return true;
}

function parseNumberLiteral(text: string): bigint | number {
  return isIntegerLiteral(text) ? BigInt(text) : Number(text);
}

/**
 * Parses JSON text without losing integer precision: integer literals become `bigint`, other numbers
 * `number`. Duplicate member names keep the last value (like `JSON.parse` and Go's `encoding/json`).
 *
 * @throws JsonSyntaxError for anything that is not a single valid JSON value.
 */
export function parseJson(text: string): JsonValue {
  try {
    return parse(text, null, {
      parseNumber: parseNumberLiteral,
      onDuplicateKey: ({ newValue }) => newValue,
    }) as JsonValue;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new JsonSyntaxError('JSON nests too deeply to parse', { cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new JsonSyntaxError(detail, { cause: error });
  }
}
