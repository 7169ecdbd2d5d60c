// The MySQL/MariaDB engine (--db_type mysql) against a real MariaDB server from Debian's packages.
import { startMariaDb } from './db-servers.js';
import { runServerStoreSuite } from './server-store-suite.js';

runServerStoreSuite('ServerMetaStore on MariaDB', startMariaDb);
