// Every pipeline stage in one process (quickstart, small deployments); the admin API runs on its own.
import { runUntilSignalled, STAGE_NAMES } from '@vs/stages';

void runUntilSignalled('pipeline', STAGE_NAMES);
