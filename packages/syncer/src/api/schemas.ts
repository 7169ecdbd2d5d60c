// JSON schemas of the API's requests and answers, attached to its routes so that /openapi.json describes
// them (@fastify/swagger reads route schemas). They document; the readers in requests.ts validate, with
// the messages the Go syncer's clients expect, so the server runs these schemas through no validator.

const jobName = { type: 'string', minLength: 1, maxLength: 512, description: 'the job’s name' } as const;

const nameBody = {
  type: 'object',
  required: ['name'],
  properties: { name: jobName },
} as const;

const spec = {
  type: 'object',
  required: ['host', 'port', 'thrift_port', 'user', 'database'],
  properties: {
    host: { type: 'string' },
    port: { type: 'string', description: 'FE query (MySQL) port' },
    thrift_port: { type: 'string', description: 'FE rpc port' },
    user: { type: 'string' },
    password: { type: 'string', description: 'sealed in the metadata store; never answered' },
    database: { type: 'string' },
    table: { type: 'string', description: 'empty (both sides) for a database job' },
    cluster: { type: 'string' },
    host_mapping: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const failure = {
  type: 'object',
  properties: { success: { type: 'boolean', const: false }, error_msg: { type: 'string' } },
} as const;

/** An answer: `success` plus the endpoint's own keys. */
function answer(properties: Record<string, unknown> = {}) {
  return {
    200: { type: 'object', properties: { success: { type: 'boolean', const: true }, ...properties } },
    '4xx': failure,
    '5xx': failure,
  };
}

const timeHealth = {
  lag_seconds: { type: 'number', description: 'age of the oldest unapplied source binlog (0: caught up)' },
  runway_seconds: { type: 'number', description: 'until the source collects the first binlog still needed' },
  runway_limit: { type: 'string', enum: ['ttl_seconds', 'max_history_nums', 'max_bytes', 'none'] },
  runway_warning: { type: 'boolean', description: 'the runway is shorter than the last full sync took' },
  last_full_sync_seconds: { type: 'number' },
} as const;

const verifySide = {
  type: 'object',
  required: ['rows', 'checksum'],
  properties: {
    rows: { type: 'integer' },
    checksum: { type: 'string', description: 'sum of the rows’ murmur_hash3_64 as LARGEINT, decimal' },
    missing: { type: 'boolean', description: 'this side has no such table or partition' },
  },
} as const;

const verifyResult = {
  type: 'object',
  nullable: true,
  required: [
    'job',
    'started_at',
    'finished_at',
    'matched',
    'commit_seq',
    'attempts',
    'differences',
    'tables',
  ],
  properties: {
    job: { type: 'string' },
    started_at: { type: 'string', format: 'date-time' },
    finished_at: { type: 'string', format: 'date-time' },
    matched: { type: 'boolean', description: 'every table settled and matched' },
    commit_seq: { type: 'string', description: 'newest source commit seq a table was compared at' },
    attempts: { type: 'integer' },
    differences: { type: 'integer', description: 'tables that settled and differ' },
    unsettled: { type: 'integer', description: 'tables the source kept changing during every attempt' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          table: { type: 'string' },
          dest_table: { type: 'string' },
          match: { type: 'boolean' },
          settled: { type: 'boolean' },
          commit_seq: { type: 'string' },
          src: verifySide,
          dest: verifySide,
          partitions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                partition: { type: 'string' },
                match: { type: 'boolean' },
                src: verifySide,
                dest: verifySide,
              },
            },
          },
          skipped_columns: { type: 'array', items: { type: 'string' } },
          error: { type: 'string' },
        },
      },
    },
  },
} as const;

const dorisJobFields = {
  type: 'object',
  description: 'the latest SHOW BACKUP / SHOW RESTORE row, by Doris’s column names',
  properties: {
    State: { type: 'string' },
    Progress: { type: 'string' },
    UnfinishedTasks: { type: 'string' },
    TaskErrMsg: { type: 'string' },
  },
} as const;

const syncProgress = {
  type: 'object',
  description: 'present while a full or partial sync runs',
  properties: {
    kind: { type: 'string', enum: ['full', 'partial'] },
    reason: { type: 'string' },
    phase: { type: 'string', enum: ['backup', 'snapshot', 'restore', 'swap', 'done'] },
    started_at: { type: 'integer', description: 'unix ms' },
    phase_started_at: { type: 'integer', description: 'unix ms' },
    tables_total: { type: 'integer' },
    tables_done: { type: 'integer' },
    bytes_total: { type: 'integer' },
    bytes_done: { type: 'integer' },
    percent: { type: 'number', minimum: 0, maximum: 100 },
    eta_seconds: { type: 'number' },
    doris: dorisJobFields,
  },
} as const;

export interface EndpointSchema {
  readonly summary: string;
  readonly body?: object;
  readonly response: object;
}

const nameOnly = (summary: string): EndpointSchema => ({ summary, body: nameBody, response: answer() });

/** By path: what /openapi.json says of each JSON endpoint. */
export const ENDPOINT_SCHEMAS: Readonly<Record<string, EndpointSchema>> = {
  '/create_ccr': {
    summary: 'Create a table job (src.table and dest.table set) or a database job (both empty)',
    body: {
      type: 'object',
      required: ['name', 'src', 'dest'],
      properties: {
        name: jobName,
        src: spec,
        dest: spec,
        allow_table_exists: { type: 'boolean' },
        reuse_binlog_label: { type: 'boolean' },
        include_tables: { type: 'array', items: { type: 'string' } },
        exclude_tables: { type: 'array', items: { type: 'string' } },
        follow_recreated_table: { type: 'boolean' },
      },
    },
    response: answer(),
  },
  '/pause': nameOnly('Pause a job (recorded in its event log with who asked)'),
  '/resume': nameOnly('Resume a paused job'),
  '/delete': nameOnly('Delete a job and clean up what it left open on the clusters'),
  '/desync': nameOnly('Clear is_being_synced on the job’s target tables'),
  '/force_fullsync': nameOnly('Copy the job’s tables again by a full sync'),
  '/job_skip_binlog': {
    summary: 'Skip one binlog (silence) or copy again (fullsync)',
    body: {
      type: 'object',
      required: ['name'],
      properties: {
        name: jobName,
        skip_by: { type: 'string', enum: ['silence', 'fullsync'] },
        skip_commit_seq: { type: 'integer' },
      },
    },
    response: answer(),
  },
  '/update_host_mapping': {
    summary: 'Change the private → public address map of a job’s clusters',
    body: {
      type: 'object',
      required: ['name'],
      properties: {
        name: jobName,
        src_host_mapping: { type: 'object', additionalProperties: { type: 'string' } },
        dest_host_mapping: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    response: answer(),
  },
  '/get_lag': {
    summary: 'How far behind a job is, in binlogs and seconds, and its runway (asks the source)',
    body: nameBody,
    response: answer({
      lag: { type: 'integer' },
      first_commit_seq: { type: 'integer' },
      last_commit_seq: { type: 'integer' },
      first_binlog_timestamp: { type: 'string' },
      last_binlog_timestamp: { type: 'string' },
      time_interval: { type: 'number' },
      delay_seconds: { type: 'number' },
      last_error: { type: 'string' },
      ...timeHealth,
    }),
  },
  '/list_jobs': {
    summary: 'Names of every job of the group',
    response: answer({ jobs: { type: 'array', items: { type: 'string' } } }),
  },
  '/list_syncers': {
    summary: 'The syncers sharing the metadata store, their heartbeats and job counts',
    response: answer({ syncers: { type: 'array', items: { type: 'object' } } }),
  },
  '/job_detail': {
    summary: 'A job’s record (passwords redacted)',
    body: nameBody,
    response: answer({ job_detail: { type: 'object' } }),
  },
  '/job_status': {
    summary: 'A job’s state (running, failing, stalled, paused), position, last error, lag and runway',
    body: nameBody,
    response: answer({
      status: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          state: { type: 'string', enum: ['running', 'failing', 'stalled', 'paused'] },
          progress_state: { type: 'string' },
          step: { type: 'string' },
          last_error: { type: 'string' },
          last_error_at: { type: 'integer' },
          owner: { type: 'string' },
          stalled_since: { type: 'integer' },
          lag_binlogs: { type: 'integer' },
          ...timeHealth,
          sync_progress: syncProgress,
        },
      },
    }),
  },
  '/job_progress': {
    summary: 'A job’s progress document and the history of its full and partial syncs',
    body: nameBody,
    response: answer({ job_progress: { type: 'object' } }),
  },
  '/lag_history': {
    summary:
      'A job’s lag over the last hour, as the health monitor sampled it (empty: another syncer runs it)',
    body: nameBody,
    response: answer({
      samples: {
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'lag_binlogs'],
          properties: {
            at: { type: 'integer', description: 'unix ms' },
            lag_seconds: { type: 'number', description: 'absent when the binlog’s commit time is unknown' },
            lag_binlogs: { type: 'integer' },
          },
        },
      },
      interval_seconds: { type: 'number', description: 'between two samples' },
    }),
  },
  '/job_events': {
    summary: 'A job’s event log: syncs, DDL, skips, retries, pauses, takeovers, stalls',
    body: {
      type: 'object',
      required: ['name'],
      properties: {
        name: jobName,
        since: {
          oneOf: [{ type: 'integer' }, { type: 'string' }],
          description: 'an event id (the last_id of an answer) or a time (ISO 8601)',
        },
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
      },
    },
    response: answer({
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'at', 'time', 'kind', 'message'],
          properties: {
            id: { type: 'integer' },
            at: { type: 'integer', description: 'unix ms' },
            time: { type: 'string', format: 'date-time' },
            kind: { type: 'string' },
            message: { type: 'string' },
          },
        },
      },
      last_id: { type: 'integer' },
    }),
  },
  '/check': {
    summary:
      'Pre-flight of a job to create ({src, dest}) or of an existing one ({name}): login, versions, privileges, binlog, every FE and BE reachable from the syncer, runway vs a full sync',
    body: {
      type: 'object',
      properties: {
        name: jobName,
        src: spec,
        dest: spec,
        include_tables: { type: 'array', items: { type: 'string' } },
        exclude_tables: { type: 'array', items: { type: 'string' } },
      },
    },
    response: answer({
      ok: { type: 'boolean', description: 'every check passed' },
      checks: {
        type: 'array',
        items: {
          type: 'object',
          required: ['check', 'ok', 'detail', 'side'],
          properties: {
            check: {
              type: 'string',
              enum: [
                'connect',
                'version',
                'versions_compatible',
                'privileges',
                'binlog_feature',
                'binlog_enabled',
                'target',
                'fe_reachable',
                'be_reachable',
                'runway',
              ],
            },
            ok: { type: 'boolean' },
            detail: { type: 'string', description: 'what was found; never a password' },
            side: { type: 'string', enum: ['src', 'dest'] },
          },
        },
      },
    }),
  },
  '/verify': {
    summary:
      'Compare the job’s source and target tables by rows and checksum per partition at one source commit point',
    body: {
      type: 'object',
      required: ['name'],
      properties: {
        name: jobName,
        tables: {
          type: 'array',
          items: { type: 'string' },
          description: 'source table names (default: all)',
        },
      },
    },
    response: answer({ verify: verifyResult }),
  },
  '/verify_result': {
    summary: 'The job’s last verification on this syncer (null when none)',
    body: nameBody,
    response: answer({ verify: verifyResult }),
  },
  '/features': {
    summary: 'The feature_* flags and their values',
    response: answer({ flags: { type: 'array', items: { type: 'object' } } }),
  },
  '/failpoint': {
    summary: 'Arm or clear a failpoint (only with --enable_failpoints)',
    body: { type: 'object', properties: { name: jobName, failpoint: { type: 'string' }, value: {} } },
    response: answer(),
  },
};
