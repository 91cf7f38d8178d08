import { loadConfig } from '@vs/config';
import { Database } from '@vs/database';
import { createLogger } from '@vs/logging';
import { createAdminApp } from './admin-api.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('admin-api', config.LOG_LEVEL);
  const db = new Database(config.DATABASE_URL, { applicationName: 'vs-admin-api' });
  const app = await createAdminApp({ db, config, logger });
  // SIGTERM/SIGINT: stop accepting requests, let in-flight ones finish, then release the pool.
  app.enableShutdownHooks();
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await db.close();
    logger.info('admin-api stopped');
  };
  await app.listen(config.HTTP_PORT);
  logger.info({ port: config.HTTP_PORT }, 'admin-api listening');
}

bootstrap().catch((error: unknown) => {
  // No logger may exist yet (bad config), so the message goes straight to stderr.
  process.stderr.write(`admin-api failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
