import { z } from 'zod';
import { normalise, OFFTOPIC_MARKERS } from './lexicon.js';
import { findArticle, fromChineseNumber, OPINION_ARTICLES, partTitle } from './opinion.js';
import { type LegalCategory, type Link, type RightsAnswer, Topic } from './schema.js';
import { describeMonths, describeTenure, parseTenure, severanceMonths } from './severance.js';
import { TOPIC_DATA } from './topics/index.js';

/** Below this score the engine is not confident and declines. */
export const MIN_SCORE = 5;
/** When the question is clearly about work (anchor words), a weaker match is enough. */
const MIN_SCORE_AT_WORK = 3;
const WORK_ANCHORS = ['单位', '工资', '合同', '上班', '干活', '车间', '员工', '职工', '工人', '工地', '入职', '离职', '辞职', '辞退', '加班', '劳动', '打工', '工会'].map(normalise);
const MAX_ANSWER = 300;
const MAX_QUESTION = 500;

function loadTopics(): readonly Topic[] {
  const topics = z.array(Topic).parse(TOPIC_DATA);
  const seen = new Set<string>();
  for (const t of topics) {
    if (seen.has(t.id)) throw new Error(`主题 id 重复: ${t.id}`);
    seen.add(t.id);
    for (const c of t.citations) {
      if (c.source !== '意见') continue;
      const a = findArticle(c.article);
      if (!a) throw new Error(`${t.id}: 意见没有第${c.article}条`);
      if (c.quote && !`${a.title}。${a.text}`.includes(c.quote)) throw new Error(`${t.id}: 引文不在意见（${c.article}）中: ${c.quote}`);
    }
  }
  return Object.freeze(topics);
}

export const TOPICS = loadTopics();

interface CompiledKey {
  parts: number[];
  topic: number;
  weight: number;
}

// Every distinct key part and off-topic marker, indexed by first character: one left-to-right
// dictionary scan of the question finds all of them (instead of a substring search per key).
const PARTS: string[] = [];
const PART_ID = new Map<string, number>();
const BY_FIRST = new Map<string, number[]>();
function partId(word: string): number {
  let id = PART_ID.get(word);
  if (id === undefined) {
    id = PARTS.push(word) - 1;
    PART_ID.set(word, id);
    BY_FIRST.set(word[0], [...(BY_FIRST.get(word[0]) ?? []), id]);
  }
  return id;
}

// Keys are normalised like questions, so staff can write them in workers' words.
const KEYS: CompiledKey[] = TOPICS.flatMap((t, topic) =>
  Object.entries(t.keys).map(([key, weight]) => ({ parts: key.split('+').map((p) => partId(normalise(p))), topic, weight })),
);
const MARKERS = Object.entries(OFFTOPIC_MARKERS).map(([w, p]) => [partId(normalise(w)), p] as const);
// Single-part keys of 3+ characters also match with one character wrong (typos: 试用其, 医疗器).
const FUZZY_KEYS = KEYS.filter((k) => k.parts.length === 1 && PARTS[k.parts[0]].length >= 3 && k.weight > 0);

function findParts(n: string): Uint8Array {
  const found = new Uint8Array(PARTS.length);
  for (let i = 0; i < n.length; i++) {
    const candidates = BY_FIRST.get(n[i]);
    if (candidates) for (const id of candidates) if (!found[id] && n.startsWith(PARTS[id], i)) found[id] = 1;
  }
  return found;
}

export interface Scored {
  topic: string | null;
  score: number;
  normalised: string;
}

function nearlyIncludes(text: string, key: string): boolean {
  const n = key.length;
  for (let i = 0; i + n <= text.length; i++) {
    let miss = 0;
    for (let j = 0; j < n && miss < 2; j++) if (text.charCodeAt(i + j) !== key.charCodeAt(j)) miss++;
    // the first and last characters must match, so 3-character keys do not fire on loose overlaps
    if (miss === 1 && text[i] === key[0] && text[i + n - 1] === key[n - 1]) return true;
  }
  return false;
}

/** Best topic for a normalised question and its score (exposed for tests and tuning). */
export function scoreNormalised(n: string): Scored {
  const found = findParts(n);
  const scores = new Float64Array(TOPICS.length);
  for (const k of KEYS) {
    let all = true;
    for (const p of k.parts) if (!found[p]) { all = false; break; }
    if (all) scores[k.topic] += k.weight;
  }
  let penalty = 0;
  for (const [id, p] of MARKERS) if (found[id]) penalty += p;
  const atWork = WORK_ANCHORS.some((w) => n.includes(w));
  let best = pick(scores);
  // the lower bar is for rights questions only: 「老板你好」 is not a request for help
  let min = atWork && TOPICS[best].kind === 'rights' ? MIN_SCORE_AT_WORK : MIN_SCORE;
  if (scores[best] - penalty < min) {
    for (const k of FUZZY_KEYS) {
      const key = PARTS[k.parts[0]];
      if (!found[k.parts[0]] && n.includes(key[0]) && n.includes(key[key.length - 1]) && nearlyIncludes(n, key)) scores[k.topic] += k.weight / 2;
    }
    best = pick(scores);
    min = atWork && TOPICS[best].kind === 'rights' ? MIN_SCORE_AT_WORK : MIN_SCORE;
  }
  const score = scores[best] - penalty;
  return { topic: score >= min ? TOPICS[best].id : null, score, normalised: n };
}

function pick(scores: Float64Array): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  return best;
}

export function scoreQuestion(question: string): Scored {
  return scoreNormalised(normalise(question.slice(0, MAX_QUESTION)));
}

const DECLINE =
  '抱歉，这个问题不在我能可靠回答的范围里（我只答劳动维权和工会服务方面的问题），就不乱说了。如果和工作、劳动权益有关，可以换个说法再问，或在小程序预约工会律师法律咨询，也可以拨打职工服务热线12351。';

function decline(): RightsAnswer {
  return { answered: false, topic: null, answer: DECLINE, citations: [], links: [{ title: '预约法律咨询', page: 'pages/legal/index' }] };
}

function legalLink(category: LegalCategory): Link {
  return { title: '预约法律咨询', page: `pages/legal/index?category=${category}` };
}

// Topics whose answer states the severance rule; a tenure in the question gets worked out.
const SEVERANCE_TOPICS = new Set(['dismissal_severance', 'forced_resignation', 'contract_expiry']);
const SEVERANCE_EXAMPLE = /例：[^。]*。/;

function personalise(t: Topic, question: string): string {
  if (!SEVERANCE_TOPICS.has(t.id)) return t.answer;
  const tenure = parseTenure(question);
  if (!tenure) return t.answer;
  const line = `按你说的${describeTenure(tenure)}，经济补偿是${describeMonths(severanceMonths(tenure))}工资。`;
  const answer = SEVERANCE_EXAMPLE.test(t.answer)
    ? t.answer.replace(SEVERANCE_EXAMPLE, line)
    : t.answer.replace(/不满6个月付半个月。/, (m) => m + line);
  return answer.length <= MAX_ANSWER && answer !== t.answer ? answer : t.answer;
}

function fromTopic(t: Topic, question: string): RightsAnswer {
  const links = [...t.links];
  if (t.kind === 'rights' && !links.some((l) => l.page.startsWith('pages/legal/'))) links.push(legalLink(t.category));
  return {
    answered: true,
    topic: t.id,
    answer: personalise(t, question),
    citations: t.citations.map((c) => ({ ...c })),
    links,
  };
}

// 「意见第十七条讲了什么」「意见（十七）」「产改意见第17条」
const ARTICLE_REF = /第([一二三四五六七八九十]{1,3}|\d{1,3})条|意见([一二三四五六七八九十]{1,3}|\d{1,3})(?![一二三四五六七八九十\d])/;

function articleAnswer(n: string): RightsAnswer | null {
  if (!n.includes('意见') && !n.includes('产改')) return null;
  const m = ARTICLE_REF.exec(n);
  if (!m) return null;
  const raw = m[1] ?? m[2];
  const num = /^\d+$/.test(raw) ? Number(raw) : fromChineseNumber(raw);
  if (!num || num < 1 || num > OPINION_ARTICLES.length) {
    return { ...decline(), answer: `意见共27条，（一）至（二十七），没有你说的这一条。可以问我「意见第十五条讲了什么」。` };
  }
  const a = OPINION_ARTICLES[num - 1];
  const head = `意见第${a.number}条「${a.title}」（第${a.part}部分“${partTitle(a.part)}”）：`;
  const room = MAX_ANSWER - head.length;
  const body = a.text.length <= room ? a.text : `${a.text.slice(0, room - 1)}…`;
  return {
    answered: true,
    topic: 'opinion_article',
    answer: head + body,
    citations: [{ source: '意见', article: a.number, quote: a.title }],
    links: [{ title: '问一问', page: 'pages/ask/index' }],
  };
}

/** Question → answer object (API.md). Deterministic; no I/O. */
export function answerQuestion(question: string): RightsAnswer {
  const n = normalise(String(question ?? '').slice(0, MAX_QUESTION));
  if (n.length === 0) return decline();
  const article = articleAnswer(n);
  if (article) return article;
  const { topic } = scoreNormalised(n);
  if (!topic) return decline();
  return fromTopic(TOPICS.find((t) => t.id === topic)!, question);
}

