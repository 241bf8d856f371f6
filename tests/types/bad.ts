// Misuses the package's types: must FAIL to compile, with exactly the errors
// marked `expect TSxxxx` on their lines (run.mjs checks both).
import { validateVerification, verifyProof, type VerificationParams, type Session, type VerifyProofOptions, type ClientOptions, type VerifiedProof } from "../../pkg/verify8x8.js";

const typo: VerificationParams = { destination: "+6587654321", codelength: 6 }; // expect TS2561
const wrongType: VerificationParams = { destination: "+6587654321", codeLength: "6" }; // expect TS2322
const badChannel: VerificationParams = { destination: "+6587654321", channel: "email" }; // expect TS2322
const badLanguage: VerificationParams = { destination: "+6587654321", language: "en-us" }; // expect TS2820
const noDestination: VerificationParams = { country: "SG" }; // expect TS2741
const badStatus: Session["status"] = "DONE"; // expect TS2322
const notAString: string = validateVerification(typo).errors[0].limit; // expect TS2322

const noAudience: VerifyProofOptions = { jwks: { keys: [] } }; // expect TS2741
const secret = verifyProof("t", "a-shared-secret"); // expect TS2345
const syncProof: VerifiedProof = verifyProof("t", { jwks: { keys: [] }, audience: "a" }); // expect TS2740
const allowString: ClientOptions = { apiKey: "k", dangerouslyAllowBrowser: "yes" }; // expect TS2322

void [wrongType, badChannel, badLanguage, noDestination, badStatus, notAString, noAudience, secret, syncProof, allowString];
