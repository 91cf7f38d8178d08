// The generator service as its own process: /health and /metrics on HTTP_PORT, graceful on SIGTERM.
import { runUntilSignalled } from '@vs/stages';

void runUntilSignalled('generator', ['generator']);
