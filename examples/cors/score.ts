/**
 * A raw-HTTP entry script that answers cross-origin requests itself, as in the Azure ML CORS example: every
 * response it writes carries `Access-Control-Allow-Origin`. The model is a lexicon sentiment scorer: POST
 * `{"text": "…"}` and get its sentiment; GET returns the request path; OPTIONS answers a browser's preflight.
 *
 * The server can also answer CORS for every route by itself: `AML_CORS_ORIGINS` (see README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawHttp, ScoringResponse, type ScoringRequest, type ScoringResponseBody } from '@inferschema/core';

/** The one origin whose pages may call this service (the Azure ML example's). */
export const ALLOWED_ORIGIN = 'http://www.example.com';

interface Lexicon {
  readonly negators: readonly string[];
  readonly negationWindow: number;
  readonly words: Readonly<Record<string, number>>;
}

/** One scored word of the text, with the valence it contributed (negated when a negator came before it). */
type ScoredWord = { word: string; valence: number };

type Sentiment = { label: 'positive' | 'negative' | 'neutral'; score: number; comparative: number; words: ScoredWord[] };

const WORD = /[a-z]+(?:'[a-z]+)?/g;

function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

export default class SentimentService {
  #lexicon: Lexicon | undefined;

  /** Azure-style: the runtime sets `AZUREML_MODEL_DIR` before it calls `init()`. */
  init(): void {
    const file = join(process.env.AZUREML_MODEL_DIR ?? '.', 'lexicon.json');
    this.#lexicon = JSON.parse(readFileSync(file, 'utf8')) as Lexicon;
  }

  @rawHttp
  run(request: ScoringRequest): ScoringResponse {
    switch (request.method) {
      case 'GET':
        return this.#reply(request.url, 200);
      case 'OPTIONS':
        return this.#reply(undefined, 200, {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type',
        });
      case 'POST':
        return this.#score(request);
      default:
        return this.#reply({ message: `${request.method} is not supported: use GET or POST` }, 405);
    }
  }

  #score(request: ScoringRequest): ScoringResponse {
    if (!isJsonType(request.headers['content-type'])) return this.#reply({ message: 'Expects Content-Type to be application/json' }, 415);
    let body: unknown;
    try {
      body = request.json();
    } catch (error) {
      return this.#reply({ message: `POST body could not be decoded as JSON: ${(error as Error).message}` }, 400);
    }
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') return this.#reply({ message: 'POST body must be a JSON object with a string "text"' }, 400);
    return this.#reply(this.#sentiment(text), 200);
  }

  /** Sums the valence of the lexicon's words; a negator flips the next scored word within the window. */
  #sentiment(text: string): Sentiment {
    const lexicon = this.#lexicon!;
    const tokens = text.toLowerCase().match(WORD) ?? [];
    const words: ScoredWord[] = [];
    let negatedUntil = -1;
    tokens.forEach((token, index) => {
      if (lexicon.negators.includes(token)) {
        negatedUntil = index + lexicon.negationWindow;
        return;
      }
      const valence = lexicon.words[token];
      if (valence === undefined) return;
      const negated = index <= negatedUntil;
      if (negated) negatedUntil = -1;
      words.push({ word: token, valence: negated ? -valence : valence });
    });
    const score = words.reduce((sum, word) => sum + word.valence, 0);
    const comparative = tokens.length === 0 ? 0 : Math.round((score / tokens.length) * 10_000) / 10_000;
    const label = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
    return { label, score, comparative, words };
  }

  /** Every response of this script allows the one origin. */
  #reply(body: ScoringResponseBody, status: number, headers: Record<string, string> = {}): ScoringResponse {
    return new ScoringResponse(body, { status, headers: { 'access-control-allow-origin': ALLOWED_ORIGIN, ...headers } });
  }
}
