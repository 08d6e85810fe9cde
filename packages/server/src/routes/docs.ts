import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenApiVersion } from '@inferschema/core';
import type { RouteHandler } from '../http/exchange.js';
import { HttpError } from '../http/http-error.js';
import { MESSAGES } from '../http/messages.js';
import type { ServerContext } from '../server-context.js';

const require = createRequire(import.meta.url);

/** The swagger-ui-dist files the page loads, with their content types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** The document the page shows: the first of these the server has. */
const PREFERRED_VERSIONS: readonly OpenApiVersion[] = ['3.0', '3.1', '2.0'];
const VERSION_PARAMETER: Readonly<Record<OpenApiVersion, string>> = { '2.0': '2', '3.0': '3', '3.1': '3.1' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

// Relative URLs, so the page also works behind a proxy that strips a path prefix: from `/docs`,
// `docs/x` is `/docs/x` and `swagger.json` is `/swagger.json`.
function page(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} – API docs</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/swagger-ui-standalone-preset.js"></script>
<script src="docs/initializer.js"></script>
</body>
</html>
`;
}

// The service documents always declare the Bearer scheme (as Azure's do); without an API key the server asks
// for none, so the page hides the Authorize button and the operations' lock icons.
const HIDE_AUTHORIZE = `const hideAuthorize = () => ({ wrapComponents: { authorizeBtn: () => () => null, authorizeOperationBtn: () => () => null } });
`;

function initializer(documentUrl: string, authorize: boolean): string {
  return `${authorize ? '' : HIDE_AUTHORIZE}window.ui = SwaggerUIBundle({
  url: new URL(${JSON.stringify(documentUrl)}, document.baseURI).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl${authorize ? '' : ', hideAuthorize'}],
  layout: 'StandaloneLayout',
  validatorUrl: null,
});
`;
}

/**
 * `GET /docs`: Swagger UI for the service document, served from the local `swagger-ui-dist` package (no
 * CDN). The page reads `/swagger.json` in the first version of 3.0, 3.1, 2.0 the script has.
 */
export function docsHandlers(context: ServerContext): Record<'ops.docs' | 'ops.docs-initializer' | 'ops.docs-asset', RouteHandler> {
  const folder = dirname(require.resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Buffer>();
  const version = PREFERRED_VERSIONS.find((candidate) => context.documents.has(candidate));
  const documentUrl = version ? `swagger.json?version=${VERSION_PARAMETER[version]}` : 'swagger.json';
  const html = page(context.config.serviceName);
  const script = initializer(documentUrl, context.config.apiKey !== undefined);

  return {
    'ops.docs': (exchange) => exchange.send(200, 'text/html; charset=utf-8', html),
    'ops.docs-initializer': (exchange) => exchange.send(200, 'text/javascript; charset=utf-8', script),
    // Answered synchronously, from memory (each file read once): Node's HTTP server stops reading pipelined
    // requests while an answer is unsent only if the answer is written before the next request is parsed.
    'ops.docs-asset': (exchange) => {
    const asset = exchange.params.asset!;
    const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (!type) throw new HttpError(404, MESSAGES.notFound);
    let bytes = cache.get(asset);
    if (!bytes) {
      bytes = readFileSync(join(folder, asset));
      cache.set(asset, bytes);
    }
    exchange.send(200, type, bytes, ['cache-control', 'public, max-age=86400']);
    },
  };
}
