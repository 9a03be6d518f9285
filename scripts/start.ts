/** `npm start`: build, migrate and seed the local database, then run Parley with wrangler dev. */
import { DEMO_AGENTS, DEMO_PASSWORD } from '../worker/demo/demo-data';
import { buildAll } from './build';
import { ensureDevSecret, prepareDatabase, startWorker } from './local-app';

const port = Number(process.env.PORT ?? 8787);

console.log('Building the widget and the console…');
await buildAll();
await ensureDevSecret();
console.log('Preparing the local database (migrations, demo data)…');
await prepareDatabase();
console.log('Starting the Worker…');
const worker = await startWorker({ port, inherit: true });

console.log(`
  Parley is running.

  Demo shop (with the widget):  ${worker.url}/
  Agent console:                ${worker.url}/console/
  Widget script:                ${worker.url}/widget.js

  Demo sign-ins (password "${DEMO_PASSWORD}"):
${DEMO_AGENTS.map((a) => `    ${a.email.padEnd(20)} ${a.role === 'admin' ? 'admin' : 'agent in "General"'}`).join('\n')}

  Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void worker.stop().then(() => process.exit(0)));
}
