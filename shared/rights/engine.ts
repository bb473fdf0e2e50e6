// Question → answer object (API.md). Deterministic, offline, no I/O: the knowledge is loaded and
// indexed once at import.
import { calculate } from './calculators.js';
import { loadKnowledge } from './knowledge.js';
import { LABOUR_WORDS, normalise } from './lexicon.js';
import { findArticle, fromChineseNumber, OPINION_ARTICLES, partTitle } from './opinion.js';
import { bigrams, Index, type FieldText } from './retrieval.js';
import { type Calculator, type Choice, type Citation, type Facet, type Link, MAX_POINT_ANSWER, type Point, type RightsAnswer, type ScopeClass, type Topic } from './schema.js';

export const KNOWLEDGE = loadKnowledge();
const { topics: TOPICS, sources: SOURCES, scope: SCOPE } = KNOWLEDGE;

/** Below this score the engine is not confident and declines. */
export const MIN_SCORE = 10;
/** Without a labour word, a point must score this many times MIN_SCORE. */
const OFF_DOMAIN_FACTOR = 2.2;
const LABOUR = LABOUR_WORDS.map(normalise).filter((w) => w.length > 0);
const aboutWork = (n: string) => LABOUR.some((w) => n.includes(w));
/** A scope class beats the best point when it scores at least this share of it. */
const SCOPE_SHARE = 0.75;
/** Words only labour questions use: with one of them a scope class must outscore the point outright (「下班路上被车撞了算工伤吗」). */
// Matched on the question as written: normalising turns 用人单位 and 公司 alike into 单位, and a
// company word alone must never shelter a non-labour question.
const WORK_ANCHORS = ['工伤', '劳动合同', '劳动关系', '劳动仲裁', '用人单位', '劳动者', '经济补偿', '加班费', '辞退', '开除', '社保', '工资'];
const ANCHORED_SCOPE_SHARE = 1;
/** Two points closer than this share, on a short question, are asked back. */
const ASK_BACK_SHARE = 0.97;
const ASK_BACK_MAX_LENGTH = 10;
/** Two near-equal matches this weak mean the engine does not know: decline rather than ask back. */
const ASK_BACK_MIN_SCORE = 15;
/** A second matter: its score on the question's leftover words, as a share of the first point's score. */
const SECOND_SHARE = 0.42;
const SECOND_MIN = 8;
const SECOND_MIN_QUESTION = 16;
/** Without a second matter, a runner-up of another topic this close on a question this long is answered too. */
const CLOSE_SECOND_SHARE = 0.7;
const CLOSE_SECOND_MIN_QUESTION = 20;
/** Without either, a point of the first one's own topic this close is answered too. */
const SIBLING_SHARE = 0.8;
const SIBLING_MIN_QUESTION = 10;
/** A point of the facet the question asks for (多久, 找谁, 多少…) gets this bonus. */
const FACET_BONUS = 1.12;
/** A short question whose best point explains less than this share of its weight is declined (chit-chat with 上班 in it). */
const MIN_COVERAGE = 0.25;
const COVERAGE_MAX_LENGTH = 16;
/** …unless its point scores this much: a strong match on few words is not chit-chat. */
const COVERAGE_WAIVED_AT = 22;
const MAX_QUESTION = 500;

const FACET_CUES: Partial<Record<Facet, readonly string[]>> = {
  deadline: ['多久', '多长时间', '期限', '时效', '几天内', '多少天', '截止', '过期', '来得及', '时间限制', '什么时候', '几天之内', '多少日'],
  amount: ['多少钱', '几倍', '怎么算', '多少', '几个月工资', '标准', '赔多少', '能拿', '金额', '怎么计算', '算法'],
  who: ['找谁', '谁来', '谁负责', '谁出', '谁赔', '谁付', '哪个部门', '去哪', '谁承担', '由谁'],
  procedure: ['怎么办', '咋办', '怎么弄', '流程', '手续', '怎么申请', '步骤', '材料', '怎么要', '咋整', '如何申请', '程序'],
  exception: ['例外', '除非', '特殊情况', '也要吗', '也算吗', '是不是都'],
};
const CUES = Object.entries(FACET_CUES).flatMap(([facet, words]) => words.map((w) => [normalise(w), facet as Facet] as const));

interface PointRef {
  topic: Topic;
  point: Point;
  id: string;
}
const POINTS: PointRef[] = TOPICS.flatMap((topic) => topic.points.map((point) => ({ topic, point, id: `${topic.id}.${point.id}` })));
export const POINT_IDS: readonly string[] = POINTS.map((p) => p.id);
const POINT_BY_ID = new Map(POINTS.map((p) => [p.id, p]));

const docs: FieldText[] = [
  ...POINTS.map(({ topic, point }) => ({
    examples: [...point.examples.worker, ...point.examples.legal],
    title: point.title,
    answer: point.answer.join(''),
    topic: [topic.title, ...topic.keys].join('|'),
    keys: point.keys,
  })),
  ...SCOPE.map((s) => ({ examples: s.examples, title: s.title, answer: '', topic: '', keys: s.keys })),
];
const INDEX = new Index(docs);
/** A question that is one of the examples word for word is that doc, however short. */
const EXACT = new Map<string, number>();
docs.forEach((d, i) => d.examples.forEach((e) => EXACT.has(normalise(e)) || EXACT.set(normalise(e), i)));
const FIRST_SCOPE = POINTS.length;
const scratch = new Float64Array(INDEX.size);

export interface Ranked {
  /** Best point (null when a scope class or nothing won). */
  point: PointRef | null;
  score: number;
  scope: ScopeClass | null;
  scopeScore: number;
  runnerUp: PointRef | null;
  runnerUpScore: number;
  /** The best other point of the best point's own topic. */
  sibling: PointRef | null;
  siblingScore: number;
  normalised: string;
  /** The best-scoring point of each calculator (for a question that asks for a figure). */
  byCalc: Map<Calculator, PointRef>;
}

function facetsAsked(n: string): Set<Facet> {
  const asked = new Set<Facet>();
  for (const [cue, facet] of CUES) if (n.includes(cue)) asked.add(facet);
  return asked;
}

/** For each point, the [first, past-last) indices of its topic's points: a topic's points are contiguous. */
const TOPIC_RANGE: [number, number][] = (() => {
  const ranges: [number, number][] = [];
  for (let from = 0; from < POINTS.length; ) {
    let to = from;
    while (to < POINTS.length && POINTS[to].topic === POINTS[from].topic) to++;
    for (let d = from; d < to; d++) ranges.push([from, to]);
    from = to;
  }
  return ranges;
})();

/** A topic's score when the question has none of the words it requires. */
const REQUIRES_FACTOR = 0.6;
const REQUIRES = new Map(TOPICS.filter((t) => t.requires.length).map((t) => [t, t.requires.map(normalise).filter(Boolean)]));

/** The ranking behind an answer (exposed for tests and tuning). */
export function rank(question: string): Ranked {
  const n = normalise(String(question ?? '').slice(0, MAX_QUESTION));
  const terms = INDEX.terms(n);
  const scores = INDEX.score(terms, n, scratch);
  const asked = facetsAsked(n);
  let best = -1;
  let second = -1;
  let scope = -1;
  const calcBest = new Map<Calculator, number>();
  for (let d = 0; d < scores.length; d++) {
    if (d >= FIRST_SCOPE) {
      if (scope < 0 || scores[d] > scores[scope]) scope = d;
      continue;
    }
    if (asked.size && asked.has(POINTS[d].point.facet)) scores[d] *= FACET_BONUS;
    const requires = REQUIRES.get(POINTS[d].topic);
    if (requires && !requires.some((w) => n.includes(w))) scores[d] *= REQUIRES_FACTOR;
    const calc = POINTS[d].point.calc;
    if (calc && scores[d] > 0 && (!calcBest.has(calc) || scores[d] > scores[calcBest.get(calc)!])) calcBest.set(calc, d);
    if (best < 0 || scores[d] > scores[best]) {
      if (best >= 0 && POINTS[best].topic !== POINTS[d].topic) second = best;
      best = d;
    } else if (POINTS[d].topic !== POINTS[best].topic && (second < 0 || scores[d] > scores[second])) second = d;
  }
  let sibling = -1;
  if (best >= 0) {
    const [from, to] = TOPIC_RANGE[best];
    for (let d = from; d < to; d++) if (d !== best && (sibling < 0 || scores[d] > scores[sibling])) sibling = d;
  }
  return {
    point: best >= 0 ? POINTS[best] : null,
    score: best >= 0 ? scores[best] : 0,
    scope: scope >= 0 ? SCOPE[scope - FIRST_SCOPE] : null,
    scopeScore: scope >= 0 ? scores[scope] : 0,
    runnerUp: second >= 0 ? POINTS[second] : null,
    runnerUpScore: second >= 0 ? scores[second] : 0,
    sibling: sibling >= 0 ? POINTS[sibling] : null,
    siblingScore: sibling >= 0 ? scores[sibling] : 0,
    normalised: n,
    byCalc: new Map([...calcBest].map(([c, d]) => [c, POINTS[d]])),
  };
}

/** A second matter in the question: the best point of another topic on the words the first left over. */
function secondMatter(n: string, first: PointRef, firstScore: number): PointRef | null {
  if (n.length < SECOND_MIN_QUESTION) return null;
  const terms = INDEX.terms(n);
  const firstDoc = POINTS.indexOf(first);
  const left = INDEX.leftover(terms, firstDoc);
  if (left.length < 4) return null;
  const scores = INDEX.score(left, null, new Float64Array(INDEX.size));
  let best = -1;
  for (let d = 0; d < POINTS.length; d++) {
    if (POINTS[d].topic === first.topic) continue;
    if (best < 0 || scores[d] > scores[best]) best = d;
  }
  if (best < 0 || scores[best] < SECOND_MIN || scores[best] < SECOND_SHARE * firstScore) return null;
  return POINTS[best];
}

/** A question that asks for a figure (多少、几倍、怎么算). */
const ASKS_FIGURE = /多少|几倍|几天|怎么算|咋算|如何计算|怎么计算|能拿|能要|该给|该拿|赔多少|补多少|算多少|给多少/;
/** What a question must say for each calculator's figure to be what it asks for. */
const CALC_CUES: [Calculator, RegExp][] = [
  ['double_wage', /二倍工资|双倍工资|两倍工资|2倍工资|双倍|二倍/],
  ['overtime', /加班/],
  ['annual_leave', /年假|年休假/],
  ['probation_pay', /试用期[^。]{0,12}(?:工资|月薪|给多少|最少|最低)/],
  ['disability_subsidy', /伤残补助金?(?:能拿|有|是|给|该给|拿)?多少|多少(?:钱)?(?:的)?伤残补助/],
  ['minimum_wage', /最低工资/],
  ['training_bond', /培训[^。]{0,30}(?:违约金|服务期)|服务期[^。]{0,30}违约金/],
  ['sick_pay', /病假/],
  ['noncompete_pay', /竞业/],
  ['severance', /经济补偿|补偿金|补偿(?:按|怎么|能|给|有|该|多少|几个月)|N\+1/],
];

/** Stories whose figure is the point even unasked (「试用期超了」「病假只发了800」): that calculator's point goes first. */
const CALC_FIRST: [Calculator, RegExp][] = [
  ['probation_over', /试用期[^。]{0,16}(?:超了|超过|超出|违法|太长)|超(?:过|了)?[^。]{0,6}试用期/],
  ['probation_pay', /试用期[^。]{0,12}(?:只发|才发|给我发|只给|才给)[^。]{0,4}\d/],
  ['sick_pay', /病假/],
];

/**
 * When the question asks for a figure and the answer would not give it, the point whose calculator
 * reads the figure from the question goes first (the matched point stays as the second).
 */
function withFigure(refs: PointRef[], r: Ranked, q: string, today: string | undefined): PointRef[] {
  const first = (ref: PointRef) => [ref, ...refs.filter((x) => x.topic !== ref.topic)].slice(0, 2);
  for (const [calc, cue] of CALC_FIRST) {
    const ref = r.byCalc.get(calc);
    if (ref && refs[0]?.point.calc !== calc && cue.test(q) && calculate(calc, q, today)) return first(ref);
  }
  if (!ASKS_FIGURE.test(q) || refs.some((ref) => ref.point.calc && calculate(ref.point.calc, q, today))) return refs;
  for (const [calc, cue] of CALC_CUES) {
    const ref = r.byCalc.get(calc);
    if (ref && cue.test(q) && calculate(calc, q, today)) return first(ref);
  }
  return refs;
}

const REFERRAL_TAIL = '劳动和工会方面的问题，欢迎随时问我。';
const DECLINE =
  '抱歉，这个问题不在我能可靠回答的范围里（我只答劳动维权和工会服务方面的问题），就不乱说了。如果和工作、劳动权益有关，可以换个说法再问，或在小程序预约工会律师法律咨询，也可以拨打职工服务热线12351。';
const LEGAL_BOOKING: Link = { title: '预约法律咨询', page: 'pages/legal/index' };

function decline(scope: ScopeClass | null = null): RightsAnswer {
  const answer = !scope ? DECLINE : scope.legal ? `这个问题属于${scope.title}，不是劳动维权问题，我不乱答。${scope.referral}${scope.referral.includes('12348') ? '' : '也可以拨打12348公共法律服务热线咨询。'}${REFERRAL_TAIL}` : `${scope.referral}我只答劳动维权和工会服务方面的问题，比如「没签合同咋整」「加班费咋算」。`;
  return { answered: false, topic: null, answer, citations: [], links: [LEGAL_BOOKING] };
}

function citationsOf(ref: PointRef): Citation[] {
  return [...ref.point.citations, ...ref.topic.citations].map((c) => ({ ...c, version: SOURCES[c.source]?.version }));
}

function linksOf(topic: Topic): Link[] {
  const links = [...topic.links];
  if (topic.kind === 'rights' && !links.some((l) => l.page.startsWith('pages/legal/'))) {
    links.push({ title: '预约法律咨询', page: `pages/legal/index?category=${topic.category}` });
  }
  return links;
}

function pointText(ref: PointRef, question: string, today: string | undefined): string {
  const text = ref.point.answer.join('');
  const line = ref.point.calc ? calculate(ref.point.calc, question, today) : null;
  if (!line) return text;
  if (line.length + text.length <= MAX_POINT_ANSWER) return line + text;
  // the figure first; the rule's text up to the last whole sentence that still fits
  const room = text.slice(0, Math.max(0, MAX_POINT_ANSWER - line.length));
  return line + room.slice(0, room.lastIndexOf('。') + 1);
}

function fromPoints(refs: PointRef[], question: string, today: string | undefined): RightsAnswer {
  const [first] = refs;
  const answer =
    refs.length === 1
      ? pointText(first, question, today)
      : refs.map((r) => `【${r.point.title}】${pointText(r, question, today)}`).join('\n');
  const seen = new Set<string>();
  const citations = refs.flatMap((r) => citationsOf(r)).filter((c) => {
    const k = `${c.source}|${c.article}`;
    return !seen.has(k) && (seen.add(k), true);
  });
  const links: Link[] = [];
  for (const l of refs.flatMap((r) => linksOf(r.topic))) if (!links.some((x) => x.page === l.page)) links.push(l);
  return {
    answered: true,
    topic: first.id,
    answer,
    citations,
    links,
    ...(refs.length > 1 ? { points: refs.map((r) => r.id) } : {}),
  };
}

function askBack(a: PointRef, b: PointRef): RightsAnswer {
  const choices: Choice[] = [
    { point: a.id, title: a.point.title },
    { point: b.id, title: b.point.title },
  ];
  return {
    answered: false,
    topic: null,
    answer: `你想问的是：1. ${a.point.title}　2. ${b.point.title}？回复 1 或 2，我接着答。`,
    citations: [],
    links: [],
    choices,
  };
}

// 「意见第十七条讲了什么」「意见（十七）」「产改意见第17条」
const ARTICLE_REF = /第([一二三四五六七八九十]{1,3}|\d{1,3})条|意见([一二三四五六七八九十]{1,3}|\d{1,3})(?![一二三四五六七八九十\d])/;

/** A question about the 意见 itself, not 「意见」 as someone's opinion (「也不问我们的意见」「征求意见」). */
const ABOUT_OPINION = /意见(?:里|中|对|说|上|有|讲|提|规定|要求|怎么|是怎么|关于)|这个意见|产改|《意见》|深化产业工人队伍建设改革/;
/** Words of such a question that are no subject (and words the 意见 uses everywhere). */
const OPINION_FILLER =
  /意见|产改|产业工人|工人|职工|劳动者|这个|里面|里头|对于|关于|有什么|有啥|有哪些|什么|怎么|是怎么|说法|说的|说了|规定|要求|提到|讲了|讲的|我们|咱们|好处|支持|能不能|有没有|的|吗|呢|啊|了|对|和|跟|与|是|里|上|中|在/g;
const OPINION_SENTENCES = OPINION_ARTICLES.flatMap((article) => article.text.split(/(?<=。)/).filter(Boolean).map((sentence) => ({ article, sentence })));
/** The retrieval index's bigrams of normalised text, without those that span the gaps filler leaves. */
const bigramsOf = (t: string) => new Set(bigrams(t).filter((b) => !/\s/.test(b)));
// matched in the question's own normalised words (职工代表大会 and 职代会 alike)
const OPINION_BIGRAMS = OPINION_SENTENCES.map((x) => bigramsOf(normalise(x.sentence)));
const OPINION_DF = new Map<string, number>();
for (const set of OPINION_BIGRAMS) for (const b of set) OPINION_DF.set(b, (OPINION_DF.get(b) ?? 0) + 1);
/** A sentence must share this much rare wording with the question to be quoted. */
const OPINION_MIN_MATCH = 4.5;

/**
 * 「意见里对劳务派遣是怎么说的」: the 意见's own sentences nearest the question (idf-weighted shared
 * character pairs), at most two, with their articles.
 */
function opinionTermAnswer(n: string): RightsAnswer | null {
  if (!ABOUT_OPINION.test(n) || /第[一二三四五六七八九十\d]+条/.test(n)) return null;
  const asked = bigramsOf(n.replace(OPINION_FILLER, ' '));
  if (!asked.size) return null;
  const scored = OPINION_SENTENCES.map((x, i) => {
    let score = 0;
    for (const b of asked) if (OPINION_BIGRAMS[i].has(b)) score += Math.log(OPINION_SENTENCES.length / OPINION_DF.get(b)!);
    return { ...x, score };
  })
    .filter((x) => x.score >= OPINION_MIN_MATCH)
    .sort((a, b) => b.score - a.score);
  if (!scored.length) return null;
  let answer = '意见里这样说：';
  const cited: typeof scored = [];
  for (const h of scored.slice(0, 2)) {
    if (cited.length && h.score < 0.6 * cited[0].score) break;
    const line = `（第${h.article.number}条）${h.sentence}`;
    if (answer.length + line.length > MAX_POINT_ANSWER) continue;
    answer += line;
    cited.push(h);
  }
  if (!cited.length) return null;
  return {
    answered: true,
    topic: 'opinion_article',
    answer,
    citations: [...new Set(cited.map((h) => h.article))].map((a) => ({ source: '意见', article: a.number, quote: a.title, version: SOURCES['意见']?.version })),
    links: [{ title: '问一问', page: 'pages/ask/index' }],
  };
}

function articleAnswer(n: string): RightsAnswer | null {
  if (!n.includes('意见') && !n.includes('产改')) return null;
  const m = ARTICLE_REF.exec(n);
  if (!m) return opinionTermAnswer(n);
  const raw = m[1] ?? m[2];
  const num = /^\d+$/.test(raw) ? Number(raw) : fromChineseNumber(raw);
  if (!num || num < 1 || num > OPINION_ARTICLES.length) {
    return { ...decline(), answer: `意见共27条，（一）至（二十七），没有你说的这一条。可以问我「意见第十五条讲了什么」。` };
  }
  const a = OPINION_ARTICLES[num - 1];
  const head = `意见第${a.number}条「${a.title}」（第${a.part}部分“${partTitle(a.part)}”）：`;
  const room = MAX_POINT_ANSWER - head.length;
  const body = a.text.length <= room ? a.text : `${a.text.slice(0, room - 1)}…`;
  return {
    answered: true,
    topic: 'opinion_article',
    answer: head + body,
    citations: [{ source: '意见', article: a.number, quote: a.title, version: SOURCES['意见']?.version }],
    links: [{ title: '问一问', page: 'pages/ask/index' }],
  };
}
void findArticle;

export interface AskOptions {
  /** Shanghai date (YYYY-MM-DD) for calculators that read 「到今天」. */
  today?: string;
  /** Answer this point directly (a reply to an ask-back). */
  point?: string;
}

/** Question → answer object (API.md). */
export function answerQuestion(question: string, options: AskOptions = {}): RightsAnswer {
  const q = String(question ?? '').slice(0, MAX_QUESTION);
  if (options.point) {
    const ref = POINT_BY_ID.get(options.point);
    if (ref) return fromPoints([ref], q, options.today);
  }
  const r = rank(q);
  if (r.normalised.length === 0) return decline();
  const exact = EXACT.get(r.normalised);
  if (exact !== undefined) return exact >= FIRST_SCOPE ? decline(SCOPE[exact - FIRST_SCOPE]) : fromPoints([POINTS[exact]], q, options.today);
  const article = articleAnswer(r.normalised);
  if (article) return article;
  const bar = aboutWork(r.normalised) ? MIN_SCORE : MIN_SCORE * OFF_DOMAIN_FACTOR;
  if (!r.point || r.score < bar) return decline(r.scope && r.scopeScore >= MIN_SCORE ? r.scope : null);
  const share = WORK_ANCHORS.some((w) => q.includes(w)) ? ANCHORED_SCOPE_SHARE : SCOPE_SHARE;
  if (r.scope && r.scopeScore >= share * r.score) return decline(r.scope);
  if (r.normalised.length <= COVERAGE_MAX_LENGTH && r.score < COVERAGE_WAIVED_AT && INDEX.coverage(r.normalised, POINTS.indexOf(r.point)) < MIN_COVERAGE) return decline();
  if (r.runnerUp && r.runnerUpScore >= ASK_BACK_SHARE * r.score && r.normalised.length <= ASK_BACK_MAX_LENGTH) {
    // two points that answer the same thing (one title) need no choosing
    if (r.runnerUp.point.title === r.point.point.title) return fromPoints([r.point], q, options.today);
    return r.score >= ASK_BACK_MIN_SCORE ? askBack(r.point, r.runnerUp) : decline();
  }
  const second =
    secondMatter(r.normalised, r.point, r.score) ??
    // a long question two topics answer nearly equally well: both, rather than a guess
    (r.runnerUp && r.normalised.length >= CLOSE_SECOND_MIN_QUESTION && r.runnerUpScore >= CLOSE_SECOND_SHARE * r.score ? r.runnerUp : null) ??
    // or a point of the same topic nearly as close: the asked fact is often in the neighbouring rule
    (r.sibling && r.normalised.length >= SIBLING_MIN_QUESTION && r.siblingScore >= SIBLING_SHARE * r.score ? r.sibling : null);
  return fromPoints(withFigure(second ? [r.point, second] : [r.point], r, q, options.today), q, options.today);
}

/** The legal-consultation category of an answer's point (for the bot's booking link). */
export function categoryOf(pointId: string | null): Topic['category'] | undefined {
  if (!pointId) return undefined;
  return POINT_BY_ID.get(pointId)?.topic.category;
}

export { TOPICS };
