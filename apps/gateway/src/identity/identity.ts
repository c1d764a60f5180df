/**
 * Who is calling the gateway, as every policy step after authentication sees it. Built once per
 * credential and cached in memory (see AuthenticationService): no database round trip per request.
 */
export interface ConsumerIdentity {
  consumerId: string;
  name: string;
  kind: 'internal' | 'partner';
  plan: string;
  /** e.g. ['crm:read', 'project-setup:write', 'admin'] */
  scopes: string[];
  /** Allowed product versions, e.g. ['system.crm.v1']; null = all. */
  products: string[] | null;
  /** Legal entities the consumer may see; null = all. */
  legalEntities: string[] | null;
  /** CIDRs the consumer may call from; null = any address. */
  ipAllowList: string[] | null;
  credential: ConsumerCredential;
}

export type ConsumerCredential =
  { type: 'api-key'; keyId: string; keyPrefix: string } | { type: 'jwt'; clientId: string; tokenId: string };

/** The scope that opens the gateway's admin API. */
export const ADMIN_SCOPE = 'admin';
