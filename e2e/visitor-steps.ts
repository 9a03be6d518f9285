/** Steps the widget's browser tests share. */
import type { Page } from 'playwright-core';

/** The visitor ends their chat (as End chat does), so the agent is free for the next test. */
export async function visitorEndsChat(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const token = localStorage.getItem('parley:demo-shop:visitor');
    await fetch('/api/visitor/conversation/end', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
  });
}
