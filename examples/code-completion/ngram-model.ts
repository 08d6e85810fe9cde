import { isLineBreak } from './tokenizer.js';

/** Pads the start of every file, so the first tokens have a two-token context. */
export const START = '<s>';
/** Joins the two tokens of a context into one key of {@link TrigramTable.trigrams}. */
export const CONTEXT_SEPARATOR = '\u0001';

/** What `train.ts` writes to `model/<language>.json`: trigram counts, from which everything else is derived. */
export interface TrigramTable {
  readonly language: string;
  readonly files: number;
  readonly tokens: number;
  /** `trigrams["a\u0001b"]["c"]` is how often token `c` followed tokens `a b` in the corpus. */
  readonly trigrams: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A next token and its conditional probability. */
export interface NextToken {
  readonly token: string;
  readonly probability: number;
}

type Counts = Map<string, Map<string, number>>;

function add(counts: Counts, context: string, token: string, count: number): void {
  const followers = counts.get(context) ?? new Map<string, number>();
  followers.set(token, (followers.get(token) ?? 0) + count);
  counts.set(context, followers);
}

/** The followers of a context with their probabilities, most likely first (ties by token). */
function distribution(followers: ReadonlyMap<string, number>): NextToken[] {
  const total = [...followers.values()].reduce((sum, count) => sum + count, 0);
  return [...followers]
    .map(([token, count]) => ({ token, probability: count / total }))
    .sort((a, b) => b.probability - a.probability || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

/**
 * A trigram language model over code tokens. The next token after `a b` is drawn from the trigram counts of
 * `a b`; a context never seen backs off to the bigram counts of `b`, then to the unigram counts.
 */
export class NgramModel {
  readonly language: string;
  readonly #trigrams = new Map<string, NextToken[]>();
  readonly #bigrams = new Map<string, NextToken[]>();
  readonly #unigrams: NextToken[];

  constructor(table: TrigramTable) {
    this.language = table.language;
    const bigrams: Counts = new Map();
    const unigrams: Counts = new Map();
    for (const [context, followers] of Object.entries(table.trigrams)) {
      const previous = context.slice(context.indexOf(CONTEXT_SEPARATOR) + 1);
      const counts = new Map(Object.entries(followers));
      this.#trigrams.set(context, distribution(counts));
      for (const [token, count] of counts) {
        add(bigrams, previous, token, count);
        add(unigrams, '', token, count);
      }
    }
    for (const [previous, followers] of bigrams) this.#bigrams.set(previous, distribution(followers));
    this.#unigrams = distribution(unigrams.get('') ?? new Map());
  }

  /** The distribution of the token after `a b`, from the longest context the corpus has seen. */
  next(a: string, b: string): readonly NextToken[] {
    return this.#trigrams.get(a + CONTEXT_SEPARATOR + b) ?? this.#bigrams.get(b) ?? this.#unigrams;
  }
}

/** How far and how wide {@link complete} searches. */
export interface SearchOptions {
  /** The most tokens a completion may have. */
  readonly depth: number;
  /** How many partial completions are kept after each step, and how many completions are returned. */
  readonly breadth: number;
  /** The fewest tokens a completion may have: a line may not end before. */
  readonly minTokens: number;
  /** Blanks typed after the last token: the first token must start with them (they are not repeated). */
  readonly typed?: string;
}

/** One completion: the text that follows the code, its number of tokens and its probability. */
export interface Completion {
  readonly text: string;
  readonly tokens: number;
  readonly probability: number;
}

interface Beam {
  readonly tokens: readonly string[];
  readonly logProbability: number;
}

function byLikelihood(a: Completion, b: Completion): number {
  return b.probability - a.probability || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

/**
 * Completes the rest of the line after `context` with a beam search: each step extends every kept beam with
 * its `breadth` likeliest next tokens and keeps the `breadth` likeliest results. A beam is complete when the
 * line ends (after at least `minTokens` tokens; its probability then includes that of a line break) or after
 * `depth` tokens. Returns the `breadth` likeliest
 * distinct completions, most likely first.
 */
export function complete(model: NgramModel, context: readonly string[], options: SearchOptions): Completion[] {
  const { depth, breadth, minTokens, typed = '' } = options;
  const padded = [START, START, ...context];
  const done: Beam[] = [];
  let beams: Beam[] = [{ tokens: [], logProbability: 0 }];
  for (let step = 0; step < depth && beams.length > 0; step++) {
    const extended: Beam[] = [];
    for (const beam of beams) {
      const history = [...padded, ...beam.tokens];
      const candidates = model.next(history.at(-2)!, history.at(-1)!).filter(({ token }) => step > 0 || token.startsWith(typed));
      // The line ends here with the probability of any line break (whatever the next line's indentation).
      const lineEnd = candidates.reduce((sum, { token, probability }) => sum + (isLineBreak(token) ? probability : 0), 0);
      if (lineEnd > 0 && beam.tokens.length >= Math.max(minTokens, 1)) {
        done.push({ tokens: beam.tokens, logProbability: beam.logProbability + Math.log(lineEnd) });
      }
      const next = candidates.filter(({ token }) => !isLineBreak(token)).slice(0, breadth);
      for (const { token, probability } of next) {
        extended.push({ tokens: [...beam.tokens, token], logProbability: beam.logProbability + Math.log(probability) });
      }
    }
    beams = extended.sort((a, b) => b.logProbability - a.logProbability).slice(0, breadth);
  }
  done.push(...beams.filter((beam) => beam.tokens.length >= minTokens));
  const completions = new Map<string, Completion>();
  for (const beam of done) {
    const text = beam.tokens.join('').slice(typed.length);
    const probability = Number(Math.exp(beam.logProbability).toPrecision(6));
    const known = completions.get(text);
    if (!known || known.probability < probability) completions.set(text, { text, tokens: beam.tokens.length, probability });
  }
  return [...completions.values()].sort(byLikelihood).slice(0, breadth);
}
