/** Reading a JSON file; a missing or broken file is an InputError naming it. */
import { InputError } from '../core/errors.ts';
import { readTextFile } from './readText.ts';

/** Bytes are decoded as every input is (src/io/readText.ts: UTF-8, or GB18030 with a notice). */
export function readJsonFile(file: string): unknown {
  const text = readTextFile(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `not valid JSON: ${(e as Error).message}`);
  }
}
