/**
 * axe-core in the browser tests: its violations on a page (or part of one, shadow roots included),
 * and text it could not judge because it has its background's colour (1:1), which it reports only
 * as "incomplete" although no one can read it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { root } from '../scripts/local-app';

const axeSource = readFileSync(`${root}node_modules/axe-core/axe.min.js`, 'utf8');

/** `include`: CSS selectors of what to check; the whole document if none. */
export async function accessibilityProblems(page: Page, include?: string[]): Promise<string[]> {
  // Evaluated, not added as a <script>: the console's CSP refuses inline scripts, as it should.
  await page.evaluate(axeSource);
  return page.evaluate(async (include) => {
    type Node = { target: unknown; any: Array<{ data?: { contrastRatio?: number } }> };
    type Result = { id: string; nodes: Node[] };
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Result[]; incomplete: Result[] }> } }).axe;
    const { violations, incomplete } = await axe.run(include ? { include: include.map((s) => [s]) } : document);
    const invisible = incomplete
      .filter((r) => r.id === 'color-contrast')
      .flatMap((r) => r.nodes.filter((n) => n.any.some((c) => c.data?.contrastRatio === 1)).map((n) => ({ id: 'color-contrast 1:1', nodes: [n] })));
    return [...violations, ...invisible].map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, include);
}
