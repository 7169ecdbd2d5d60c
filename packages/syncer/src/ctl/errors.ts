// A failure the ccr command reports in one line and exits non-zero with; `answer` is the syncer's JSON,
// printed as is under --json so scripts see the same error_msg.
export class CtlError extends Error {
  override readonly name = 'CtlError';
  constructor(
    message: string,
    readonly answer?: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The command ran, and what it found is a failure (verify differences, a failed check): exit 1. */
export const FOUND_PROBLEMS_EXIT_CODE = 1;
/** Bad command line. */
export const USAGE_EXIT_CODE = 2;
