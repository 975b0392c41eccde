import { ProviderError } from '../provider.errors';

/**
 * A csv import file that cannot be used. `file` is relative to the import root with `/` separators; `line` and
 * `column` are 1-based (column = field position in the record). The message leads with `file:line:column:` so it
 * can be clicked in an editor and grepped in logs.
 */
export class CsvValidationError extends ProviderError {
  override readonly name: string = 'CsvValidationError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}
