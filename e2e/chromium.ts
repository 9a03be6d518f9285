/**
 * The real Chromium the browser tests and the bench drive: the one `CHROMIUM_PATH` names, else
 * Debian's /usr/bin/chromium, which is installed on first need where the tests run as root on
 * Debian (as CI does). A full Chromium, not a headless shell: the console's push test needs one
 * that shows notifications.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const NEEDED =
  "The browser tests need a full Chromium: install Debian's (apt-get install chromium) or set CHROMIUM_PATH to another. " +
  'A headless shell will not do: the console shows notifications, which it cannot.';

function aptGet(...args: string[]): void {
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The browser's path, installing Debian's Chromium first if this machine can and has none. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) throw new Error(NEEDED);
  console.log("Installing Debian's Chromium for the browser tests (once per machine)…");
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  try {
    aptGet(...install);
  } catch {
    // The package lists may be missing or stale on a fresh machine.
    aptGet('update');
    aptGet(...install);
  }
  if (!existsSync(SYSTEM_CHROMIUM)) throw new Error(NEEDED);
  return SYSTEM_CHROMIUM;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
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
