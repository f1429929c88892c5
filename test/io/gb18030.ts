/**
 * A GB18030 encoder for tests (Node has none): ASCII as it is, other characters through the table of
 * two-byte GBK codes, built by decoding every lead/trail byte pair with Node's own TextDecoder.
 */
let table: Map<string, number[]> | null = null;

function gbkTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const dec = new TextDecoder('gb18030', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = dec.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a two-byte code
      }
    }
  }
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const bytes = gbkTable().get(ch);
      if (!bytes) throw new Error(`encodeGb18030: no two-byte code for '${ch}'`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
