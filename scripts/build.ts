/**
 * Builds everything the Worker serves into dist/: the widget loader and the widget app (two
 * IIFE builds, since an IIFE cannot split), the console SPA, and the demo shop page.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type InlineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { consoleIcons } from './icons';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

function script(entry: string, fileName: string, withSolid: boolean): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: withSolid ? [solid()] : [],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2020',
      lib: { entry: `${root}${entry}`, formats: ['iife'], name: fileName.replace(/\W/g, '_'), fileName: () => fileName },
    },
  };
}

/**
 * What ships is the production build, also when the tests build it: vitest sets NODE_ENV=test,
 * under which vite would resolve Solid's development code.
 */
export async function buildAll(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildEverything();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function buildEverything(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await build(script('widget/loader/loader.ts', 'widget.js', false));
  await build(script('widget/app/index.tsx', 'widget-app.js', true));
  await build({
    configFile: false,
    root: `${root}console`,
    base: '/console/',
    logLevel: 'warn',
    plugins: [solid()],
    build: { outDir: `${dist}/console`, emptyOutDir: true, target: 'es2022' },
  });
  // The service worker at the console's root, so its scope is the whole console (and nothing else).
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: `${dist}/console`,
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: `${root}console/sw/service-worker.ts`, formats: ['iife'], name: 'parleyServiceWorker', fileName: () => 'sw.js' },
    },
  });
  await mkdir(`${dist}/console/icons`, { recursive: true });
  for (const [name, bytes] of Object.entries(consoleIcons())) await writeFile(`${dist}/console/icons/${name}`, bytes);
  await copyFile(`${root}demo/index.html`, `${dist}/index.html`);
  // A product page with Open Graph tags: the source of the console's product cards in the demo.
  await copyFile(`${root}demo/product.html`, `${dist}/product.html`);
  await copyFile(`${root}demo/tea-set.svg`, `${dist}/tea-set.svg`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildAll();
  console.log('Built dist/: widget.js, widget-app.js, console/ (with sw.js and icons), index.html');
}
