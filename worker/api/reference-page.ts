/**
 * `/api/v1/docs`: the OpenAPI document as one readable HTML page, drawn on the server from the
 * document itself (no script, nothing from a CDN), so it says exactly what the API does.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Json = Record<string, any>;

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1d2430; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { margin-bottom: 0; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d5dae1; text-transform: capitalize; }
section { margin: 1.25rem 0; padding: 1rem; border: 1px solid #d5dae1; border-radius: 8px; }
h3 { margin: 0 0 .5rem; font-size: 1.05rem; } code, pre { font: 14px/1.4 ui-monospace, monospace; }
.method { display: inline-block; min-width: 4.5rem; padding: 0 .4rem; border-radius: 4px; color: #fff; background: #1f5fbf; text-align: center; }
.method.post { background: #1d7a3a; } .method.patch, .method.put { background: #8a5300; } .method.delete { background: #b3261e; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e6e9ee; vertical-align: top; }
pre { background: #f4f6f8; padding: .75rem; overflow-x: auto; border-radius: 6px; }
nav ul { columns: 2; } a { color: #1f5fbf; }
`;

const resolve = (doc: Json, schema: Json): Json => (schema.$ref ? doc.components.schemas[String(schema.$ref).split('/').pop()!] : schema);

function parameters(list: Json[]): HtmlEscapedString | string {
  if (!list.length) return '';
  return html`<table>
    <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Schema</th></tr></thead>
    <tbody>${list.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td><code>${JSON.stringify(p.schema)}</code></td></tr>`)}</tbody>
  </table>` as HtmlEscapedString;
}

export function referencePage(doc: Json): Promise<HtmlEscapedString> | HtmlEscapedString {
  const byTag = new Map<string, Array<{ method: string; path: string; op: Json }>>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const tag = (op as Json).tags[0] as string;
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op: op as Json }]);
    }
  }
  const tags = [...byTag.keys()];
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title} reference</title>
        <style>${raw(STYLE)}</style>
      </head>
      <body>
        <header>
          <h1>${doc.info.title} v${doc.info.version}</h1>
          <p>${doc.info.description}</p>
          <p>Send <code>Authorization: Bearer &lt;token&gt;</code> with every request. Errors are JSON: <code>{"error": {"code", "message", "field"}}</code>. The machine-readable document: <a href="/api/v1/openapi.json">openapi.json</a>.</p>
        </header>
        <nav aria-label="Resources"><ul>${tags.map((t) => html`<li><a href="#${t}">${t}</a></li>`)}</ul></nav>
        <main>
          ${tags.map(
            (tag) => html`<h2 id="${tag}">${tag}</h2>
              ${byTag.get(tag)!.map(({ method, path, op }) => {
                const body = op.requestBody ? resolve(doc, op.requestBody.content['application/json'].schema) : null;
                return html`<section aria-labelledby="${op.operationId}">
                  <h3 id="${op.operationId}"><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
                  <p>${op.summary}. ${op.description}</p>
                  ${parameters(op.parameters ?? [])}
                  ${body ? html`<p>Body (JSON):</p><pre>${JSON.stringify(body, null, 2)}</pre>` : ''}
                  <p>Answers: ${Object.keys(op.responses).join(', ')}.</p>
                </section>`;
              })}`,
          )}
        </main>
      </body>
    </html>`;
}
