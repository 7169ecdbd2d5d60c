// Flag parsing: Go and GNU syntax, defaults, durations, config file precedence, and clear errors.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type CommandLineOutcome, parseCommandLine } from '../../src/cli/command-line.js';
import type { SyncerConfig } from '../../src/cli/syncer-config.js';
import { runSyncer, tempDir } from './process-helpers.js';

function config(argv: string[], env: NodeJS.ProcessEnv = {}, cwd = '/work/here'): SyncerConfig {
  const outcome = parseCommandLine(argv, env, cwd);
  if (outcome.kind !== 'run') assert.fail(`expected a config, got ${JSON.stringify(outcome)}`);
  return outcome.config;
}

function errorOf(argv: string[]): string {
  const outcome: CommandLineOutcome = parseCommandLine(argv, {}, '/work/here');
  if (outcome.kind !== 'error') assert.fail(`expected an error, got ${outcome.kind}`);
  return outcome.message;
}

describe('ccr-syncer command line', () => {
  it('has the Go syncer defaults', () => {
    const c = config([]);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 9190);
    assert.equal(c.daemon, false);
    assert.deepEqual(c.meta, { type: 'sqlite3', path: '/work/here/ccr.db' });
    assert.equal(c.log.level, 'info');
    assert.equal(c.log.file, undefined);
    assert.equal(c.log.retainNum, 30);
    assert.equal(c.log.retainDays, 7);
    assert.equal(c.log.maxSizeBytes, 1024 * 1024 * 1024);
    assert.deepEqual(c.cluster, {
      connectTimeoutMs: 10_000,
      rpcTimeoutMs: 30_000,
      commitTxnTimeoutMs: 33_000,
      feMaxOpenConns: 20,
      feMaxConnLifetimeMs: 0,
      maxIngestConcurrencyPerBackend: 48,
    });
    assert.equal(c.features.feature_schema_change_partial_sync, true);
    assert.equal(c.features.feature_clean_table_and_partitions, false);
    assert.equal(c.features.feature_txn_insert, false);
    assert.equal(c.features.feature_filter_storage_medium, true);
    assert.equal(c.pidFile, undefined);
    assert.equal(c.apiToken, undefined);
    assert.equal(c.enableFailpoints, false);
  });

  it('reads Go style: -flag=value, -flag value, bare -bool', () => {
    const c = config(['-host=10.1.1.1', '-port', '9300', '-daemon', '-log_level=debug', '-pid_dir=/run/ccr']);
    assert.equal(c.host, '10.1.1.1');
    assert.equal(c.port, 9300);
    assert.equal(c.daemon, true);
    assert.equal(c.log.level, 'debug');
    assert.equal(c.pidFile, '/run/ccr/10.1.1.1_9300.pid');
  });

  it('reads GNU style: --flag value, --flag=value, --bool, --bool=false', () => {
    const c = config([
      '--host',
      'h2',
      '--port=9301',
      '--feature_txn_insert',
      '--feature_atomic_restore=false',
    ]);
    assert.equal(c.host, 'h2');
    assert.equal(c.port, 9301);
    assert.equal(c.features.feature_txn_insert, true);
    assert.equal(c.features.feature_atomic_restore, false);
  });

  it("accepts Go's boolean spellings", () => {
    for (const [text, value] of [
      ['1', true],
      ['t', true],
      ['TRUE', true],
      ['True', true],
      ['0', false],
      ['F', false],
      ['false', false],
    ] as const) {
      assert.equal(config([`-daemon=${text}`]).daemon, value, text);
    }
  });

  it('takes the value of a value flag verbatim, even when it starts with a dash', () => {
    const c = config(['-db_type', 'mysql', '-db_password', '-p@ss=word', '-db_user', 'u']);
    assert.equal(c.meta.type, 'mysql');
    assert.equal(c.meta.type === 'mysql' && c.meta.password, '-p@ss=word');
  });

  it('reads Go durations', () => {
    const c = config(['-connect_timeout=1m30s', '--rpc_timeout', '1.5s', '-commit_txn_timeout=250ms']);
    assert.equal(c.cluster.connectTimeoutMs, 90_000);
    assert.equal(c.cluster.rpcTimeoutMs, 1500);
    assert.equal(c.cluster.commitTxnTimeoutMs, 250);
    assert.equal(config(['-fe_max_conn_lifetime=1h']).cluster.feMaxConnLifetimeMs, 3_600_000);
  });

  it('builds the mysql meta-store config', () => {
    const c = config(['-db_type=mysql', '-db_host=db', '-db_port=3307', '-db_user=ccr', '-db_name=meta']);
    assert.deepEqual(c.meta, {
      type: 'mysql',
      host: 'db',
      port: 3307,
      user: 'ccr',
      password: '',
      database: 'meta',
      maxOpenConns: 20,
      maxAllowedPacket: 1073741824,
    });
  });

  it('places the log file from --log_dir and --log_filename', () => {
    assert.equal(config(['-log_dir=/var/log/ccr']).log.file, '/var/log/ccr/ccr_syncer.log');
    assert.equal(config(['-log_dir=/var/log/ccr', '-log_filename=a.log']).log.file, '/var/log/ccr/a.log');
    assert.equal(config(['-log_filename=/tmp/x.log']).log.file, '/tmp/x.log');
    assert.equal(config(['-log_filename=rel.log']).log.file, '/work/here/rel.log');
  });

  it('takes the api token from the environment when no flag gives it', () => {
    assert.equal(config([], { CCR_SYNCER_API_TOKEN: 'env-tok' }).apiToken, 'env-tok');
    assert.equal(config(['--api_token=flag-tok'], { CCR_SYNCER_API_TOKEN: 'env-tok' }).apiToken, 'flag-tok');
  });

  it('accepts Go-only flags and notes that they have no effect', () => {
    const outcome = parseCommandLine(['-pprof', '-pprof_port=7000', '-local_repo_name=x'], {}, '/');
    assert.equal(outcome.kind, 'run');
    assert.deepEqual(outcome.kind === 'run' && outcome.notices, [
      'flag -pprof has no effect: there is no Go profiler; use node --inspect',
      'flag -pprof_port has no effect: there is no Go profiler; use node --inspect',
      'flag -local_repo_name has no effect: declared but unused by the Go syncer too',
    ]);
  });

  it('answers -version and -h', () => {
    assert.equal(parseCommandLine(['-version']).kind, 'version');
    assert.equal(parseCommandLine(['--version']).kind, 'version');
    const help = parseCommandLine(['-h']);
    assert.equal(help.kind, 'help');
    assert.match(help.kind === 'help' ? help.text : '', /--max_ingest_concurrency_per_backend <value>/);
  });

  it('names the flag of every bad command line', () => {
    assert.equal(errorOf(['-foo=1']), "unknown flag '--foo'");
    assert.match(errorOf(['--db_pasword=hunter2']), /^unknown flag '--db_pasword'/);
    assert.doesNotMatch(errorOf(['--db_pasword=hunter2']), /hunter2/);
    assert.match(
      errorOf(['--port', 'abc']),
      /'--port <value>' argument 'abc' is invalid\. must be a port number/,
    );
    assert.match(errorOf(['-port=0']), /--port/);
    assert.match(errorOf(['-connect_timeout=10']), /--connect_timeout.*invalid duration "10"/);
    assert.match(errorOf(['-rpc_timeout=0s']), /--rpc_timeout.*must be a positive duration/);
    assert.match(errorOf(['-db_type=oracle']), /--db_type.*must be one of sqlite3, mysql, postgresql/);
    assert.match(errorOf(['-log_level=loud']), /--log_level.*must be one of panic, fatal/);
    assert.match(errorOf(['-daemon=maybe']), /--daemon.*must be true or false/);
    assert.match(errorOf(['-max_ingest_concurrency_per_backend=0']), /--max_ingest_concurrency_per_backend/);
    assert.match(errorOf(['--port']), /--port.*argument missing/);
    assert.match(errorOf(['stray']), /too many arguments/);
    assert.match(errorOf(['-db_dir=']), /-db_dir must not be empty/);
  });
});

describe('ccr-syncer -config_file', () => {
  const write = (text: string) => {
    const path = join(tempDir('ccr-conf'), 'syncer.conf');
    writeFileSync(path, text);
    return path;
  };

  it('applies key=value lines, skipping blanks and # comments; file values win like Go', () => {
    const path = write(
      '# meta store\n\ndb_type=mysql\ndb_host = db.internal\nport=9400\nfeature_txn_insert=true\n',
    );
    const c = config(['-port=9300', '-db_host=cli-host', `-config_file=${path}`]);
    assert.equal(c.port, 9400);
    assert.equal(c.meta.type === 'mysql' && c.meta.host, 'db.internal');
    assert.equal(c.features.feature_txn_insert, true);
    assert.equal(c.configFile, path);
  });

  it("reads the Go syncer's shipped db.conf as meant (quotes and trailing comment)", () => {
    const path = write(
      'db_type=sqlite3\ndb_host=127.0.0.1\ndb_port=3306\ndb_user=\ndb_password=\ndb_name="ccr" # default value\n',
    );
    const c = config([`--config_file=${path}`]);
    assert.equal(c.flags.db_name, 'ccr');
    assert.equal(c.flags.db_user, '');
  });

  it('keeps unquoted values verbatim (a password may contain " #")', () => {
    const path = write('db_type=mysql\ndb_password=a #b=c\n');
    const c = config([`--config_file=${path}`]);
    assert.equal(c.meta.type === 'mysql' && c.meta.password, 'a #b=c');
  });

  it('reads durations and ignores a config_file key', () => {
    const path = write('rpc_timeout=2m\nconfig_file=/elsewhere\n');
    assert.equal(config([`--config_file=${path}`]).cluster.rpcTimeoutMs, 120_000);
  });

  it('names file, line and flag of a bad entry', () => {
    const unknown = write('port=9400\nno_such_flag=1\n');
    assert.equal(
      errorOf([`--config_file=${unknown}`]),
      `config file ${unknown} line 2: unknown flag 'no_such_flag'`,
    );
    const invalid = write('connect_timeout=soon\n');
    assert.match(
      errorOf([`--config_file=${invalid}`]),
      /config file .* line 1: invalid value 'soon' for flag -connect_timeout/,
    );
    const noEquals = write('daemon\n');
    assert.match(errorOf([`--config_file=${noEquals}`]), /line 1: expected key=value/);
    assert.match(errorOf(['--config_file=/no/such/file']), /cannot read config file \/no\/such\/file/);
  });
});

describe('ccr-syncer binary exit codes', () => {
  it('exits 2 with a message naming an unknown flag', async () => {
    const result = await runSyncer(['-no_such_flag=1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ccr-syncer: unknown flag '--no_such_flag'/);
    assert.match(result.stderr, /ccr-syncer --help/);
  });

  it('exits 2 with a message naming an invalid value', async () => {
    const result = await runSyncer(['--connect_timeout', '10']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--connect_timeout/);
  });

  it('prints the version with -version and exits 0', async () => {
    const result = await runSyncer(['-version']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^v\d+\.\d+\.\d+/);
  });

  it('prints help with --help and exits 0', async () => {
    const result = await runSyncer(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: ccr-syncer/);
  });

  it('fails startup with a clear message when the job engine module is missing', async () => {
    const dir = tempDir('ccr-noengine');
    const result = await runSyncer(['--port', '1', '--pid_dir', dir], {
      CCR_SYNCER_ENGINE_MODULE: join(dir, 'missing-engine.js'),
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /job engine not available: .*missing-engine\.js does not exist/);
    assert.match(result.stdout, /FATAL ccr-syncer failed to start: job engine not available/);
    assert.deepEqual(readdirSync(dir), [], 'the PID file is removed after a failed start');
  });
});
