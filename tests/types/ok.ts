// Uses the package's types as a TypeScript user would: must compile with
// `tsc --noEmit --strict` against pkg/verify8x8.d.ts (see run.mjs).
import {
  receiveCode,
  VerifyClient,
  validateCodeCheck,
  validateCoverage,
  validateVerification,
  type CallOptions,
  type Channel,
  type CodeCheckParams,
  type Coverage,
  type CoverageParams,
  type ErrorBody,
  type Language,
  type Limit,
  type Session,
  type SessionStatus,
  type VerificationParams,
  type VerificationRequest,
  type VerificationVerdict,
  type Violation,
  type VerifyError,
  type VerifyErrorCode,
  type ProofError,
  type ViolationCode,
} from "../../pkg/verify8x8.js";

const channel: Channel = "call";
const language: Language = "pt-BR";
const params: VerificationParams = {
  destination: "8765 4321",
  country: "SG",
  channel,
  brand: "ACME",
  codeLength: 6,
  codeValidity: 300,
  codeType: "NUMERIC_WITH_DASH",
  template: "{brand}: {code}",
  language,
  resetSession: true,
  resendingInterval: 30,
  callbackUrl: "https://example.com/hook",
  clientIp: "2001:db8::1",
  sms: { source: "ACME", encoding: "UCS2" },
  call: { source: "+6598765432", speed: 1.2, repetition: 3, voiceProfile: "pt-BR-Francisca" },
  whatsapp: { templateName: "otp" },
  templateKey: "saved",
};
const minimal: VerificationParams = { destination: "+6587654321" };

const verdict: VerificationVerdict = validateVerification(params);
const ok: boolean = verdict.ok;
const errors: Violation[] = verdict.errors;
for (const v of [...errors, ...verdict.warnings]) {
  const path: string = v.path;
  const code: ViolationCode = v.code;
  const message: string = v.message;
  const reason: string | undefined = v.reason;
  const limit: Limit | undefined = v.limit;
  if (limit?.kind === "range") {
    const bounds: [number, number] = [limit.min, limit.max];
    void bounds;
  } else if (limit?.kind === "oneOf") {
    const values: string[] = limit.values;
    void values;
  }
  if (code === "out_of_range" || code === "not_for_channel") void path;
  void message;
  void reason;
}
const request: VerificationRequest | undefined = validateVerification(minimal).request;
if (request) {
  const e164: string = request.destination;
  const length: number = request.codeLength;
  const call: CallOptions | undefined = request.call;
  void e164;
  void length;
  void call?.speed;
}

const check: CodeCheckParams = { sessionId: "a44a91be5ea5ea118169020897df5459", code: "1234" };
const checked: string | undefined = validateCodeCheck(check).request?.code;
const coverage: CoverageParams = { clientIp: "123.123.123.123", destination: "+6587654321" };
const coverageIp: string | undefined = validateCoverage(coverage).request?.clientIp;

// A backend checks a proof with the worker's key set, or with one key.
import {
  verifyProof,
  type ClientOptions,
  type JsonWebKeyLike,
  ProofError as ProofRefusal,
  type ProofErrorCode,
  type VerifiedProof,
  type VerifyProofOptions,
} from "../../pkg/verify8x8.js";

const jwks = { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k1", alg: "EdDSA", use: "sig" }] };
const proofOptions: VerifyProofOptions = { jwks, audience: "https://app.example.com", nonce: "n-1", maxAge: 300, clockTolerance: 5 };
const oneKey: JsonWebKeyLike = jwks.keys[0];
const withKey: VerifyProofOptions = { publicKey: oneKey, audience: ["https://a.example.com", "https://b.example.com"], issuer: "https://verify.example.com" };
async function backend(token: string): Promise<string> {
  try {
    const proof: VerifiedProof = await verifyProof(token, proofOptions);
    const facts: [string, number, number, string, string, string, string | undefined] = [
      proof.number, proof.verifiedAt, proof.expiresAt, proof.audience, proof.issuer, proof.id, proof.nonce,
    ];
    void facts;
    return (await verifyProof(token, withKey)).number;
  } catch (e) {
    // The error classes narrow with `instanceof`.
    if (e instanceof ProofRefusal) {
      const code: ProofErrorCode = e.code;
      if (code === "expired" || code === "wrong_nonce") return "";
    }
    throw e;
  }
}
// An API key in a browser only when the caller says so.
const local: ClientOptions = { apiKey: "k", subAccountId: "acme", dangerouslyAllowBrowser: true };
void [backend, new VerifyClient(local)];

// Response models, as the client returns them.
const session: Session = {
  sessionId: "a44a91be5ea5ea118169020897df5459",
  verifyUri: "/api/v2/subaccounts/acme/sessions/a44a91be5ea5ea118169020897df5459",
  destination: "+6587654321",
  status: "WAITING",
  attempt: 0,
  expiresAt: "2025-12-18T05:59:54.09Z",
  retryAfter: "2025-12-18T05:55:04.09Z",
  sma: { verificationUrl: "https://verify.8x8.com/sma/a44a91be5ea5ea118169020897df5459" },
};
const status: SessionStatus = session.status;
const available: Coverage = { isAvailable: true };
const error: ErrorBody = { code: 1002, errorId: "b4478860-b76c-e811-814e-022a35cc1c71", timestamp: "2025-12-18T09:25:40.92Z" };

// One family of errors: a stable code, the original exception as `cause`.
declare const thrown: VerifyError;
const thrownCode: VerifyErrorCode = thrown.code;
const thrownCause: unknown = thrown.cause;
declare const refused: ProofError;
const proofRefused: string = refused.code;

void [ok, checked, coverageIp, status, available, error, thrownCode, thrownCause, proofRefused];


// The client through the edge worker, and the WebOTP helper.
async function throughTheWorker(client: VerifyClient, signal: AbortSignal): Promise<string | undefined> {
  const started = await client.startVerification({ destination: "+6587654321" }, { nonce: "n-1", signal });
  const fallback = await client.resend(started.sessionId, { channel: "sms" });
  const code: string = await receiveCode({ signal });
  const silent = await client.checkCode(started.sessionId);
  void silent;
  return (await client.checkCode(fallback.sessionId, code)).proof;
}
void throughTheWorker;
