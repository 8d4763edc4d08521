/**
 * Errors the emulator answers, shaped as awsJson1_1 errors: HTTP status plus
 * `{"__type": code, "Message": text}` (docs/workmail.md, "Wire protocol").
 */

/** Statuses AWS uses for the common errors that are not 400 (AWS common errors reference). */
const DEFAULT_STATUS: Record<string, number> = {
  InternalFailure: 500,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  ServiceUnavailableException: 503,
  RequestEntityTooLargeException: 413,
  MethodNotAllowedException: 405,
  UnsupportedMediaTypeException: 415,
};

export function defaultStatus(code: string): number {
  return DEFAULT_STATUS[code] ?? 400;
}

export class WorkMailError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = defaultStatus(code)) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const invalidParameter = (message: string) => new WorkMailError('InvalidParameterException', message);
export const entityNotFound = (what: string) => new WorkMailError('EntityNotFoundException', `${what} not found in the organization.`);
export const entityState = (message: string) => new WorkMailError('EntityStateException', message);
