/**
 * IPv4 and IPv6 addresses and CIDR blocks for the `IpAddress` / `NotIpAddress` operators (IAM User
 * Guide, "IP address condition operators": RFC 4632 notation, IPv4 and IPv6). Addresses become
 * bigints so a CIDR test is one shift and compare. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`)
 * are compared as IPv4, since that is the address the client really has.
 */
import { memoMap, remember } from "./caches";

export interface IpNetwork {
  readonly version: 4 | 6;
  /** The network address with host bits cleared. */
  readonly network: bigint;
  readonly prefix: number;
}

interface IpValue {
  readonly version: 4 | 6;
  readonly value: bigint;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** `s` holds a colon (parseIp's test); a zone id (`%eth0`) fails the group syntax. */
function parseIpv6(s: string): bigint | undefined {
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): string[] => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const words: number[] = [];
  const pushGroups = (list: string[], out: number[]): boolean => {
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      if (g.includes(".") && i === list.length - 1) {
        const v4 = parseIpv4(g);
        if (v4 === undefined) return false;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        out.push(parseInt(g, 16));
      } else {
        return false;
      }
    }
    return true;
  };
  const headWords: number[] = [];
  const tailWords: number[] = [];
  if (!pushGroups(head, headWords) || !pushGroups(tail, tailWords)) return undefined;
  if (halves.length === 1) {
    if (headWords.length !== 8) return undefined;
    words.push(...headWords);
  } else {
    const missing = 8 - headWords.length - tailWords.length;
    if (missing < 1) return undefined;
    words.push(...headWords, ...new Array<number>(missing).fill(0), ...tailWords);
  }
  let value = 0n;
  for (const w of words) value = (value << 16n) | BigInt(w);
  return value;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

function parseIp(s: string): IpValue | undefined {
  const trimmed = s.trim();
  if (trimmed.includes(":")) {
    const v6 = parseIpv6(trimmed);
    if (v6 === undefined) return undefined;
    if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 ^ V4_MAPPED_PREFIX };
    return { version: 6, value: v6 };
  }
  const v4 = parseIpv4(trimmed);
  return v4 === undefined ? undefined : { version: 4, value: v4 };
}

/** Parses `203.0.113.0/24`, `2001:db8::/32` or a bare address (a /32 or /128). */
export function parseCidr(s: string): IpNetwork | undefined {
  const [address, prefixText, ...more] = s.split("/");
  const ip = parseIp(address);
  if (ip === undefined || more.length > 0) return undefined;
  const bits = ip.version === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    const p = prefixText.trim();
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > bits) return undefined;
  }
  const shift = BigInt(bits - prefix);
  return { version: ip.version, network: (ip.value >> shift) << shift, prefix };
}

const addressCache = memoMap<string, IpValue | null>();

/** Whether the request's address lies in the network; a value that is not an address never does. */
export function ipInNetwork(address: string, net: IpNetwork): boolean {
  const ip = remember(addressCache, address, 10_000, (a) => parseIp(a) ?? null);
  if (ip === null || ip.version !== net.version) return false;
  const shift = BigInt((net.version === 4 ? 32 : 128) - net.prefix);
  return ip.value >> shift === net.network >> shift;
}
