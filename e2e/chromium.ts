/**
 * A real Chromium for the browser tests and the bench, with nothing to install: the one `CHROMIUM_PATH`
 * names, else Debian's /usr/bin/chromium when the machine has it, otherwise the build that the npm
 * package @sparticuz/chromium ships. That last one is a headless shell, which has no notifications:
 * the console's push test needs one of the other two.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

async function executablePath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await executablePath(),
    headless: true,
    // No sandbox as root; no background traffic, since this machine reaches no outside host.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
