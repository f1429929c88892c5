/**
 * Bytes -> text for every file the project reads (CSV tables, JSON): a byte-order mark decides
 * (UTF-8, UTF-16 LE/BE, GB18030); otherwise, with encoding 'auto', UTF-8 when the bytes are valid
 * UTF-8, else GB18030 (what Excel and WPS write on a Chinese system: GBK is a subset), with a one-line
 * notice. An explicit 'utf8' or 'gb18030' is used as it is. Decoding is strict: bytes that are not
 * valid in the chosen encoding, or a U+FFFD replacement character already in the text (left by an
 * earlier wrong decoding), are an InputError naming the file and the row (line), never a silent `�`.
 *
 * The encoding of a read: the `encoding` argument, else the process-wide setting (setReadEncoding,
 * which the CLI sets once from --encoding, and which also reaches worker threads started afterwards
 * through the QUARTERHOUR_ENCODING environment variable), else 'auto'.
 */
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.ts';
import { isGzip } from './gzip.ts';

export const ENCODINGS = ['auto', 'utf8', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

const ENV = 'QUARTERHOUR_ENCODING';
let processEncoding: Encoding | undefined;

/** Parse an encoding name (utf8, utf-8, gb18030, gbk, gb2312, auto); `what` names the source in the error. */
export function parseEncoding(raw: string, what = 'command line'): Encoding {
  const v = raw.trim().toLowerCase().replace(/_/g, '-');
  if (v === 'auto') return 'auto';
  if (v === 'utf8' || v === 'utf-8') return 'utf8';
  if (v === 'gb18030' || v === 'gbk' || v === 'gb2312' || v === 'cp936') return 'gb18030';
  throw new InputError(what, `--encoding is '${raw}', expected one of: ${ENCODINGS.join(', ')}`);
}

/**
 * Set the encoding every later read uses unless given one (undefined: back to 'auto'). Also stored in
 * process.env so that worker threads created afterwards (a batch's runs) read the same way.
 */
export function setReadEncoding(encoding: Encoding | undefined): void {
  processEncoding = encoding;
  if (encoding === undefined || encoding === 'auto') delete process.env[ENV];
  else process.env[ENV] = encoding;
}

/** The encoding a read without an explicit one uses. */
export function readEncoding(): Encoding {
  if (processEncoding) return processEncoding;
  const env = process.env[ENV];
  return env ? parseEncoding(env, ENV) : 'auto';
}

/** Where one-line notices about how a file was read go (default: stderr, each file once per process). */
let noticeSink: (message: string) => void = (m) => process.stderr.write(`${m}\n`);
const noticed = new Set<string>();

/** Redirect the reading notices (tests, library users); returns the previous sink. */
export function setReadNotices(sink: (message: string) => void): (message: string) => void {
  const previous = noticeSink;
  noticeSink = sink;
  noticed.clear();
  return previous;
}

/** Say something about how `file` was read, once per file and kind of notice. */
export function readNotice(file: string, key: string, message: string): void {
  const k = `${key}\0${file}`;
  if (noticed.has(k)) return;
  noticed.add(k);
  noticeSink(message);
}

export interface DecodedText {
  text: string;
  /** The encoding the text was decoded from. */
  encoding: 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';
  /** How it was chosen. */
  by: 'bom' | 'valid-utf8' | 'detected' | 'option';
}

const NAMES = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be', gb18030: 'gb18030' } as const;

function strict(encoding: DecodedText['encoding'], bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(NAMES[encoding], { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The 1-based line of the first line that does not decode (lines split at 0x0A, which no UTF-8 or GB18030 multibyte sequence contains). */
function badLine(encoding: 'utf8' | 'gb18030', bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (strict(encoding, bytes.subarray(start, i)) === null) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
}

const LABEL = { utf8: 'UTF-8', utf16le: 'UTF-16', utf16be: 'UTF-16', gb18030: 'GB18030' } as const;

function checkNoReplacement(file: string, text: string, encoding: DecodedText['encoding']): void {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return;
  const row = text.slice(0, at).split('\n').length;
  throw new InputError(file, `holds the replacement character '\uFFFD' (read as ${LABEL[encoding]}): the text was damaged by an earlier wrong decoding; save the file again from the original`, row);
}

/** Decode a file's bytes (see the file comment); `file` names it in notices and errors. */
export function decodeText(bytes: Uint8Array, file: string, encoding: Encoding = readEncoding()): DecodedText {
  let out: DecodedText | null = null;
  const b = bytes;
  const bom = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (bom(0xef, 0xbb, 0xbf)) out = decodeAs('utf8', b.subarray(3), file, 'bom');
  else if (bom(0xff, 0xfe)) out = decodeAs('utf16le', b.subarray(2), file, 'bom');
  else if (bom(0xfe, 0xff)) out = decodeAs('utf16be', b.subarray(2), file, 'bom');
  else if (bom(0x84, 0x31, 0x95, 0x33)) out = decodeAs('gb18030', b.subarray(4), file, 'bom');
  else if (encoding === 'utf8' || encoding === 'gb18030') out = decodeAs(encoding, b, file, 'option');
  else {
    const utf8 = strict('utf8', b);
    if (utf8 !== null) out = { text: utf8, encoding: 'utf8', by: 'valid-utf8' };
    else {
      const gb = strict('gb18030', b);
      if (gb === null) throw new InputError(file, 'is neither UTF-8 nor GB18030 text (save it as "CSV UTF-8", or choose with --encoding)', badLine('gb18030', b));
      out = { text: gb, encoding: 'gb18030', by: 'detected' };
      readNotice(file, 'encoding', `${file}: not UTF-8, read as GB18030 (use --encoding to choose)`);
    }
  }
  checkNoReplacement(file, out.text, out.encoding);
  return out;
}

function decodeAs(encoding: DecodedText['encoding'], bytes: Uint8Array, file: string, by: DecodedText['by']): DecodedText {
  const text = strict(encoding, bytes);
  if (text === null) {
    const row = encoding === 'utf8' || encoding === 'gb18030' ? badLine(encoding, bytes) : undefined;
    const hint = encoding === 'utf8' ? ' (a file saved by Excel on a Chinese system is GB18030: use --encoding gb18030 or auto)' : encoding === 'gb18030' ? ' (use --encoding utf8 or auto)' : '';
    throw new InputError(file, `is not valid ${LABEL[encoding]} text${by === 'bom' ? ', though it starts with a byte-order mark' : ''}${hint}`, row);
  }
  return { text, encoding, by };
}

/** A gzip-compressed file's bytes, uncompressed; a broken one is an InputError naming it. */
function gunzipFile(bytes: Buffer, file: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new InputError(file, `is not valid gzip (${(e as Error).message}): was it cut short?`);
  }
}

/** Read a text file (a gzip-compressed one, such as coverage.csv.gz, is uncompressed first); a missing file is an InputError naming it. */
export function readTextFile(file: string, encoding?: Encoding): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new InputError(file, 'file not found or unreadable');
  }
  if (isGzip(bytes)) bytes = gunzipFile(bytes, file);
  return decodeText(bytes, file, encoding ?? readEncoding()).text;
}
