import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './chromium';
import { everyoneLeaves, whatEveryoneSaw } from './people';

/** One browser per test file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') console.log(`What each page showed when "${task.name}" failed:\n${await whatEveryoneSaw()}`);
    await everyoneLeaves();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}
