// WebOTP (https://wicg.github.io/web-otp/): the code of an origin-bound SMS
// (last line `@host #code`), read by the browser with the person's consent.
// Used by receiveCode (src/js/otp.rs).

const never = () => new Promise(() => {});

// Resolves with the code, or never: where WebOTP is missing (Firefox, Safari,
// Node, Workers), when `signal` aborts, or when the browser gives up.
export function receiveCode(signal) {
  const credentials = globalThis.navigator?.credentials;
  if (!('OTPCredential' in globalThis) || typeof credentials?.get !== 'function') return never();
  if (signal?.aborted) return never();
  let request;
  try {
    request = credentials.get({ otp: { transport: ['sms'] }, ...(signal ? { signal } : {}) });
  } catch {
    return never();
  }
  return Promise.resolve(request).then(
    (otp) => (typeof otp?.code === 'string' && otp.code ? otp.code : never()),
    () => never(),
  );
}
