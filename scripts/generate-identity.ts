/**
 * npm run identity: renders the site's identity images from assets/icon.svg with Debian's
 * Chromium (headless, the one the e2e suite uses) and writes them as files into public/, the
 * Workers static assets directory (wrangler.toml `[assets]`): the platform serves them before
 * the Worker runs, so they cost no script size and no Worker CPU. public/_headers gives them
 * their cache lifetime and the ICO its type. The files:
 * - /og-image.png, 1200×630, the default Open Graph / Twitter card image;
 * - /favicon.ico, 16, 32 and 48 px PNGs in one ICO container;
 * - /icon-192.png and /icon-512.png for the web app manifest;
 * - /icon.svg, the logo itself, copied.
 * Run it again after editing the SVG; the output is committed (no browser at deploy time).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const svg = readFileSync('assets/icon.svg', 'utf8');
const work = mkdtempSync(join(tmpdir(), 'identity-'));

function screenshot(name: string, html: string, width: number, height: number): Buffer {
  const page = join(work, `${name}.html`);
  const out = join(work, `${name}.png`);
  writeFileSync(page, html);
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      '--default-background-color=00000000',
      `--window-size=${width},${height}`,
      `--screenshot=${out}`,
      `file://${page}`,
    ],
    { stdio: 'ignore' },
  );
  return readFileSync(out);
}

const iconPage = (size: number): string =>
  `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`;

const card = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; width: 1200px; height: 630px; display: flex; align-items: center; gap: 56px;
    padding: 0 96px; box-sizing: border-box; background: #0f4c5c; color: #fdf6e3;
    font-family: 'Noto Sans', 'Noto Sans CJK JP', sans-serif; }
  svg { width: 260px; height: 260px; flex: none; filter: drop-shadow(0 8px 24px rgba(0,0,0,.35)); }
  h1 { font-size: 96px; margin: 0 0 16px; letter-spacing: -1px; }
  p { font-size: 36px; margin: 0 0 12px; color: #f2c14e; }
  small { font-size: 30px; color: #d8e6e9; }
</style></head><body>${svg}<div><h1>Silk Digest</h1><p>Uzbekistan–Japan, every week</p>
<small>English · Oʻzbekcha · Ўзбекча · 日本語</small></div></body></html>`;

/** An ICO holding PNG images (every browser since IE 11 reads PNG entries). */
function buildIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

const ogImage = screenshot('og', card, 1200, 630);
const favicon = buildIco(
  [16, 32, 48].map((size) => ({ size, png: screenshot(`i${size}`, iconPage(size), size, size) })),
);
const icon192 = screenshot('i192', iconPage(192), 192, 192);
const icon512 = screenshot('i512', iconPage(512), 512, 512);

const OUT = 'public';
writeFileSync(join(OUT, 'og-image.png'), ogImage);
writeFileSync(join(OUT, 'favicon.ico'), favicon);
writeFileSync(join(OUT, 'icon-192.png'), icon192);
writeFileSync(join(OUT, 'icon-512.png'), icon512);
copyFileSync('assets/icon.svg', join(OUT, 'icon.svg'));
console.log(
  `identity: og-image ${ogImage.length} B, favicon ${favicon.length} B, icons ${icon192.length} + ${icon512.length} B`,
);
