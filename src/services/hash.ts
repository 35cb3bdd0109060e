/** SHA-256 of a string as lowercase hex (Web Crypto: the same in workerd and Node). */
export async function hashText(text: string): Promise<string> {
  return hashBytes(new TextEncoder().encode(text));
}

/** SHA-256 of raw bytes as lowercase hex (a fetched page, before any decoding). */
export async function hashBytes(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
