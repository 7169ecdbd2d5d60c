// Calls to the syncer's JSON API, relative to the console's own address (/ui/ → /), with the API token
// as a Bearer header. The token lives in sessionStorage: gone with the tab, never in a URL.

const TOKEN_KEY = 'ccr-syncer.api_token';

/** The syncer refused the call for want of the right token (401). */
export class Unauthorized extends Error {
  override readonly name = 'Unauthorized';
}

/** The syncer answered success:false (its error_msg) or something that is not its JSON. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export async function call<T>(endpoint: string, body: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(`../${endpoint}`, location.href), {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (response.status === 401) throw new Unauthorized(`${endpoint}: the syncer wants its API token`);
  let answer: { success?: boolean; error_msg?: string } & Record<string, unknown>;
  try {
    answer = await response.json();
  } catch {
    throw new ApiError(`${endpoint}: HTTP ${response.status}, not a JSON answer`, response.status);
  }
  if (!response.ok || answer.success !== true)
    throw new ApiError(answer.error_msg ?? `${endpoint}: HTTP ${response.status}`, response.status);
  return answer as T;
}
