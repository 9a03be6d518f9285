/**
 * Reports in the browser: after a few chats an admin opens Reports and sees them counted, a
 * chart with its numbers beside it, and a table that downloads as a CSV with the right header.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import type { OverviewResponse } from '../protocol/reports';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

const day = (daysAgo: number) => {
  const d = new Date();
  d.setDate(d.getDate() - daysAgo);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A chat Alice answers and the visitor ends, rating it if `stars`. */
async function chat(alice: Page, question: string, stars?: number) {
  const visitor = await visitorOnShop(browser(), base);
  const shop = visitor.page;
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(shop, question);
  await acceptsOffer(alice);
  await conversation(alice).getByText(question).waitFor();
  await alice.getByRole('textbox', { name: 'Message' }).fill('Happy to help with that.');
  await alice.getByRole('button', { name: 'Send' }).click();
  await conversation(shop).getByText('Happy to help with that.').waitFor();
  await shop.getByRole('button', { name: 'End chat' }).click();
  await shop.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
  if (stars) {
    await shop.getByRole('radio', { name: `${stars} of 5` }).check();
    await shop.getByRole('button', { name: 'Send rating' }).click();
    await shop.getByText('Thank you for your rating!').waitFor();
  }
}

it('counts the chats, draws them, and downloads the table as CSV', async () => {
  const admin = await agentSignsIn(browser(), base, 'admin@example.com');
  // Other browser tests share the app: what was there before is the baseline.
  const week = `from=${day(6)}&to=${day(0)}`;
  const before = (await (await admin.page.request.get(`${base}/api/admin/reports/overview?${week}`)).json()) as OverviewResponse;

  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  await chat(alice.page, 'Do you ship to Norway?', 5);
  await chat(alice.page, 'Can I pay by invoice?');

  const page = admin.page;
  await page.goto(`${base}/console/admin/reports`);
  await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
  const overview = page.getByRole('region', { name: /^Overview/ });
  const tile = (label: string) => overview.locator('.tile').filter({ has: page.getByText(label, { exact: true }) }).locator('.tile-value');
  // The outbox reaches D1 a moment after the chat ends: the page shows what D1 has when it loads.
  await expect
    .poll(async () => {
      await page.reload();
      await tile('Conversations').waitFor();
      return Number((await tile('Conversations').innerText()).replace(/,/g, ''));
    }, { timeout: 15_000 })
    .toBe(before.current.conversations + 2);
  expect(await tile('Median wait').innerText()).toMatch(/^\d+ (s|min)/);
  expect(await page.getByRole('region', { name: 'Ratings' }).getByRole('table').getByRole('row', { name: /^5 / }).innerText()).toMatch(/^5\s+[1-9]/);

  // The chart is drawn, and its numbers are a table too.
  const overTime = page.getByRole('region', { name: 'Over time' });
  await overTime.getByRole('img', { name: 'Chats, missed chats and median wait per day' }).locator('canvas').first().waitFor();
  await overTime.getByText('The numbers, per day').click();
  const todayRow = overTime.getByRole('row', { name: new RegExp(`^${day(0)}`) });
  expect(Number((await todayRow.getByRole('cell').first().innerText()).trim())).toBeGreaterThanOrEqual(2);

  // By agent: Alice's row, and the same table as CSV.
  const byAgent = page.getByRole('region', { name: 'By agent' });
  await byAgent.getByRole('rowheader', { name: 'Alice' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), byAgent.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`parley-breakdown-by-agent-${day(6)}-to-${day(0)}.csv`);
  const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
  expect(csv[0]).toBe(
    'agent,agent_id,conversations,accepted,missed,transferred,reopened,wait_median_s,wait_p90_s,first_response_median_s,first_response_p90_s,handle_median_s,rated,csat,rating_1,rating_2,rating_3,rating_4,rating_5,agent_hours,chats_per_agent_hour',
  );
  const alicesRow = csv.find((line) => line.startsWith('Alice,agent-alice,'))!.split(',');
  expect(Number(alicesRow[2])).toBeGreaterThanOrEqual(2);
  // Her time online is counted beside her chats (she signed in moments ago: a few minutes at most).
  expect(alicesRow[19]).toMatch(/^\d+(\.\d)?$/);
  expect(alicesRow[20]).toMatch(/^(\d+(\.\d+)?)?$/);
  expect(await byAgent.getByRole('columnheader', { name: 'Chats per agent-hour' }).count()).toBe(1);

  // The staffing picture: agents online beside incoming chats; and the same figures by label.
  await page.getByRole('table', { name: 'Agents online on average by weekday and hour' }).waitFor();
  await page.getByRole('combobox', { name: 'Break down by' }).selectOption('label');
  const byLabel = page.getByRole('region', { name: 'By label' });
  // Other browser tests may have labelled a chat this week.
  await byLabel.getByText('No labelled chats in this period.').or(byLabel.getByRole('table', { name: 'Figures by label' })).waitFor();
}, 120_000);
