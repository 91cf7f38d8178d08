import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { VelocityError } from '@vs/contracts';
import type { Logger } from '@vs/logging';
import type { HttpResponse } from './http.types';

export interface ErrorBody {
  error: { code: string; message: string; issues: { field: string; problem: string; accepted?: string }[] };
}

// InvalidInputError → invalid_input: the code is the class name, so clients can switch on it.
const codeOf = (error: VelocityError) =>
  error.name
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();

/** Errors of the JSON body parser (http-errors with a `type`), which reach the filter before Nest wraps them. */
function bodyParserAnswer(exception: unknown): [number, ErrorBody] | null {
  const { type, limit, length } = (exception ?? {}) as { type?: string; limit?: number; length?: number };
  switch (type) {
    case 'entity.too.large':
      return [
        413,
        {
          error: {
            code: 'payload_too_large',
            message: `request body of ${length ?? '?'} bytes is over the limit of ${limit ?? '?'} bytes`,
            issues: [{ field: '(body)', problem: 'too large', accepted: `at most ${limit ?? '?'} bytes of JSON` }],
          },
        },
      ];
    case 'entity.parse.failed':
      return [
        400,
        {
          error: {
            code: 'invalid_input',
            message: 'request body is not valid JSON',
            issues: [{ field: '(body)', problem: (exception as Error).message, accepted: 'a JSON object' }],
          },
        },
      ];
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return [
        415,
        {
          error: {
            code: 'unsupported_media_type',
            message: (exception as Error).message,
            issues: [
              {
                field: 'Content-Type',
                problem: (exception as Error).message,
                accepted: 'application/json; charset=utf-8',
              },
            ],
          },
        },
      ];
    default:
      return null;
  }
}

/** The one place errors become HTTP answers: `{ error: { code, message, issues } }`. */
@Catch()
export class VelocityErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const [status, body] = this.toBody(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    response.status(status).json(body);
  }

  private toBody(exception: unknown): [number, ErrorBody] {
    if (exception instanceof VelocityError) {
      const issues = (exception.details.issues as ErrorBody['error']['issues'] | undefined) ?? [];
      return [exception.httpStatus, { error: { code: codeOf(exception), message: exception.message, issues } }];
    }
    if (exception instanceof HttpException) {
      // Nest's own: unknown route, malformed JSON body, body too large.
      const status = exception.getStatus();
      const code = status === 404 ? 'not_found' : status === 400 ? 'invalid_input' : 'http_error';
      const issues = status === 400 ? [{ field: '(body)', problem: exception.message, accepted: 'a JSON object' }] : [];
      return [status, { error: { code, message: exception.message, issues } }];
    }
    const parserError = bodyParserAnswer(exception);
    if (parserError) return parserError;
    if ((exception as { code?: string }).code === '23514') {
      // An SQL guard (e.g. revision immutability) refused the change: a state conflict, not a crash.
      return [409, { error: { code: 'conflict', message: (exception as Error).message, issues: [] } }];
    }
    return [500, { error: { code: 'internal', message: 'internal error; see the server log', issues: [] } }];
  }
}
