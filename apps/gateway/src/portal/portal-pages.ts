import type { PublishedContract } from '../contracts/contract-registry.service';
import type { Changelog } from './contract-changelog';

/** HTML-escapes text for element content and attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A published contract as the portal shows it: `system.crm.v1` is product `system.crm`, version 1. */
export interface PortalVersion {
  name: string;
  title: string;
  lifecycle: string;
  sunset?: string;
  product: string;
  version: number;
  basePath: string;
  text: string;
}

/** One API product (`process.project-setup`) and its published major versions, newest first. */
export interface PortalProduct {
  product: string;
  title: string;
  versions: PortalVersion[];
}

export function portalVersion(c: PublishedContract): PortalVersion {
  const [, product, version] = /^(.+)\.v(\d+)$/.exec(c.name) ?? [c.name, c.name, '1'];
  const [layer, name] = product.split('.');
  return {
    name: c.name,
    title: c.title,
    lifecycle: c.lifecycle,
    sunset: (c as { sunset?: string }).sunset,
    product,
    version: Number(version),
    basePath: `/${layer}/${name}/v${version}`,
    text: c.text,
  };
}

export function groupProducts(contracts: PublishedContract[]): PortalProduct[] {
  const byProduct = new Map<string, PortalVersion[]>();
  for (const c of contracts.map(portalVersion)) byProduct.set(c.product, [...(byProduct.get(c.product) ?? []), c]);
  return [...byProduct.entries()]
    .map(([product, versions]) => {
      const sorted = [...versions].sort((a, b) => b.version - a.version);
      return { product, title: sorted[0].title, versions: sorted };
    })
    .sort((a, b) => a.product.localeCompare(b.product));
}

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/portal/assets/portal.css">
${head}
</head>
<body>
<header class="portal-header"><a href="/portal">API portal</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function badge(c: PortalVersion): string {
  const sunset = c.sunset ? ` <span class="sunset">sunset ${escapeHtml(c.sunset)}</span>` : '';
  return `<span class="badge badge-${escapeHtml(c.lifecycle)}" data-lifecycle="${escapeHtml(c.lifecycle)}">${escapeHtml(c.lifecycle)}</span>${sunset}`;
}

export function renderIndex(products: PortalProduct[]): string {
  const sections = products
    .map((p) => {
      const rows = p.versions
        .map(
          (c) => `<tr data-contract="${escapeHtml(c.name)}">
  <td>v${c.version}</td>
  <td>${badge(c)}</td>
  <td><code>${escapeHtml(c.basePath)}</code></td>
  <td><a class="docs-link" href="/portal/docs/${escapeHtml(c.name)}">Interactive docs</a></td>
  <td><a class="download-link" href="/openapi/${escapeHtml(c.name)}.json" download>${escapeHtml(c.name)}.json</a></td>
</tr>`,
        )
        .join('\n');
      const changelog =
        p.versions.length > 1
          ? `<p><a class="changelog-link" href="/portal/changelog/${escapeHtml(p.product)}">What changed between v${p.versions[1].version} and v${p.versions[0].version}</a></p>`
          : '';
      return `<section class="product" data-product="${escapeHtml(p.product)}">
<h2>${escapeHtml(p.title)} <small>${escapeHtml(p.product)}</small></h2>
<table><thead><tr><th>version</th><th>lifecycle</th><th>base path</th><th>docs</th><th>OpenAPI document</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${changelog}
</section>`;
    })
    .join('\n');
  return layout(
    'API portal',
    `<h1>API products</h1>
<p>Every operation the gateway serves is declared in one of these OpenAPI documents; the gateway enforces
exactly what they say. Call them with an API key (<code>X-API-Key</code>) or an OAuth2 client-credentials token.
A <em>deprecated</em> version answers with <code>Deprecation</code> and <code>Sunset</code> headers and stops
at its sunset date; move to its successor before then.</p>
${sections}`,
  );
}

export function renderDocs(contract: PortalVersion): string {
  return layout(
    `${contract.title} v${contract.version}`,
    `<h1>${escapeHtml(contract.title)} v${contract.version} ${badge(contract)}</h1>
<p><a href="/openapi/${escapeHtml(contract.name)}.json" download>Download ${escapeHtml(contract.name)}.json</a></p>
<div id="swagger-ui" data-url="/openapi/${escapeHtml(contract.name)}.json"></div>
<script src="/portal/assets/swagger-ui-bundle.js"></script>
<script src="/portal/assets/portal-docs.js"></script>`,
    '<link rel="stylesheet" href="/portal/assets/swagger-ui.css">',
  );
}

export function renderChangelog(product: PortalProduct, log: Changelog): string {
  const items = log.operations
    .map((o) => {
      const changes = o.changes.length
        ? `<ul>${o.changes
            .map(
              (c) =>
                `<li class="change change-${c.kind}"><strong>${c.kind}</strong> ${escapeHtml(c.where)} <code>${escapeHtml(c.name)}</code>: ${escapeHtml(c.detail)}</li>`,
            )
            .join('')}</ul>`
        : '';
      return `<li class="operation operation-${o.kind}" data-kind="${o.kind}"><strong>${o.kind}</strong> <code>${escapeHtml(o.method)} ${escapeHtml(o.path)}</code>${o.summary ? ` ${escapeHtml(o.summary)}` : ''}${changes}</li>`;
    })
    .join('\n');
  return layout(
    `${product.title}: ${log.from} to ${log.to}`,
    `<h1>${escapeHtml(product.title)}: what changed from ${escapeHtml(log.from)} to ${escapeHtml(log.to)}</h1>
${log.operations.length ? `<ul class="changelog">${items}</ul>` : '<p>No operation changed.</p>'}`,
  );
}

/** The portal's own stylesheet (served as a file, so the pages need no inline style). */
export const PORTAL_CSS = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330}
.portal-header{background:#1d2330;padding:.75rem 1.5rem}.portal-header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e3e6ec}
h2 small{font-weight:400;color:#6b7385;font-size:.7em;margin-left:.5rem}
.badge{display:inline-block;border-radius:999px;padding:.1rem .6rem;font-size:.8rem;font-weight:600;text-transform:uppercase}
.badge-active{background:#dff5e3;color:#1c6b2c}.badge-draft{background:#e8eefc;color:#2a4a9b}
.badge-deprecated{background:#fff1d6;color:#8a5a00}.badge-retired{background:#f3dede;color:#8b1f1f}
.sunset{color:#8a5a00;font-size:.85rem}
.change-removed strong,.operation-removed>strong{color:#8b1f1f}.change-added strong,.operation-added>strong{color:#1c6b2c}
.change-changed strong,.operation-changed>strong{color:#8a5a00}
`;

/** Starts Swagger UI on the docs page from its data-url (a file, so no inline script is needed). */
export const PORTAL_DOCS_JS = `(function () {
  var el = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: el.getAttribute('data-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
})();
`;
