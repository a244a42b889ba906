import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

/** Debian's chromium (installed by .ci/run), never a downloaded browser. */
export function findChromium(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** Flags for a closed network: nothing may try to reach Google's hosts. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** describe() when Chromium is present; otherwise a skipped block that says so plainly. */
export function describeInBrowser(title: string, body: (executablePath: string) => void): void {
  const exe = findChromium();
  if (exe) {
    describe(title, () => body(exe));
  } else {
    console.warn(`SKIPPED browser tests "${title}": no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)`);
    describe.skip(`${title} (skipped: no Chromium)`, () => body(''));
  }
}
