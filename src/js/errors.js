// The error classes verify8x8 throws: one base class with a stable `code`
// and the details, one subclass per kind. Created only by `verifyError`,
// called from src/js/error.rs. A `cause` in the details becomes the
// standard `Error.cause` (the platform exception behind the error).

/** Base class of every error verify8x8 throws or rejects with. */
export class VerifyError extends Error {
  constructor(message, code, details) {
    const { cause, ...rest } = details ?? {};
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    Object.assign(this, rest);
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

/** `verifyProof` refused a proof, or could not check it. */
export class ProofError extends VerifyError {}
ProofError.prototype.name = 'ProofError';

const KINDS = [ValidationError, ApiError, TransportError, ProofError];

export function verifyError(kind, message, code, details) {
  return new KINDS[kind](message, code, details);
}
