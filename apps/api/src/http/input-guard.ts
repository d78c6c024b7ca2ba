import type { NextFunction, Request, Response } from 'express';
import type { FieldError } from './validation.js';

/** Deeper JSON than this is refused: no request of this api nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;
/** Numbers beyond this (in absolute value) cannot be exact in JSON or JavaScript: refused everywhere. */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;
/** At most this many problems are listed; the walk stops there. */
const MAX_PROBLEMS = 20;
const NUMBER_LITERAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i;

type Walked = { value: unknown; path: string; depth: number };

/**
 * What every request must be before any route sees it (issue 12: these gave 5xx): JSON nested at most
 * MAX_JSON_DEPTH levels; text (values and keys, body and query) without NUL characters, which PostgreSQL's
 * text and jsonb refuse, and without lone UTF-16 surrogates, which are not Unicode; numbers, and query
 * values written as numbers, within ±MAX_NUMBER. Anything else is a 400 REQUEST.VALIDATION_FAILED that
 * names the fields, in the one error shape. The walk is iterative (no recursion to overflow) and stops
 * at the depth limit, so a hostile body costs no more than its parse.
 */
export function inputGuard(request: Request, response: Response, next: NextFunction): void {
  const problems: FieldError[] = [];
  inspect(request.body, problems, false);
  inspect(request.query, problems, true);
  if (problems.length === 0) {
    next();
    return;
  }
  response.status(400).json({
    statusCode: 400,
    code: 'REQUEST.VALIDATION_FAILED',
    message: `invalid input: ${problems.map((problem) => problem.field).join(', ')}`,
    details: problems,
  });
}

/** The problems of one parsed value (a JSON body, or the query whose values are all text). */
export function inspect(root: unknown, problems: FieldError[], query: boolean): void {
  const stack: Walked[] = [{ value: root, path: '', depth: 0 }];
  const add = (field: string, message: string) => {
    const known = problems.find((problem) => problem.field === field);
    if (known) {
      if (!known.messages.includes(message)) known.messages.push(message);
    } else if (problems.length < MAX_PROBLEMS) problems.push({ field, messages: [message] });
  };
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, path, depth } = stack.pop()!;
    const field = path || (query ? 'query' : 'body');
    if (typeof value === 'string') {
      const text = textProblem(value);
      if (text) add(field, `${field} ${text}`);
      else if (query && NUMBER_LITERAL.test(value) && !(Math.abs(Number(value)) <= MAX_NUMBER))
        add(field, `${field} must be a number between -${MAX_NUMBER} and ${MAX_NUMBER}`);
    } else if (typeof value === 'number') {
      if (!(Math.abs(value) <= MAX_NUMBER))
        add(field, `${field} must be a number between -${MAX_NUMBER} and ${MAX_NUMBER}`);
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_JSON_DEPTH) {
        add(field, `${field} is nested more than ${MAX_JSON_DEPTH} levels deep`);
        continue;
      }
      const entries = Array.isArray(value)
        ? value.map((item, index) => [String(index), item] as const)
        : Object.entries(value as Record<string, unknown>);
      for (const [key, item] of entries) {
        const name = path ? `${path}.${printable(key)}` : printable(key);
        const keyProblem = textProblem(key);
        if (keyProblem) add(name, `the field name ${keyProblem}`);
        else stack.push({ value: item, path: name, depth: depth + 1 });
      }
    }
  }
}

/** Why a text cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed())
    return 'must be well-formed Unicode (it has a lone UTF-16 surrogate)';
  return null;
}

/** A field name fit to be echoed in an error: at most 60 characters, no NUL or lone surrogates. */
function printable(key: string): string {
  const short = key.length > 60 ? `${key.slice(0, 60)}…` : key;
  if (textProblem(short) === null) return short;
  const escaped = short.replaceAll('\u0000', '\\u0000');
  return (escaped as unknown as { toWellFormed(): string }).toWellFormed();
}

/** The largest list offset a client may ask for (a list is paged far below this). */
export const MAX_OFFSET = 1_000_000;
/** The largest version or revision number a client may send (PostgreSQL `integer`). */
export const MAX_INT = 2_147_483_647;
