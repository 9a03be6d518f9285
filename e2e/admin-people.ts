/** The admin browser tests' shared steps: an admin at a settings page, and settings put back afterwards. */
import type { Browser, Page } from 'playwright-core';
import { agentSignsIn, type Person } from './people';

/** Signs the demo admin in and opens one settings page by its navigation item. */
export async function adminAt(browser: Browser, base: string, page: string): Promise<Person> {
  const admin = await agentSignsIn(browser, base, 'admin@example.com');
  await admin.page.goto(`${base}/console/admin`);
  await openSettings(admin.page, page);
  return admin;
}

export async function openSettings(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

/** Calls the admin API with the page's session, as the console does. */
export async function adminCall(page: Page, base: string, method: 'PUT' | 'POST' | 'PATCH', path: string, data: unknown): Promise<void> {
  const res = await page.request.fetch(`${base}${path}`, { method, data, headers: { Origin: base } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
}
