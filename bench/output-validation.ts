// The cost of output validation (on by default in `serve` and `run`): `invoke` on the same script loaded
// with and without it, for the regression example (1 row, as a typical request, and 1,000 rows) and the
// Power BI example's nested { Results } output. Rounds alternate between the two, so a busy machine slows both
// alike. Run from the repository root after `npx tsc -b`:
//   node --expose-gc --import tsx bench/output-validation.ts
import { loadScoringScript, type LoadedScript } from '@inferschema/core/runtime';
import { median } from './support/stats.js';

const ROUNDS = 15;

async function load(path: string, modelDir: string, validateOutput: boolean): Promise<LoadedScript> {
  const script = await loadScoringScript(path, { validateOutput });
  await script.init(modelDir);
  return script;
}

/** Microseconds per `invoke`, median over rounds of `calls` calls, alternating between the scripts. */
async function microsecondsPerCall(scripts: readonly LoadedScript[], body: unknown, calls: number): Promise<number[]> {
  const times = scripts.map((): number[] => []);
  for (let round = -2; round < ROUNDS; round++) {
    for (const [index, script] of scripts.entries()) {
      const started = performance.now();
      for (let call = 0; call < calls; call++) await script.invoke(body);
      if (round >= 0) times[index]!.push(((performance.now() - started) * 1000) / calls);
    }
  }
  return times.map(median);
}

const row = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
const cases = [
  { name: 'regression, 1 row', path: 'examples/regression/score.ts', model: 'examples/regression/model', body: { data: [row] }, calls: 2000 },
  {
    name: 'regression, 1,000 rows',
    path: 'examples/regression/score.ts',
    model: 'examples/regression/model',
    body: { data: Array.from({ length: 1000 }, () => row) },
    calls: 50,
  },
  {
    name: 'Power BI, 2 customers',
    path: 'examples/power-bi/score.ts',
    model: 'examples/power-bi/model',
    body: JSON.parse(
      '{"Inputs": {"customers": [{"age": 34, "income": 42.5, "tenure_months": 5, "plan": "basic"}, {"age": 61, "income": 88, "tenure_months": 48, "plan": "premium"}], "usage": [[12.5, 9, 4.5], [30, 31.5, 33]], "threshold": 0.5}, "GlobalParameters": {"method": "predict_proba"}}',
    ) as unknown,
    calls: 1000,
  },
];

console.log('| output | validation off (µs/call) | on (µs/call) | on / off |');
console.log('| --- | --- | --- | --- |');
for (const { name, path, model, body, calls } of cases) {
  const scripts = [await load(path, model, false), await load(path, model, true)];
  const [off, on] = await microsecondsPerCall(scripts, body, calls);
  console.log(`| ${name} | ${off!.toFixed(1)} | ${on!.toFixed(1)} | ${(on! / off!).toFixed(2)}x |`);
}
