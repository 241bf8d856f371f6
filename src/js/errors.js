// The one family of errors the package throws: a base class with a stable
// `code` and the details, one subclass per kind, the original exception (a
// `fetch` that threw, a WebCrypto failure) kept as the standard `cause`.
// Created only by `verifyError` and `codedError`, called from
// src/js/error.rs.

/** Base class of every error the package throws or rejects with. */
export class VerifyError extends Error {
  constructor(message, code, details, cause) {
    super(message, cause === undefined ? undefined : { cause });
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

/** `verifyProof` refused a proof, or could not check it. */
export class ProofError extends VerifyError {}
ProofError.prototype.name = 'ProofError';

const KINDS = [ValidationError, ApiError, TransportError, ProofError];
const NAMED = { ProofError };

export function verifyError(kind, message, code, details, cause) {
  return new KINDS[kind](message, code, details, cause);
}

export function codedError(name, code, message) {
  return new (NAMED[name] ?? VerifyError)(message, code);
}
