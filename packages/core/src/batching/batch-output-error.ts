/**
 * A batched `run` returned something that cannot be split back into its requests' rows: another number of
 * rows than it was given, or a value without rows. Every request of the batch fails with it (the script's
 * error: a 500).
 */
export class BatchOutputError extends Error {
  override readonly name = 'BatchOutputError';
  /** The rows the batch sent to `run`. */
  readonly inputRows: number;
  /** The rows `run` returned, or undefined when the value has none. */
  readonly outputRows: number | undefined;

  constructor(scriptPath: string, inputRows: number, outputRows: number | undefined, requests: number, returned: string) {
    const what = outputRows === undefined
      ? `a value without rows (${returned})`
      : `${outputRows} rows (first dimension)`;
    super(
      `Entry script ${scriptPath}: run returned ${what} for a batch of ${inputRows} rows from ${requests} request${requests === 1 ? '' : 's'}; ` +
        'a batched run must return one row per input row (an ndarray, a typed or plain array, an Arrow Table or a { column: values[] } object)',
    );
    this.inputRows = inputRows;
    this.outputRows = outputRows;
  }
}
