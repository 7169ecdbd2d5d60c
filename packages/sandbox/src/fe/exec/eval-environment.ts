// What expressions see of the session (current database and user, the clock, session, user and system
// variables), for SELECT and for every statement that evaluates expressions outside one.
import type { EvalEnvironment } from '../query/relation.js';
import { DORIS_VERSION } from './cluster-rows.js';
import type { ExecContext } from './exec-context.js';

export function evalEnvironment(ctx: ExecContext): EvalEnvironment {
  return {
    currentDatabase: ctx.session.currentDb,
    currentUser: ctx.session.user,
    nowMs: ctx.fe.clock.now(),
    variable(scope, name) {
      if (scope === 'USER') return ctx.session.variables.get(`@${name}`);
      const key = name.toLowerCase();
      const set = ctx.session.variables.get(key);
      if (set !== undefined) return set;
      const builtin: Record<string, string | number> = {
        version_comment: `Doris version ${DORIS_VERSION} (doris-sandbox)`,
        version: '5.7.99',
        auto_increment_increment: 1,
        lower_case_table_names: 0,
        max_allowed_packet: 16777216,
        autocommit: 1,
        tx_isolation: 'REPEATABLE-READ',
        transaction_isolation: 'REPEATABLE-READ',
        time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        system_time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        character_set_client: 'utf8mb4',
        character_set_connection: 'utf8mb4',
        character_set_results: 'utf8mb4',
        character_set_server: 'utf8mb4',
        // The mariadb/mysql client's `status` command asks for it with the others.
        character_set_database: 'utf8mb4',
        collation_connection: 'utf8mb4_0900_bin',
        sql_mode: 'ONLY_FULL_GROUP_BY',
        net_write_timeout: 600,
        wait_timeout: 28800,
        interactive_timeout: 3600,
        query_cache_size: 1048576,
        license: 'Apache License, Version 2.0',
      };
      return builtin[key];
    },
  };
}
