/**
 * Bytes to text for fetched feeds and pages. The charset is taken, in order, from a byte order
 * mark, the HTTP `Content-Type`, the XML declaration (feeds) or `<meta charset>` /
 * `<meta http-equiv>` (pages), then UTF-8. workerd's `TextDecoder` knows every WHATWG encoding
 * (Shift_JIS, EUC-JP, ISO-2022-JP, windows-1251, KOI8-R…), so no table is bundled here; an
 * unknown label falls back to UTF-8 instead of failing the item.
 */

/** How far into a document a declaration is looked for (the HTML spec's prescan reads 1024). */
const PRESCAN_BYTES = 1024;

const HTTP_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;
const XML_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i;

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function createDecoder(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

/** The encoding a document declares in its own first bytes, read as ASCII. */
function findDeclaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, PRESCAN_BYTES));
  return XML_DECLARATION.exec(head.trimStart())?.[1] ?? META_CHARSET.exec(head)?.[1] ?? null;
}

/** The label that decodes `bytes`: what `decodeText` uses, exposed for the tests and logs. */
export function chooseCharset(bytes: Uint8Array, contentType: string | null): string {
  const candidates = [sniffBom(bytes), HTTP_CHARSET.exec(contentType ?? '')?.[1], findDeclaredCharset(bytes)];
  for (const candidate of candidates) {
    const decoder = createDecoder(candidate);
    if (decoder) return decoder.encoding;
  }
  return 'utf-8';
}

export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  // The BOM is stripped by the decoder itself (ignoreBOM defaults to false).
  return new TextDecoder(chooseCharset(bytes, contentType)).decode(bytes);
}
