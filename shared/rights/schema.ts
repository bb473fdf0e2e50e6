import { z } from 'zod';

/** Categories of the legal-consultation booking (PRODUCT.md); the bot links to pages/legal/index?category=…. */
export const LegalCategory = z.enum(['劳动合同', '工资报酬', '工伤', '社会保险', '解除劳动合同', '其他']);
export type LegalCategory = z.infer<typeof LegalCategory>;

export const Citation = z.object({
  source: z.string().min(1),
  article: z.string().min(1),
  quote: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof Citation>;

export const Link = z.object({ title: z.string().min(1), page: z.string().regex(/^pages\/[a-z]+\/index(\?.*)?$/) });
export type Link = z.infer<typeof Link>;

/** The answer object of API.md: `npm run ask -- --json`, POST /api/ask, the bot. */
export const RightsAnswer = z.object({
  answered: z.boolean(),
  topic: z.string().nullable(),
  answer: z.string(),
  citations: z.array(Citation),
  links: z.array(Link),
});
export type RightsAnswer = z.infer<typeof RightsAnswer>;

// Statute articles are written in Chinese numerals, e.g. 第八十二条, 第二百七十六条之一.
const STATUTE_ARTICLE = /^第[一二三四五六七八九十百零]+条(之一)?$/;

export const Topic = z
  .object({
    id: z.string().regex(/^[a-z_]+$/),
    title: z.string().min(2),
    kind: z.enum(['rights', 'service', 'help']),
    category: LegalCategory,
    /** Trigger terms on the normalised question → weight (negative: points away); 'a+b' needs both. */
    keys: z.record(z.string().min(1), z.number().int().min(-10).max(10)),
    answer: z.string().min(20).max(300),
    citations: z.array(Citation),
    links: z.array(Link).default([]),
    /** Why a topic cites no statute (service routing, union policy). */
    noStatuteReason: z.string().optional(),
  })
  .refine((t) => t.citations.some((c) => c.source !== '意见') || !!t.noStatuteReason, {
    message: '每个主题至少引用一条法律条文，或写明不引用的理由',
  })
  .refine((t) => t.citations.every((c) => c.source === '意见' || STATUTE_ARTICLE.test(c.article)), {
    message: '法条编号应写成「第X条」',
  });
export type TopicInput = z.input<typeof Topic>;
export type Topic = z.infer<typeof Topic>;

export const OpinionArticle = z.object({
  number: z.string().regex(/^[一二三四五六七八九十]+$/),
  part: z.string().regex(/^[一二三四五六七八九]$/),
  title: z.string().min(2),
  text: z.string().min(20),
});
export type OpinionArticle = z.infer<typeof OpinionArticle>;
