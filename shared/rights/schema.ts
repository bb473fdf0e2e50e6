import { z } from 'zod';
import { LegalCategory } from '../schemas/catalogue.js';

/** Categories of the legal-consultation booking (shared/domain.ts); the bot links to pages/legal/index?category=…. */
export { LegalCategory };


/** A citation in an answer: the law, the article, and the version it rests on (from the source register). */
export const Citation = z.object({
  source: z.string().min(1),
  article: z.string().min(1),
  quote: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof Citation>;

export const Link = z.object({ title: z.string().min(1), page: z.string().regex(/^pages\/[a-z]+\/index(\?.*)?$/) });
export type Link = z.infer<typeof Link>;

export const Choice = z.object({ point: z.string(), title: z.string() });
export type Choice = z.infer<typeof Choice>;

/** The answer object of API.md: `npm run ask -- --json`, POST /api/ask, the bot. */
export const RightsAnswer = z.object({
  answered: z.boolean(),
  /** The (first) answered point's id, `topic.point`. */
  topic: z.string().nullable(),
  answer: z.string(),
  citations: z.array(Citation),
  links: z.array(Link),
  /** Both points' ids when a question had two matters. */
  points: z.array(z.string()).optional(),
  /** When two points were too close to guess: 「你想问的是：1. … 2. …」; a reply of 1 or 2 picks one. */
  choices: z.array(Choice).optional(),
});
export type RightsAnswer = z.infer<typeof RightsAnswer>;

/** The longest answer a point may have on a phone screen. */
export const MAX_POINT_ANSWER = 300;
/** Room a calculator's line needs at the start of an answer. */
export const CALC_ROOM = 100;

// Statute articles are written in Chinese numerals, e.g. 第八十二条, 第二百七十六条之一; policy
// documents may be cited whole.
const STATUTE_ARTICLE = /^第[一二三四五六七八九十百千零]+条(之[一二三四五六七八九十])?(第[一二三四五六七八九十]+款)?(第[一二三四五六七八九十]+项)?$/;
export const WHOLE_DOCUMENT = '全文';
export const OPINION = '意见';

export const SourceKind = z.enum(['法律', '行政法规', '司法解释', '部门规章', '政策文件', '地方规定', '意见']);
export const Source = z.object({
  /** Full official title. */
  title: z.string().min(2),
  /** The version or effective date the citations rest on, e.g. 「2012年修正，2013年7月1日施行」. */
  version: z.string().min(4),
  kind: SourceKind,
});
export type Source = z.infer<typeof Source>;
export const SourceRegister = z.record(z.string().min(1), Source);

export const KnowledgeCitation = z.object({
  /** Short name, a key of the source register (e.g. 劳动合同法). */
  source: z.string().min(1),
  /** 第X条 (statutes), the 意见's article number 一…二十七, or 全文 for a policy document. */
  article: z.string().min(1),
  /** Words from the cited text (required for the 意见, checked against the text). */
  quote: z.string().min(1).optional(),
});

export const FACETS = ['rule', 'amount', 'deadline', 'who', 'exception', 'procedure', 'special'] as const;
export const Facet = z.enum(FACETS);
export type Facet = z.infer<typeof Facet>;

export const CALCULATORS = ['severance', 'unlawful_dismissal', 'double_wage', 'overtime', 'annual_leave', 'disability_subsidy', 'retirement_age', 'sick_pay', 'severance_notice', 'training_bond', 'probation_pay', 'damage_deduction', 'probation_over', 'noncompete_pay', 'minimum_wage'] as const;
export const Calculator = z.enum(CALCULATORS);
export type Calculator = z.infer<typeof Calculator>;

const ExampleQuestion = z.string().min(2).max(200);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One rule that answers one kind of question. */
export const Point = z
  .object({
    /** Unique within its topic; the answer's id is `topic.point`. */
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** What the point answers, as a worker would name it (used in ask-back choices). */
    title: z.string().min(3).max(24),
    facet: Facet,
    /** Lines of the answer, joined without separator; the first sentence answers directly. */
    answer: z.array(z.string().min(1)).min(1),
    /** When the rule applies, in plain words (shown in the review page). */
    conditions: z.array(z.string().min(2)).default([]),
    citations: z.array(KnowledgeCitation),
    examples: z.object({
      /** How workers (or managers) type it. */
      worker: z.array(ExampleQuestion).min(2),
      /** The same question in legal wording. */
      legal: z.array(ExampleQuestion).default([]),
    }),
    /** Hand keys: words that name this point (one signal among others). */
    keys: z.array(z.string().min(2)).default([]),
    /** A figure worked out from the question, put before the answer. */
    calc: Calculator.optional(),
    /** Why a service point cites no statute. */
    noStatuteReason: z.string().min(4).optional(),
    reviewed: z.object({ by: z.string().min(2), on: z.string().regex(ISO_DAY) }),
  })
  .superRefine((p, ctx) => {
    const length = p.answer.join('').length;
    const max = p.calc ? MAX_POINT_ANSWER - CALC_ROOM : MAX_POINT_ANSWER;
    if (length > max) ctx.addIssue({ code: 'custom', path: ['answer'], message: `回答${length}字，超过${max}字` });
    for (const [i, c] of p.citations.entries()) {
      if (c.source === OPINION) continue;
      if (c.article !== WHOLE_DOCUMENT && !STATUTE_ARTICLE.test(c.article)) {
        ctx.addIssue({ code: 'custom', path: ['citations', i, 'article'], message: `法条编号应写成「第X条」或「全文」: ${c.article}` });
      }
    }
  });
export type Point = z.infer<typeof Point>;

export const TopicKind = z.enum(['rights', 'service', 'help']);

export const Topic = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string().min(2).max(24),
    kind: TopicKind,
    category: LegalCategory,
    /** Words that name the topic as a whole; each point's own keys add to them. */
    keys: z.array(z.string().min(2)).default([]),
    /**
     * Words a question about this topic almost always has (「试用」 for probation, a commute word for
     * commuting accidents): without any of them the topic's points score less, never nothing.
     */
    requires: z.array(z.string().min(1)).default([]),
    /** Cited by every point of the topic, after the point's own (e.g. the 意见 article on the matter). */
    citations: z.array(KnowledgeCitation).default([]),
    links: z.array(Link).default([]),
    points: z.array(Point).min(1),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    for (const [i, p] of t.points.entries()) {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['points', i, 'id'], message: `要点 id 重复: ${p.id}` });
      ids.add(p.id);
      const statutes = p.citations.filter((c) => c.source !== OPINION);
      if (t.kind === 'rights') {
        if (statutes.length === 0) ctx.addIssue({ code: 'custom', path: ['points', i, 'citations'], message: '维权要点至少引用一条法律条文（意见以外）' });
        if (p.examples.legal.length === 0) ctx.addIssue({ code: 'custom', path: ['points', i, 'examples', 'legal'], message: '维权要点至少要有一个法律用语的例句' });
      } else if (statutes.length === 0 && !p.noStatuteReason) {
        ctx.addIssue({ code: 'custom', path: ['points', i, 'noStatuteReason'], message: '不引用法条的要点要写明理由' });
      }
    }
  });
export type TopicInput = z.input<typeof Topic>;
export type Topic = z.infer<typeof Topic>;

/** A class of questions outside labour rights, declined with a referral. */
export const ScopeClass = z.object({
  id: z.string().regex(/^[a-z][a-z_]*$/),
  title: z.string().min(2),
  /** The referral sentence said when declining. */
  referral: z.string().min(10).max(200),
  examples: z.array(ExampleQuestion).min(5),
  keys: z.array(z.string().min(2)).default([]),
  /** A matter of other law: the decline points to 12348 and the consultation booking. */
  legal: z.boolean().default(false),
});
export type ScopeClass = z.infer<typeof ScopeClass>;

export const OpinionArticle = z.object({
  number: z.string().regex(/^[一二三四五六七八九十]+$/),
  part: z.string().regex(/^[一二三四五六七八九]$/),
  title: z.string().min(2),
  text: z.string().min(20),
});
export type OpinionArticle = z.infer<typeof OpinionArticle>;
