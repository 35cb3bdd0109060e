/** Bytes as lowercase hex, two digits a byte: the one spelling of digests, tokens and nonces. */
export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a string as lowercase hex (Web Crypto: the same in workerd and Node). */
export async function hashText(text: string): Promise<string> {
  return hashBytes(new TextEncoder().encode(text));
}

/** SHA-256 of raw bytes as lowercase hex (a fetched page, before any decoding). */
export async function hashBytes(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * Whether `given` is the secret `expected` (never, when no secret is set). Both are digested
 * first and compared with timingSafeEqual, so the time taken says nothing about the guess.
 */
export async function isSecret(given: string, expected: string): Promise<boolean> {
  const digest = (value: string) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b) && expected.length > 0;
}
