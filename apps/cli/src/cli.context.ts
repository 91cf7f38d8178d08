import { userInfo } from 'node:os';
import { loadConfig, type AppConfig } from '@vs/config';
import { Database } from '@vs/database';
import {
  AuditLog,
  jobPolicyFromConfig,
  jobServiceOver,
  SeedImporter,
  TemplateRepository,
  TokenService,
  type Actor,
} from '@vs/templates';

/** What every command needs: the repositories over one small pool, and the operator as an audited admin actor. */
export class CliContext {
  readonly config: Readonly<AppConfig> = loadConfig();
  readonly db = new Database(this.config.DATABASE_URL, { max: 2, applicationName: 'vs-cli' });
  readonly audit = new AuditLog(this.db);
  readonly templates = new TemplateRepository(this.db, this.audit);
  readonly jobs = jobServiceOver(this.db, this.audit, jobPolicyFromConfig(this.config), this.templates);
  readonly tokens = new TokenService(this.db);
  readonly seeds = new SeedImporter(this.db, this.audit);
  // The CLI talks to the database directly, so whoever runs it acts as admin — and is still audited by name.
  readonly actor: Actor = { name: `cli:${userInfo().username}`, role: 'admin', tenant_id: null };

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Runs one command with a context that is always closed, so the process exits promptly. */
export async function withContext<T>(work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = new CliContext();
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
