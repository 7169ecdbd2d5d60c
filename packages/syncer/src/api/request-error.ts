// A request the API refuses before the job service sees it. The message always names the offending
// field, so an operator can fix the request without reading the server's logs.
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    message: string,
    readonly httpStatus: 400 | 401 | 404 | 413 | 415 = 400,
  ) {
    super(message);
  }
}
