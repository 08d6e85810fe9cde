// Every code block in the README and docs/ is a copy of a file that the tests compile or run, so the
// documentation cannot drift from the code. `node scripts/doc-snippets.mjs --write` re-syncs them.
import { checkFile, documentationFiles } from '../scripts/doc-snippets.mjs';

describe('documentation code blocks', () => {
  for (const file of documentationFiles()) {
    it(`${file} shows only code taken from source files, unchanged`, () => {
      expect(checkFile(file).problems).toEqual([]);
    });
  }
});
