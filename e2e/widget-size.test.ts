/**
 * The widget's weight budget, checked on the build the browser tests use: the loader a page pays
 * for up front, and the whole widget once open. A build over budget fails `npm test`.
 */
import { expect, it } from 'vitest';
import { root } from '../scripts/local-app';
import { widgetSizes } from '../bench/sizes';

const KB = 1024;

it('keeps the loader within 2 KB and the whole open widget within 30 KB, gzipped', () => {
  const [loader, app] = widgetSizes(`${root}dist`);
  expect(loader!.gzip).toBeLessThanOrEqual(2 * KB);
  expect(loader!.gzip + app!.gzip).toBeLessThanOrEqual(30 * KB);
});
