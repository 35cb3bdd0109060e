/**
 * Encoders for the legacy charsets the ingestion tests need (TextEncoder only writes UTF-8),
 * limited to ASCII, Cyrillic А–я (and Ў ў, which windows-1251 has) and the katakana and kanji used in the tests: enough to
 * produce real Shift_JIS, EUC-JP and windows-1251 bytes for the decoder to read back.
 */
const KANJI: Record<string, { sjis: number; euc: number }> = {
  日: { sjis: 0x93fa, euc: 0xc6fc },
  本: { sjis: 0x967b, euc: 0xcbdc },
  ー: { sjis: 0x815b, euc: 0xa1bc },
  と: { sjis: 0x82c6, euc: 0xa4c8 },
  の: { sjis: 0x82cc, euc: 0xa4ce },
  '。': { sjis: 0x8142, euc: 0xa1a3 },
};

function pushWide(out: number[], code: number): void {
  out.push(code >> 8, code & 0xff);
}

export function encodeJapanese(text: string, charset: 'shift_jis' | 'euc-jp'): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x30a1 && cp <= 0x30f6) {
      if (charset === 'euc-jp') pushWide(out, 0xa5a1 + (cp - 0x30a1));
      else {
        const code = 0x8340 + (cp - 0x30a1);
        pushWide(out, code >= 0x837f ? code + 1 : code);
      }
    } else {
      const kanji = KANJI[char];
      if (!kanji) throw new Error(`no ${charset} code for ${char} in this helper`);
      pushWide(out, charset === 'euc-jp' ? kanji.euc : kanji.sjis);
    }
  }
  return new Uint8Array(out);
}

export function encodeWindows1251(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x410 && cp <= 0x44f) out.push(0xc0 + (cp - 0x410));
    else if (char === 'Ў') out.push(0xa1);
    else if (char === 'ў') out.push(0xa2);
    else throw new Error(`no windows-1251 code for ${char} in this helper`);
  }
  return new Uint8Array(out);
}
