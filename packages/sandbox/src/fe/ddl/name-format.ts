// The names Doris accepts for databases, tables and columns (FeNameFormat, with enable_unicode_name_support
// off as by default): anything else — `../x`, a backquote, a leading digit — is refused when the object is
// created or renamed, with Doris's error codes and texts. Names that exist already (restored under a
// syncer's alias such as `__ccr_t_1`) are not checked again.
import { dorisError } from '../mysql/session-types.js';

const COMMON_NAME = /^[a-zA-Z][a-zA-Z0-9\-_]{0,63}$/;
const TABLE_NAME = /^[a-zA-Z][a-zA-Z0-9\-_]*$/;
const TABLE_NAME_TEXT = '^[a-zA-Z][a-zA-Z0-9-_]*$';
const COLUMN_NAME = /^[_a-zA-Z@0-9\s/][.a-zA-Z0-9_+\-/?@#$%^&*"\s,:]{0,255}$/;
const COLUMN_NAME_TEXT = '^[_a-zA-Z@0-9\\s/][.a-zA-Z0-9_+-/?@#$%^&*"\\s,:]{0,255}$';
/** Config.table_name_length_limit's default. */
const TABLE_NAME_LENGTH_LIMIT = 64;

export function checkDbName(name: string): void {
  if (!COMMON_NAME.test(name)) throw dorisError(`Incorrect database name '${name}'`, 1102);
}

export function checkTableName(name: string): void {
  if (!TABLE_NAME.test(name)) {
    throw dorisError(`Incorrect table name '${name}'. Table name regex is '${TABLE_NAME_TEXT}'`, 1103);
  }
  if (name.length > TABLE_NAME_LENGTH_LIMIT) {
    throw dorisError(
      `Incorrect table name '${name}'. Table name length must be less than or equal to ${TABLE_NAME_LENGTH_LIMIT}`,
    );
  }
}

export function checkColumnName(name: string): void {
  if (!COLUMN_NAME.test(name) || name.startsWith('__doris_shadow_')) {
    throw dorisError(`Incorrect column name '${name}'. Column regex is '${COLUMN_NAME_TEXT}'`, 1166);
  }
  if (name.startsWith('mv_') || name.startsWith('mva_')) {
    throw dorisError(`Incorrect column name ${name}, column name can't start with 'mv_'/'mva_'`);
  }
}
