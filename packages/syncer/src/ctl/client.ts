// The syncer's HTTP API as the ccr command sees it: POST a JSON body, get the answer back both as text
// (printed verbatim by --json) and parsed (for the human output). Every failure becomes a CtlError that
// says what to do: which address could not be reached, that the token is missing or wrong, or the
// syncer's own error_msg.
import { CtlError } from './errors.js';

export interface ApiAnswer<T> {
  /** The answer as the syncer wrote it. */
  readonly text: string;
  readonly body: T & { readonly success: boolean; readonly error_msg?: string };
}

export interface ClientOptions {
  /** `http://host:port` of the syncer. */
  readonly server: string;
  readonly token?: string;
  /** Per request; a syncer that does not answer in time is reported like an unreachable one. */
  readonly timeoutMs?: number;
}

/**
 * 64-bit integers (commit seqs) lose digits in JSON.parse; the human output reads them as text. A number
 * of 16+ digits in value position becomes a string before parsing.
 */
export function parseAnswer<T>(text: string): T {
  return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"')) as T;
}

export class SyncerClient {
  readonly server: string;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;
  readonly #explicitTimeout: boolean;

  constructor(options: ClientOptions) {
    this.server = options.server.replace(/\/+$/, '');
    this.#token = options.token || undefined;
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#explicitTimeout = options.timeoutMs !== undefined;
  }

  /** `timeoutMs`: for calls that take long by nature (a verification), unless --timeout was given. */
  async call<T = Record<string, unknown>>(
    endpoint: string,
    body: unknown = {},
    slow?: { readonly timeoutMs: number },
  ): Promise<ApiAnswer<T>> {
    const url = `${this.server}/${endpoint}`;
    const timeoutMs = this.#explicitTimeout ? this.#timeoutMs : (slow?.timeoutMs ?? this.#timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(this.#token ? { Authorization: `Bearer ${this.#token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new CtlError(
        `cannot reach the syncer at ${this.server} (${why}); is it running? (--server, or --host/--port)`,
      );
    }
    const text = await response.text();
    if (response.status === 401)
      throw new CtlError(
        `the syncer at ${this.server} refused the request (401): the API token is ${this.#token ? 'wrong' : 'missing'}; set CCR_API_TOKEN (or --token) to the syncer's --api_token`,
      );
    let parsed: ApiAnswer<T>['body'];
    try {
      parsed = parseAnswer(text);
    } catch {
      throw new CtlError(
        `the syncer at ${this.server} answered /${endpoint} with HTTP ${response.status} and no JSON: ${text.slice(0, 200)}`,
      );
    }
    if (response.status === 404 && /^unknown endpoint/.test(parsed.error_msg ?? ''))
      throw new CtlError(`the syncer at ${this.server} has no /${endpoint} (an older version?)`, text);
    if (!response.ok || parsed.success === false)
      throw new CtlError(parsed.error_msg ?? `/${endpoint} failed with HTTP ${response.status}`, text);
    return { text, body: parsed };
  }
}
