// The PostgreSQL engine (--db_type postgresql) against a real PostgreSQL server from Debian's packages.
import { startPostgres } from './db-servers.js';
import { runServerStoreSuite } from './server-store-suite.js';

runServerStoreSuite('ServerMetaStore on PostgreSQL', startPostgres);
