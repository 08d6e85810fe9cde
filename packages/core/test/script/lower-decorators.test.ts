import { loadScoringScript } from '@inferschema/core/runtime';
import { hasDecoratorSyntax, lowerDecorators } from '../../src/script/lower-decorators.js';
import { decoratorModes } from '../fixtures/support/decorator-mode.mjs';
import { fixture, MODEL_DIR } from './fixture-paths.js';

describe('decorators left in JavaScript', () => {
  it('are found at the start of a line, after export or export default, and nowhere else', () => {
    expect(hasDecoratorSyntax('class A {\n    @modelInit\n    init() {}\n}')).toBe(true);
    expect(hasDecoratorSyntax('@batch({ maxBatchSize: 8 })\nexport class A {}')).toBe(true);
    expect(hasDecoratorSyntax('export @sealed class A {}')).toBe(true);
    expect(hasDecoratorSyntax('export default @sealed class A {}')).toBe(true);
    expect(hasDecoratorSyntax('/**\n * @param data rows\n * @example\n */\nfunction run(data) {}')).toBe(false);
    expect(hasDecoratorSyntax("const mail = 'me@example.com'; // @todo")).toBe(false);
  });

  it('are lowered in either mode, imports kept as written', async () => {
    const source = "import { used, unused } from 'x';\nexport class A {\n  @used\n  run() {}\n}\n";
    for (const mode of ['tc39', 'legacy'] as const) {
      const lowered = await lowerDecorators(source, '/app/dist/score.js', mode);
      expect(hasDecoratorSyntax(lowered)).toBe(false);
      expect(lowered).toContain('import { used, unused } from "x";');
      expect(lowered).toContain('//# sourceMappingURL=data:application/json;base64,');
    }
  });

  it('take the mode of the tsconfig the loader is given, as .ts scripts do', async () => {
    const file = 'js-decorated/tc39/class-default.js';
    const script = await loadScoringScript(fixture(file), { tsconfig: fixture('js-decorated/legacy/tsconfig.json') });
    expect(decoratorModes()[file]).toBe('legacy');
    await script.init(MODEL_DIR);
    await expect(script.invoke({ data: [1, 2] })).resolves.toEqual([20, 40]);
    await loadScoringScript(fixture(file), { tsconfig: false });
    expect(decoratorModes()[file]).toBe('tc39');
  });
});
