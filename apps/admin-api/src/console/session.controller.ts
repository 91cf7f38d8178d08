import { Controller, Get } from '@nestjs/common';
import type { Actor } from '@vs/templates';
import { CurrentActor, RequireRole } from '../auth.guard';

/** Who the bearer token is: the console signs in with it and shows only the controls the role may use. */
@Controller('session')
export class SessionController {
  @Get()
  @RequireRole('viewer')
  whoami(@CurrentActor() actor: Actor) {
    return { name: actor.name, role: actor.role, tenant_id: actor.tenant_id };
  }
}
