import type { JsonObject } from './build-openapi-document.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A field of the document as text: `fallback` when absent, a string, number or boolean as written, an object as nothing. */
function textOf(value: unknown, fallback = ''): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Inline code spans (`like this`) in descriptions, escaped. */
const renderText = (text: unknown) => escapeHtml(textOf(text)).replace(/`([^`]+)`/g, '<code>$1</code>');

/** Pretty JSON with `$ref`s turned into links to the component on the same page. */
function renderSchema(schema: unknown): string {
  return escapeHtml(JSON.stringify(schema, null, 2)).replace(/&#34;#\/components\/schemas\/(\w+)&#34;/g, '<a href="#schema-$1">"#/components/schemas/$1"</a>');
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1c1c1c;background:#fafafa}
main{max-width:960px;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
section.op{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:3.5rem;font-weight:700;text-transform:uppercase}
.get{color:#0b6e4f}.post{color:#8a3ffc}
pre{background:#f3f3f3;padding:.6rem;overflow:auto;font-size:13px;border-radius:4px}
code{background:#f0f0f0;padding:0 .2rem;border-radius:3px}
ul.toc{list-style:none;padding:0}ul.toc a{text-decoration:none;color:inherit}
details{margin:.3rem 0}summary{cursor:pointer}nav a{margin-right:.8rem}
`;

/**
 * The `/docs` page: the OpenAPI document rendered as plain HTML on the server, styles inline and no scripts or
 * external assets, so it works offline and behind strict CSPs.
 */
export function renderDocsPage(document: JsonObject): string {
  const info = (document.info ?? {}) as JsonObject;
  const paths = (document.paths ?? {}) as Record<string, Record<string, JsonObject>>;
  const schemas = ((document.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const operations: string[] = [];
  const contents: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const requestSchema = ((operation.requestBody as JsonObject | undefined)?.content as Record<string, JsonObject> | undefined)?.['application/json']
        ?.schema;
      const responses = Object.entries((operation.responses ?? {}) as Record<string, JsonObject>)
        .map(([status, response]) => {
          const content = Object.entries((response.content ?? {}) as Record<string, JsonObject>)
            .map(([type, media]) => `<details><summary><code>${escapeHtml(type)}</code></summary><pre>${renderSchema(media.schema)}</pre></details>`)
            .join('');
          return `<li><strong>${escapeHtml(status)}</strong> ${renderText(response.description)}${content}</li>`;
        })
        .join('');
      const anchor = escapeHtml(textOf(operation.operationId, `${method}-${path}`));
      contents.push(
        `<li><a href="#${anchor}"><span class="method ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></a> ${renderText(operation.summary)}</li>`,
      );
      operations.push(
        `<section class="op" id="${anchor}">` +
          `<div><span class="method ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code> — ${renderText(operation.summary)}</div>` +
          (operation.description ? `<p>${renderText(operation.description)}</p>` : '') +
          (requestSchema ? `<details><summary>Request body (application/json)</summary><pre>${renderSchema(requestSchema)}</pre></details>` : '') +
          `<p>Responses:</p><ul>${responses}</ul></section>`,
      );
    }
  }
  const components = Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section class="op" id="schema-${escapeHtml(name)}"><strong>${escapeHtml(name)}</strong><pre>${renderSchema(schema)}</pre></section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(textOf(info.title, 'API'))} — API reference</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(textOf(info.title, 'API'))} <small>${escapeHtml(textOf(info.version))}</small></h1>
<p>${renderText(info.description)}</p>
<nav><a href="/openapi.json">openapi.json</a><a href="#schemas">Schemas</a></nav>
<h2>Routes</h2><ul class="toc">${contents.join('')}</ul>${operations.join('\n')}
<h2 id="schemas">Schemas</h2>${components}
</main></body></html>`;
}
