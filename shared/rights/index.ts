// Rights rules module: the 2024 opinion as data, the topics, and the answer engine.
// Pure TypeScript + zod: also bundled into the mini-program, so no I/O and no Node built-ins.
import type { LegalCategory } from './schema.js';
import { TOPICS } from './engine.js';

export { RightsAnswer, Citation, Link, LegalCategory, Topic, OpinionArticle } from './schema.js';
export { OPINION_ARTICLES, OPINION_PARTS, OPINION_TITLE, OPINION_DATE, findArticle, toChineseNumber, fromChineseNumber } from './opinion.js';
export { answerQuestion, scoreQuestion, TOPICS, MIN_SCORE } from './engine.js';
export { normalise } from './lexicon.js';

/** Topic ids, plus the synthetic `opinion_article` used for 「意见第N条」 questions. */
export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

/** Topic id → legal-consultation category, for links like pages/legal/index?category=工资报酬. */
export const LEGAL_CATEGORY: Readonly<Record<string, LegalCategory>> = Object.freeze(
  Object.fromEntries(TOPICS.map((t) => [t.id, t.category])),
);
