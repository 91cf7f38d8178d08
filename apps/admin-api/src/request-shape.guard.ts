import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InvalidInputError, VelocityError } from '@vs/contracts';
import { checkBodyLiterals } from './json-body.checks';
import { foreignCharset, isJsonMediaType } from './json-media-type';
import { requestIntegerFields } from './request-integer-fields';

/** The request as this guard reads it. */
interface RequestWithBody {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** The body's bytes as received (Nest's rawBody option); the literal checks read them. */
  rawBody?: Buffer;
  /** Express's matched route, e.g. `/jobs/:id/rerun`. */
  route?: { path: string };
}

export class UnsupportedMediaTypeError extends VelocityError {
  constructor(contentType: string, problem = `"${contentType}" is not JSON`) {
    super(`content type "${contentType}" is not accepted; send the body as JSON`, false, 415, {
      issues: [{ field: 'Content-Type', problem, accepted: 'application/json' }],
    });
  }
}

// A lone surrogate is not Unicode text: PostgreSQL refuses it, and it cannot be written out as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000); remove it';
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone surrogate (U+${code}), which is not valid Unicode; send well-formed UTF-8`;
  }
  return null;
}

/** The first string (value or key) of a JSON value that is not valid text, with its path. */
function findBadText(value: unknown, path: string): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = badText(value);
    return problem === null ? null : { field: path || '(body)', problem };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const keyProblem = badText(key);
      if (keyProblem) return { field, problem: `field name ${keyProblem}` };
      const found = findBadText(inner, field);
      if (found) return found;
    }
  }
  return null;
}

function hasBody(request: RequestWithBody): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * The HTTP edge's shape rules, before any handler runs: a body must be JSON (415 otherwise), a JSON
 * object (a bare null, array or number is named as such), and valid text throughout (a NUL or a lone
 * surrogate is refused with the path of the field that holds it), with the literal rules of
 * checkBodyLiterals (strict integers for the route's integer fields, no repeated keys).
 */
@Injectable()
export class RequestShapeGuard implements CanActivate {
  private readonly integerFields = requestIntegerFields();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithBody>();
    if (!hasBody(request)) return true;
    const contentType = String(request.headers['content-type'] ?? '');
    if (!isJsonMediaType(contentType)) {
      throw new UnsupportedMediaTypeError(contentType || '(none)');
    }
    const charset = foreignCharset(contentType);
    if (charset !== null) {
      throw new UnsupportedMediaTypeError(contentType, `charset "${charset}" is not UTF-8, the charset of JSON`);
    }
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      const got = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
      throw new InvalidInputError('request body must be a JSON object', [
        { field: '(body)', problem: `got ${got}`, accepted: 'a JSON object, e.g. {"record_count": 100, …}' },
      ]);
    }
    if (request.rawBody) {
      const route = `${request.method} ${request.route?.path ?? ''}`;
      checkBodyLiterals(request.rawBody.toString('utf8'), this.integerFields.get(route) ?? new Set());
    }
    const bad = findBadText(body, '');
    if (bad) throw new InvalidInputError(`${bad.field}: ${bad.problem}`, [bad]);
    return true;
  }
}
