// Failures of the metadata store itself, as opposed to the job-level JobExistsError/JobNotFoundError of the
// model. Each names the file or engine and what to do, because the daemon prints them at startup and an
// operator has to act on them. None of them ever carries a job record: records hold cluster passwords.

/** Base class, so callers can tell "the store is unusable" from a job-level error with one instanceof. */
export class MetaStoreError extends Error {
  override readonly name: string = 'MetaStoreError';
}

/** The store could not be opened at all (missing directory, permissions, unknown engine). */
export class MetaStoreOpenError extends MetaStoreError {
  override readonly name = 'MetaStoreOpenError';
}

/** Another live syncer holds the SQLite file (owner-lock.ts). */
export class MetaStoreLockedError extends MetaStoreError {
  override readonly name = 'MetaStoreLockedError';
}

/** The file exists but is not a healthy metadata store; it is left untouched so it can be inspected. */
export class MetaStoreCorruptError extends MetaStoreError {
  override readonly name = 'MetaStoreCorruptError';
}

/** The schema is one this build cannot use: written by a newer syncer, or by a different program. */
export class MetaStoreSchemaError extends MetaStoreError {
  override readonly name = 'MetaStoreSchemaError';
}

/** Used before init() or after close(). */
export class MetaStoreClosedError extends MetaStoreError {
  override readonly name = 'MetaStoreClosedError';
}

/** A configured engine that this build does not provide yet. */
export class MetaStoreNotImplementedError extends MetaStoreError {
  override readonly name = 'MetaStoreNotImplementedError';
}
