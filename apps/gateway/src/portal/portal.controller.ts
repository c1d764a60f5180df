import { Controller, Get, Header, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotFoundProblem, ValidationProblem } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ContractRegistry } from '../contracts/contract-registry.service';
import { contractChangelog } from './contract-changelog';
import {
  groupProducts,
  PORTAL_CSS,
  PORTAL_DOCS_JS,
  portalVersion,
  PortalVersion,
  renderChangelog,
  renderDocs,
  renderIndex,
} from './portal-pages';

/** Swagger UI's files the docs pages load, served from the local swagger-ui-dist package (no CDN). */
const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function swaggerUiDir(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

/**
 * The developer portal, open without credentials: the API products and their versions with
 * lifecycle badges, interactive docs per version (Swagger UI from the local package), the documents
 * to download, and a changelog between a product's versions.
 */
@ApiExcludeController()
@Controller('portal')
export class PortalController {
  private readonly assets = new Map<string, Buffer>();

  constructor(private readonly contracts: ContractRegistry) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  index(): string {
    return renderIndex(groupProducts(this.contracts.contracts()));
  }

  @Get('docs/:name')
  @Header('Content-Type', 'text/html; charset=utf-8')
  docs(@Param('name') name: string): string {
    return renderDocs(this.contract(name));
  }

  /**
   * `GET /portal/changelog/process.project-setup?from=v1&to=v2` (default: the two newest versions);
   * HTML, or JSON when the caller accepts application/json.
   */
  @Get('changelog/:product')
  changelog(
    @Param('product') productName: string,
    @Query('from') fromQuery: string | undefined,
    @Query('to') toQuery: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const product = groupProducts(this.contracts.contracts()).find((p) => p.product === productName);
    if (!product) throw new NotFoundProblem(`No API product is named ${productName}`);
    if (product.versions.length < 2 && !(fromQuery && toQuery)) {
      throw new NotFoundProblem(
        `${productName} has a single version (v${product.versions[0].version}): no changelog yet`,
      );
    }
    const pick = (q: string | undefined, fallback: PortalVersion, param: string): PortalVersion => {
      if (q === undefined) return fallback;
      const m = /^v?(\d+)$/.exec(q);
      const found = m ? product.versions.find((v) => v.version === Number(m[1])) : undefined;
      if (!found) {
        throw new ValidationProblem(
          [{ field: param, message: `${param}: ${productName} has no published version ${q}` }],
          `${param} must name a published version of ${productName}`,
        );
      }
      return found;
    };
    const to = pick(toQuery, product.versions[0], 'to');
    const from = pick(fromQuery, product.versions[1] ?? product.versions[0], 'from');
    const log = contractChangelog(
      { name: from.name, doc: JSON.parse(from.text) as Record<string, unknown> },
      { name: to.name, doc: JSON.parse(to.text) as Record<string, unknown> },
    );
    if (accept?.includes('application/json')) {
      void reply.type('application/json; charset=utf-8').send(log);
      return;
    }
    void reply.type('text/html; charset=utf-8').send(renderChangelog(product, log));
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    if (file === 'portal.css') {
      void reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(PORTAL_CSS);
      return;
    }
    if (file === 'portal-docs.js') {
      void reply
        .type('application/javascript; charset=utf-8')
        .header('Cache-Control', 'public, max-age=300')
        .send(PORTAL_DOCS_JS);
      return;
    }
    const type = SWAGGER_UI_FILES[file];
    if (!type) throw new NotFoundProblem(`The portal has no asset named ${file}`);
    let body = this.assets.get(file);
    if (!body) {
      body = readFileSync(path.join(swaggerUiDir(), file));
      this.assets.set(file, body);
    }
    void reply.type(type).header('Cache-Control', 'public, max-age=86400').send(body);
  }

  private contract(name: string): PortalVersion {
    const found = this.contracts.contract(name);
    if (!found) throw new NotFoundProblem(`No published contract is named ${name}`);
    return portalVersion(found);
  }
}
