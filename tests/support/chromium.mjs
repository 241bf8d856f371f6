// Headless Chromium through playwright-core, launched one way for every
// suite and bench that opens it (the e2e tests, the package test's plain
// page, the wasm tests in scripts/wasm-chromium.mjs, bench/browser.mjs).
// It is the system's Chromium (CHROMIUM_BIN, default Debian's): playwright
// never downloads a browser here (scripts/bootstrap).
import { chromium } from 'playwright-core';

/** The Chromium executable: `CHROMIUM_BIN`, or Debian's. */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium with the flags every suite uses: no sandbox
 * (CI runs as root), no GPU, nothing fetched in the background.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}
