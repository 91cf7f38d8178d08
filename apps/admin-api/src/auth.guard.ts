import { createParamDecorator, Inject, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@vs/contracts';
import { roleAtLeast, TokenService, type Actor, type Role } from '@vs/templates';
import type { HttpRequest } from './http.types';

const ROLE_KEY = 'vs:required-role';
/** The least role a route needs; routes without it are public (health, OpenAPI). */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

type AuthedRequest = HttpRequest & { actor?: Actor };

/** The authenticated actor of the request (set by AuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without RequireRole');
  return actor;
});

/** Bearer-token authentication and role check: 401 for no or unknown token, 403 for too small a role. */
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<Role | undefined>(ROLE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = await this.tokens.authenticate(match?.[1]);
    if (!roleAtLeast(actor.role, required)) {
      throw new ForbiddenError(`this action needs the ${required} role; token "${actor.name}" has ${actor.role}`);
    }
    request.actor = actor;
    return true;
  }
}
