// Creates the PostgreSQL database named in the URL (argv[2]) when it does not exist. Used by scripts/infra.sh
// for the schema registry's own database, so it reuses the one implementation the services use.
import { ensureDatabase } from '@vs/database';

const url = process.argv[2];
if (!url) {
  console.error('usage: tsx scripts/ensure-database.ts postgres://user@host:port/database');
  process.exit(2);
}
ensureDatabase(url).then(
  (created) => {
    if (created) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  },
  (error: unknown) => {
    console.error(`could not create ${url}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
