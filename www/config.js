// Settings of the sample page. Deployed, there is no emulator: `outbox` stays
// null and the outbox panel stays hidden. `npm start` writes its own copy of
// this file into target/site/ with the emulator's address.
export const config = {
  /** Base URL of the 8x8 emulator whose outbox the side panel shows, or null. */
  outbox: null,
  /** "Verify without a code": how long to wait for the silent check before sending a code, seconds. */
  silentWaitSeconds: 20,
};
