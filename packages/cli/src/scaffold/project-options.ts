/** The decorator dialects a new project can compile: TC39 (standard) or TypeScript's `experimentalDecorators`. */
export const DECORATOR_MODES = ['tc39', 'legacy'] as const;
export type DecoratorMode = (typeof DECORATOR_MODES)[number];

/** What the new project's `run` takes: plain JSON values, an ndarray, or a DataFrame (needs apache-arrow). */
export const INPUT_KINDS = ['standard', 'ndarray', 'dataframe'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** What `inferschema init` makes a project from. */
export interface ProjectOptions {
  /** The package name (`package.json`'s `name`). */
  readonly name: string;
  readonly decorators: DecoratorMode;
  readonly input: InputKind;
  /** The version of the inferschema packages it depends on. */
  readonly version: string;
}
