/**
 * The CSP source expression for an inline stylesheet: 'sha256-<base64 digest>' of its exact
 * text. Async (crypto.subtle), so the Worker never calls it: `npm run style-hash` runs it at
 * build time and tests/security-headers.test.ts checks that the stored value is current.
 */
export async function cspHashOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}
