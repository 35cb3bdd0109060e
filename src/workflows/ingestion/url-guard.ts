/**
 * The outbound-fetch guard (SSRF): feeds and pages come from URLs that operators type and
 * feeds name, so a URL pointing into a private network, the loopback or link-local range (cloud
 * metadata at 169.254.169.254) is refused before any request, and so is every redirect's target.
 * Workers cannot resolve DNS themselves, so the check is on the URL's host: literal addresses
 * and the names that only ever mean a local machine. `allowPrivate` (the variable
 * `INGEST_ALLOW_PRIVATE_HOSTS=true`) lifts it for local development and the end-to-end tests.
 */

export class BlockedUrlError extends Error {
  override name = 'BlockedUrlError';
}

function parseIpv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : null;
}

function isPrivateIpv4([a = 0, b = 0]: readonly number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

function isPrivateIpv6(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (address === '::' || address === '::1') return true;
  // IPv4-mapped (::ffff:10.0.0.1, or as WHATWG URL writes it, ::ffff:a00:1).
  const mapped = /^::ffff:(.+)$/.exec(address)?.[1];
  if (mapped !== undefined) {
    const dotted = parseIpv4(mapped);
    if (dotted) return isPrivateIpv4(dotted);
    const [high = '0', low = '0'] = mapped.split(':');
    const value = (parseInt(high, 16) << 16) | parseInt(low, 16);
    return isPrivateIpv4([(value >>> 24) & 255, (value >>> 16) & 255]);
  }
  return /^f[cd]/.test(address) || /^fe[89ab]/.test(address) || address.startsWith('ff');
}

/** True when `url`'s host is a private, loopback, link-local or local-only name or address. */
export function isPrivateHost(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return isPrivateIpv6(host);
  const ipv4 = parseIpv4(host);
  if (ipv4) return isPrivateIpv4(ipv4);
  // WHATWG URL already turns 0x7f.1, 2130706433 and friends into dotted IPv4, checked above.
  return (
    host === 'localhost' || !host.includes('.') || /\.(?:localhost|local|internal|intranet|lan|home\.arpa)$/.test(host)
  );
}

/** Parses and checks a URL to fetch; throws `BlockedUrlError` with the reason. */
export function checkFetchUrl(value: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BlockedUrlError(`not a URL: ${value.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockedUrlError(`only http and https are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new BlockedUrlError('URLs with credentials are not fetched');
  if (!allowPrivate && isPrivateHost(url)) {
    throw new BlockedUrlError(`${url.hostname} is a private or local address`);
  }
  return url;
}
