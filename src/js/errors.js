// The error classes VerifyClient throws: one base class with a stable `code`
// and the details, one subclass per kind. Created only by `verifyError`,
// called from src/js/error.rs.

/** Base class of every error a VerifyClient call rejects with. */
export class VerifyError extends Error {
  constructor(message, code, details) {
    super(message);
    this.code = code;
    if (details) Object.assign(this, details);
  }
}
VerifyError.prototype.name = 'VerifyError';

/** The request broke rules (`violations`); nothing was sent. */
export class ValidationError extends VerifyError {}
ValidationError.prototype.name = 'ValidationError';

/** 8x8 (or the edge worker) answered with an error status. */
export class ApiError extends VerifyError {}
ApiError.prototype.name = 'ApiError';

/** No usable answer: timeout, network, aborted, outcome unknown, bad response. */
export class TransportError extends VerifyError {}
TransportError.prototype.name = 'TransportError';

const KINDS = [ValidationError, ApiError, TransportError];

export function verifyError(kind, message, code, details) {
  return new KINDS[kind](message, code, details);
}
