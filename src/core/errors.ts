/**
 * Bad input: names the file, the row or field, and what was expected. The CLI exits 2 on it.
 * `row` is 1-based data row (header excluded) for CSV files, or a JSON path such as `blocks[3]`.
 */
export class InputError extends Error {
  readonly file: string;
  readonly row?: number | string;
  readonly field?: string;
  constructor(file: string, message: string, row?: number | string, field?: string) {
    const where = [file, row !== undefined ? (typeof row === 'number' ? `row ${row}` : row) : undefined, field !== undefined ? `field '${field}'` : undefined]
      .filter((x) => x !== undefined)
      .join(' ');
    super(`${where}: ${message}`);
    this.name = 'InputError';
    this.file = file;
    this.row = row;
    this.field = field;
  }
}

/** Several input errors found in one pass; the message lists them all. */
export class InputErrors extends Error {
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'InputErrors';
    this.errors = errors;
  }
}

export function isInputError(e: unknown): e is InputError | InputErrors {
  return e instanceof InputError || e instanceof InputErrors;
}
