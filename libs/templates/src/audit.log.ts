import type { Database, Queryable } from '@vs/database';
import type { Actor } from './actor';

export interface AuditEntry {
  action: string;
  target_type: string;
  target_id: string;
  tenant_id?: string | null;
  before_status?: string | null;
  after_status?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'details'>> {
  id: string;
  actor: string;
  actor_role: string;
  details: Record<string, unknown>;
  at: Date;
}

/** Who did what to which target, written in the same transaction as the change it describes. */
export class AuditLog {
  constructor(private readonly db: Database) {}

  async record(client: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
    await client.query(
      `INSERT INTO audit_log (actor, actor_role, action, target_type, target_id, tenant_id, before_status, after_status, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.name,
        actor.role,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.tenant_id ?? null,
        entry.before_status ?? null,
        entry.after_status ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }

  async list(
    filter: { target_type?: string; target_id?: string; action?: string; limit?: number } = {},
  ): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(
      `SELECT id::text, actor, actor_role, action, target_type, target_id, tenant_id, before_status, after_status, details, at
       FROM audit_log
       WHERE ($1::text IS NULL OR target_type = $1) AND ($2::text IS NULL OR target_id = $2) AND ($3::text IS NULL OR action = $3)
       ORDER BY id DESC LIMIT $4`,
      [filter.target_type ?? null, filter.target_id ?? null, filter.action ?? null, filter.limit ?? 100],
    );
  }
}
