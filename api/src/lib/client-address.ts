import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * Which hops in front of Foyer are the operator's own: either a count of reverse proxies
 * (`hops`), or the addresses and networks they use (`cidrs`). Neither: `X-Forwarded-For` is
 * ignored, since anyone can write it.
 */
export interface TrustedProxies {
  hops: number;
  cidrs: string[];
}

export const NO_TRUSTED_PROXY: TrustedProxies = { hops: 0, cidrs: [] };

/** Parses `FOYER_TRUSTED_PROXIES`: a hop count (`1`) or a comma-separated CIDR list (`10.0.0.0/8, ::1`). */
export function parseTrustedProxies(value: string): TrustedProxies {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { hops: Number(text), cidrs: [] };
  const cidrs = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const cidr of cidrs) toSubnet(cidr);
  return { hops: 0, cidrs };
}

function toSubnet(cidr: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } {
  const [address = '', prefixText] = cidr.split('/');
  const version = isIP(address);
  if (version === 0) throw new Error(`not an IP address or network: ${cidr}`);
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) throw new Error(`wrong prefix length: ${cidr}`);
  return { address, prefix, type: version === 4 ? 'ipv4' : 'ipv6' };
}

const blockLists = new WeakMap<string[], BlockList>();
function trustedNetworks(cidrs: string[]): BlockList {
  let list = blockLists.get(cidrs);
  if (!list) {
    list = new BlockList();
    for (const cidr of cidrs) {
      const { address, prefix, type } = toSubnet(cidr);
      list.addSubnet(address, prefix, type);
    }
    blockLists.set(cidrs, list);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.)/, '');
  const version = isIP(plain);
  return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The caller's IP address, for throttling. The chain is every `X-Forwarded-For` entry followed
 * by the socket's peer; each of our proxies appends what it saw, so the client is the right-most
 * address that none of our proxies wrote: skip `hops` entries from the right, or every entry in
 * the trusted networks. Entries further left were chosen by the client and are never used.
 */
export function clientAddress(c: Context<AppEnv>, trusted: TrustedProxies): string {
  const peer = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (trusted.hops === 0 && trusted.cidrs.length === 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  if (trusted.hops > 0) return chain[Math.max(0, chain.length - 1 - trusted.hops)] ?? peer;
  const list = trustedNetworks(trusted.cidrs);
  for (let i = chain.length - 1; i > 0; i--) {
    const address = chain[i] ?? '';
    if (!isTrusted(list, address)) return address;
  }
  return chain[0] ?? peer;
}
