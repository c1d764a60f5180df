import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotFoundProblem } from '@app/platform';
import { ContractRegistry } from '../contracts/contract-registry.service';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The published contracts, open without credentials: an index at /docs and each document at
 * /openapi/<layer>.<product>.v<N>.json, byte for byte what the gateway enforces. The developer portal
 * (interactive docs, changelogs) grows from here.
 */
@ApiExcludeController()
@Controller()
export class DocsController {
  constructor(private readonly contracts: ContractRegistry) {}

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  index(): string {
    const rows = this.contracts
      .contracts()
      .map(
        (c) =>
          `<tr><td><a href="/openapi/${escape(c.name)}.json">${escape(c.name)}</a></td><td>${escape(c.title)}</td><td>${escape(c.lifecycle)}</td></tr>`,
      )
      .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API contracts</title></head>
<body><h1>API contracts</h1><p>Every operation the gateway routes is declared in one of these OpenAPI documents.</p>
<table><thead><tr><th>contract</th><th>title</th><th>lifecycle</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
  }

  @Get('openapi/:file')
  @Header('Content-Type', 'application/json; charset=utf-8')
  document(@Param('file') file: string): string {
    const contract = /^([a-z]+\.[a-z0-9-]+\.v\d+)\.json$/.exec(file);
    const found = contract ? this.contracts.contract(contract[1]) : undefined;
    if (!found) throw new NotFoundProblem(`No published contract is named ${file}`);
    return found.text;
  }
}
