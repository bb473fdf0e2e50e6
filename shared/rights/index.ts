// Rights rules module: the 2024 opinion as data, the knowledge (topics of reviewed points, in JSON
// files under knowledge/), and the answer engine. Pure TypeScript + zod: no I/O and no Node built-ins.
export { RightsAnswer, Citation, Link, Choice, LegalCategory, Topic, Point, OpinionArticle, MAX_POINT_ANSWER } from './schema.js';
export { OPINION_ARTICLES, OPINION_PARTS, OPINION_TITLE, OPINION_DATE, findArticle, toChineseNumber, fromChineseNumber } from './opinion.js';
export { answerQuestion, rank, categoryOf, KNOWLEDGE, TOPICS, POINT_IDS, MIN_SCORE, type AskOptions } from './engine.js';
export { normalise } from './lexicon.js';
