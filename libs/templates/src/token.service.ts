import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidInputError, TENANT_ID_PATTERN, TENANT_ID_RULE, UnauthorizedError } from '@vs/contracts';
import type { Database } from '@vs/database';
import { ROLES, type Actor, type Role } from './actor';
import { sha256Hex } from './content-hash';

export interface CreatedToken {
  token_id: string;
  name: string;
  role: Role;
  tenant_id: string | null;
  /** Shown once: only its sha256 is stored. */
  token: string;
}

/** API tokens: random secrets whose hashes alone are kept, each with a role and optional tenant binding. */
export class TokenService {
  constructor(private readonly db: Database) {}

  async create(input: { name: string; role: string; tenant_id?: string | null }): Promise<CreatedToken> {
    const issues = [];
    if (!input.name.trim())
      issues.push({ field: 'name', problem: 'must not be empty', accepted: 'a label such as "ci-bot"' });
    if (!(ROLES as readonly string[]).includes(input.role))
      issues.push({ field: 'role', problem: `"${input.role}" is not a role`, accepted: ROLES.join(' | ') });
    if (input.tenant_id != null && !TENANT_ID_PATTERN.test(input.tenant_id))
      issues.push({
        field: 'tenant_id',
        problem: `${JSON.stringify(input.tenant_id)} is not a tenant id`,
        accepted: TENANT_ID_RULE,
      });
    if (issues.length > 0) throw new InvalidInputError('cannot create token', issues);
    const token = randomBytes(32).toString('base64url');
    const tokenId = randomUUID();
    const tenant = input.tenant_id ?? null;
    await this.db.query(
      'INSERT INTO api_tokens (token_id, name, token_hash, role, tenant_id) VALUES ($1, $2, $3, $4, $5)',
      [tokenId, input.name, sha256Hex(token), input.role, tenant],
    );
    return { token_id: tokenId, name: input.name, role: input.role as Role, tenant_id: tenant, token };
  }

  /** The actor behind a bearer token; unknown or revoked tokens are refused alike, to not help guessing. */
  async authenticate(token: string | undefined): Promise<Actor> {
    if (!token) throw new UnauthorizedError('missing bearer token: send "Authorization: Bearer <token>"');
    const rows = await this.db.query<{ name: string; role: Role; tenant_id: string | null }>(
      'SELECT name, role, tenant_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [sha256Hex(token)],
    );
    const row = rows[0];
    if (!row) throw new UnauthorizedError('unknown or revoked token');
    return { name: row.name, role: row.role, tenant_id: row.tenant_id };
  }
}
