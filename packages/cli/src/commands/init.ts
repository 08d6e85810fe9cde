import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import { write, type CliIo } from '../cli-io.js';
import { initProject, type InitOptions } from '../scaffold/init-project.js';
import { DECORATOR_MODES, INPUT_KINDS } from '../scaffold/project-options.js';

async function init(io: CliIo, dir: string, options: InitOptions): Promise<void> {
  const files = await initProject(dir, options);
  const cd = relative(process.cwd(), dir) === '' ? [] : [`  cd ${dir}`];
  const lines = [
    `Created ${dir}: ${files.length} files (${options.decorators} decorators, ${options.input} input), among them`,
    '  src/score.ts    the entry script, with samples    model/  its model',
    '  swagger.json    its service document              test/   its test',
    'Next:',
    ...cd,
    '  npm install',
    '  npm test',
    '  npm start',
  ];
  await write(io.stdout, `${lines.join('\n')}\n`);
}

/** `inferschema init [dir]`: a new project that serves, tests and documents a model at once. */
export function registerInitCommand(program: Command, io: CliIo): void {
  program
    .command('init')
    .summary('create a new project: entry script, model, test, swagger.json, CI workflow and Dockerfile')
    .description(
      'Create a project that works at once: package.json (scripts start, test, check, swagger, build), tsconfig.json, ' +
        'src/score.ts with samples and a tiny model in model/, a vitest test that scores a request, swagger.json ' +
        '(what `inferschema swagger` generates, so `--check` passes), a CI workflow, a Dockerfile (multi-stage, ' +
        'unprivileged, health check on /v2/health/ready), .gitignore and a README. A directory that holds files ' +
        'is refused unless --force; nothing is written when anything fails.',
    )
    .argument('[dir]', 'the project directory, created if missing', '.')
    .addOption(new Option('--decorators <mode>', 'TC39 decorators, or legacy (experimentalDecorators in tsconfig.json)').choices(DECORATOR_MODES).default('tc39'))
    .addOption(new Option('--input <kind>', 'what run takes: standard JSON values, an ndarray, or a DataFrame (adds apache-arrow)').choices(INPUT_KINDS).default('standard'))
    .option('--force', 'write into a directory that already holds files, replacing those of the same name')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ inferschema init house-price',
        '  $ inferschema init scorer --input ndarray --decorators legacy',
        '  $ npm create inferschema house-price            # the same, without installing inferschema first',
        '',
        'Exit codes: 0 created, 1 a file could not be written, 2 the directory is not empty or an option is wrong.',
      ].join('\n'),
    )
    .action((dir: string, options: InitOptions) => init(io, dir, options));
}
