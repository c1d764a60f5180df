import { ProblemError } from '@app/platform';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { RouteOperation } from '../contracts/route-table';
import type { ConsumerIdentity } from '../identity/identity';

export class ForbiddenProblem extends ProblemError {
  constructor(type: string, detail: string, extra?: Record<string, unknown>) {
    super({ status: 403, type, title: 'Forbidden', detail, extra });
  }
}

/**
 * The operation's security requirement against the consumer: the product version must be one the
 * consumer may call, and one alternative of the requirement must be fully covered by its scopes.
 */
export function authorize(consumer: ConsumerIdentity, op: RouteOperation): void {
  if (consumer.products && !consumer.products.includes(op.contract)) {
    throw new ForbiddenProblem('product-not-allowed', `${consumer.name} may not call ${op.contract}`, {
      product: op.contract,
    });
  }
  for (const needed of op.requirements) {
    if (needed.every((s) => consumer.scopes.includes(s))) return;
  }
  const missing = op.requirements[0].filter((s) => !consumer.scopes.includes(s));
  throw new ForbiddenProblem(
    'insufficient-scope',
    `${op.operationId} requires the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    { requiredScopes: op.requirements[0], missingScopes: missing },
  );
}

const blockLists = new WeakMap<string[], BlockList>();

/** The consumer's optional IP allow-list (CIDRs or addresses), compiled once per list. */
export function checkIpAllowList(consumer: ConsumerIdentity, ip: string): void {
  const list = consumer.ipAllowList;
  if (!list) return;
  let blocks = blockLists.get(list);
  if (!blocks) {
    blocks = new BlockList();
    for (const entry of list) {
      const [addr, bits] = entry.split('/');
      const type = isIPv6(addr) ? 'ipv6' : 'ipv4';
      if (!isIPv4(addr) && !isIPv6(addr)) continue;
      if (bits === undefined) blocks.addAddress(addr, type);
      else blocks.addSubnet(addr, Number(bits), type);
    }
    blockLists.set(list, blocks);
  }
  const mapped = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  const type = isIPv6(mapped) ? 'ipv6' : 'ipv4';
  if (!blocks.check(mapped, type)) {
    throw new ForbiddenProblem('ip-not-allowed', `${consumer.name} may not call from ${mapped}`);
  }
}
