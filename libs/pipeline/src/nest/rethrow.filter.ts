import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

interface HttpResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Nest's default RPC filter turns every error into a generic "Internal server error"; the consumer base
 * needs the original error (and its `retriable` flag) to decide between retry and dead letter.
 * HTTP errors (health, metrics) answer 500 with the message.
 */
@Catch()
export class RethrowRpcFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'http') {
      host
        .switchToHttp()
        .getResponse<HttpResponse>()
        .status(500)
        .json({ error: (exception as Error).message });
      return;
    }
    return throwError(() => exception);
  }
}
