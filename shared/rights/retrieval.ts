// Scoring a question against every point's own words: BM25F over character bigrams of the normalised
// text (examples, title, answer, topic), plus whole-phrase hand keys as one more signal. Deterministic,
// offline, no segmentation dictionary: bigrams find a new phrasing without a new key.
import { normalise } from './lexicon.js';

export interface FieldText {
  examples: string[];
  title: string;
  answer: string;
  topic: string;
  keys: string[];
}

interface FieldSpec {
  weight: number;
  /** Length normalisation (0: none, 1: full). */
  b: number;
}

/** An unknown bigram in a short question counts for this share of the rarest known one in coverage(). */
const UNKNOWN_WEIGHT = 1;
const FIELDS = {
  examples: { weight: 1.0, b: 0.3 },
  title: { weight: 1.6, b: 0 },
  answer: { weight: 0.35, b: 0.6 },
  topic: { weight: 0.6, b: 0 },
} satisfies Record<string, FieldSpec>;
type FieldName = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

const K1 = 1.2;
/** A hand key found whole in the question adds this share of its bigrams' idf. */
export const KEY_WEIGHT = 0.9;

const DIGITS = /\d+(\.\d+)?/g;

/** Normalised text → its bigram ids (digit runs fold into one #, so amounts do not look like words). */
export function bigrams(n: string): string[] {
  const s = n.replace(DIGITS, '#');
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

export interface Hit {
  doc: number;
  score: number;
}

export class Index {
  private readonly termId = new Map<string, number>();
  private idf: Float64Array = new Float64Array(0);
  /** term → flat [doc, pseudo-tf, doc, pseudo-tf, …] */
  private postings: Float64Array[] = [];
  private keys: { doc: number; key: string; weight: number }[] = [];
  private keyByFirst = new Map<string, number[]>();
  readonly size: number;
  /** Per doc, the set of terms it has (for leftover scoring). */
  private docTerms: Set<number>[] = [];
  /** Bigrams of each doc's hand keys: a key found in a short question explains those characters. */
  private keyGrams: Set<string>[] = [];

  constructor(docs: readonly FieldText[]) {
    this.size = docs.length;
    const fieldTerms = docs.map((d) => ({
      examples: bigrams(d.examples.map(normalise).join('|')),
      title: bigrams(normalise(d.title)),
      answer: bigrams(normalise(d.answer)),
      topic: bigrams(normalise(d.topic)),
    }));
    const avg = {} as Record<FieldName, number>;
    for (const f of FIELD_NAMES) avg[f] = Math.max(1, fieldTerms.reduce((n, d) => n + d[f].length, 0) / Math.max(1, docs.length));
    const df = new Map<number, number>();
    const acc: Map<number, number>[] = [];
    fieldTerms.forEach((d, doc) => {
      const tf = new Map<number, number>();
      for (const f of FIELD_NAMES) {
        const spec: FieldSpec = FIELDS[f];
        const norm = 1 - spec.b + (spec.b * d[f].length) / avg[f];
        const counts = new Map<number, number>();
        for (const t of d[f]) {
          const id = this.id(t);
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        for (const [id, c] of counts) tf.set(id, (tf.get(id) ?? 0) + (spec.weight * c) / norm);
      }
      for (const id of tf.keys()) df.set(id, (df.get(id) ?? 0) + 1);
      acc.push(tf);
      this.docTerms.push(new Set(tf.keys()));
    });
    const n = docs.length;
    this.idf = new Float64Array(this.termId.size);
    for (const [id, d] of df) this.idf[id] = Math.log(1 + (n - d + 0.5) / (d + 0.5));
    const lists: number[][] = Array.from({ length: this.termId.size }, () => []);
    acc.forEach((tf, doc) => {
      for (const [id, v] of tf) lists[id].push(doc, v);
    });
    this.postings = lists.map((l) => Float64Array.from(l));
    docs.forEach((d, doc) => {
      this.keyGrams.push(new Set(d.keys.flatMap((k) => bigrams(normalise(k)))));
      for (const raw of d.keys) {
        const key = normalise(raw);
        if (key.length < 2) continue;
        const weight = KEY_WEIGHT * bigrams(key).reduce((s, t) => s + (this.termId.has(t) ? this.idf[this.termId.get(t)!] : 2), 0);
        const k = this.keys.push({ doc, key, weight }) - 1;
        this.keyByFirst.set(key[0], [...(this.keyByFirst.get(key[0]) ?? []), k]);
      }
    });
  }

  private id(t: string): number {
    let id = this.termId.get(t);
    if (id === undefined) {
      id = this.termId.size;
      this.termId.set(t, id);
    }
    return id;
  }

  /** The question's known terms (ids), each once. */
  terms(n: string): number[] {
    const seen = new Set<number>();
    for (const t of bigrams(n)) {
      const id = this.termId.get(t);
      if (id !== undefined) seen.add(id);
    }
    return [...seen];
  }

  /** Scores for every doc: BM25F on `terms`, plus hand keys found whole in `n`. */
  score(terms: readonly number[], n: string | null, out = new Float64Array(this.size)): Float64Array {
    out.fill(0);
    for (const t of terms) {
      const list = this.postings[t];
      const idf = this.idf[t];
      for (let i = 0; i < list.length; i += 2) {
        const tf = list[i + 1];
        out[list[i]] += (idf * tf * (K1 + 1)) / (K1 + tf);
      }
    }
    if (n !== null) {
      const counted = new Set<number>();
      for (let i = 0; i < n.length; i++) {
        const ks = this.keyByFirst.get(n[i]);
        if (!ks) continue;
        for (const k of ks) {
          const key = this.keys[k];
          // one key per doc counts once, however often it occurs
          if (!counted.has(k) && n.startsWith(key.key, i)) {
            counted.add(k);
            out[key.doc] += key.weight;
          }
        }
      }
    }
    return out;
  }

  /**
   * Share of the question's weight that `doc` explains: idf of the question's bigrams found in the doc
   * over idf of all its bigrams (unknown ones count at the highest idf). Low for chit-chat that only
   * shares 上班 or 工资 with a point.
   */
  coverage(n: string, doc: number): number {
    const all = bigrams(n);
    const maxIdf = Math.log(1 + (this.size + 0.5) / 0.5);
    const has = this.docTerms[doc];
    const keyed = this.keyGrams[doc];
    let hit = 0;
    let total = 0;
    for (const t of new Set(all)) {
      const id = this.termId.get(t);
      const w = id === undefined ? maxIdf * UNKNOWN_WEIGHT : this.idf[id];
      total += w;
      if ((id !== undefined && has.has(id)) || keyed.has(t)) hit += w;
    }
    return total > 0 ? hit / total : 0;
  }

  /** Terms of the question that `doc` does not contain. */
  leftover(terms: readonly number[], doc: number): number[] {
    const has = this.docTerms[doc];
    return terms.filter((t) => !has.has(t));
  }

  idfOf(t: number): number {
    return this.idf[t];
  }
}
