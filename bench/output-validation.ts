// The cost of output validation (on by default in `serve` and `run`): `invoke` on the same script loaded
// with and without it, for the regression example (1 row, as a typical request, and 1,000 rows) and the
// Power BI example's nested { Results } output. Each call includes writing the result as JSON text, as the
// server does; a third column is the server's own path: validation on, with `jsonText` (an output type that
// can write a typed-array result directly does so, with no intermediate JSON value and nothing left to
// validate). Rounds alternate, so a busy machine slows all alike. Run from the repository root after `npx tsc -b`:
//   node --expose-gc --import tsx bench/output-validation.ts
import { stringifyJson } from '@inferschema/core';
import { isJsonText, loadScoringScript, type LoadedScript } from '@inferschema/core/runtime';

const ROUNDS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function load(path: string, modelDir: string, validateOutput: boolean): Promise<LoadedScript> {
  const script = await loadScoringScript(path, { validateOutput });
  await script.init(modelDir);
  return script;
}

const textOf = (result: unknown): string => (isJsonText(result) ? result.text : stringifyJson(result));

/** Microseconds per `invoke` and its JSON text, median over rounds of `calls` calls, alternating between the setups. */
async function microsecondsPerCall(setups: ReadonlyArray<{ script: LoadedScript; jsonText: boolean }>, body: unknown, calls: number): Promise<number[]> {
  const times = setups.map((): number[] => []);
  let length = 0;
  for (let round = -2; round < ROUNDS; round++) {
    for (const [index, { script, jsonText }] of setups.entries()) {
      const started = performance.now();
      for (let call = 0; call < calls; call++) length += textOf(await script.invoke(body, { jsonText })).length;
      if (round >= 0) times[index]!.push(((performance.now() - started) * 1000) / calls);
    }
  }
  if (length === 0) throw new Error('no output');
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

console.log('| output | validation off (µs/call) | on (µs/call) | on / off | on, as JSON text (µs/call) | as text / on |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const { name, path, model, body, calls } of cases) {
  const off = await load(path, model, false);
  const on = await load(path, model, true);
  const [offUs, onUs, textUs] = await microsecondsPerCall(
    [
      { script: off, jsonText: false },
      { script: on, jsonText: false },
      { script: on, jsonText: true },
    ],
    body,
    calls,
  );
  console.log(`| ${name} | ${offUs!.toFixed(1)} | ${onUs!.toFixed(1)} | ${(onUs! / offUs!).toFixed(2)}x | ${textUs!.toFixed(1)} | ${(textUs! / onUs!).toFixed(2)}x |`);
}
