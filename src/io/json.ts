/** Reading a JSON file; a missing or broken file is an InputError naming it. */
import fs from 'node:fs';
import { InputError } from '../core/errors.ts';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file not found or unreadable');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `not valid JSON: ${(e as Error).message}`);
  }
}
