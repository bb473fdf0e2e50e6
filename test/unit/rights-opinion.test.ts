import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion, OPINION_ARTICLES, toChineseNumber } from '../../shared/rights/index.js';

// The source text sits beside the clone as ../shared (CI and the dev machine alike).
const SOURCE = resolve(process.cwd(), '../shared/seeds/001_160cac7666c6035c.txt');
const source = readFileSync(SOURCE, 'utf8');
// Only the opinion: cut the unrelated newspaper items, and join the print-layout breaks.
const opinion = source.slice(0, source.indexOf('新华社北京10月21日电')).replace(/\s+/g, '');

describe('the opinion as data', () => {
  it('has 27 articles (一)…(二十七) in order, over parts 二…九', () => {
    expect(OPINION_ARTICLES).toHaveLength(27);
    OPINION_ARTICLES.forEach((a, i) => expect(a.number).toBe(toChineseNumber(i + 1)));
    expect(new Set(OPINION_ARTICLES.map((a) => a.part))).toEqual(new Set(['二', '三', '四', '五', '六', '七', '八', '九']));
  });

  it.each(OPINION_ARTICLES.map((a) => [a.number, a] as const))('article (%s) matches the source text exactly', (number, a) => {
    const full = `(${number})${a.title}。${a.text}`;
    expect(opinion).toContain(full);
    // the article runs up to the next article or part heading, with nothing left out
    const start = opinion.indexOf(full);
    const rest = opinion.slice(start + full.length);
    const next = rest.search(/^(\([一二三四五六七八九十]+\)|##)|^$/);
    if (number !== '三') expect(next).toBe(0);
  });

  it('keeps the stray (十) paragraph out of (三), and (十) in full', () => {
    const three = OPINION_ARTICLES[2];
    const ten = OPINION_ARTICLES[9];
    expect(three.text).not.toContain('企业制定技能人才发展战略');
    expect(ten.text).toContain('鼓励大型企业制定技能人才发展战略');
    expect(ten.text.endsWith('帮助中小企业开展技能培训。')).toBe(true);
  });

  it('has no newspaper leftovers', () => {
    for (const a of OPINION_ARTICLES) expect(a.text).not.toMatch(/督察|结婚|整形|新华社/);
  });

  it.each([
    ['意见第十七条讲了什么', '十七'],
    ['意见第15条说的啥', '十五'],
    ['产改意见（二十四）是什么内容', '二十四'],
    ['@工会小助手 意见第一条', '一'],
  ])('answers 「%s」 with that article', (q, number) => {
    const a = answerQuestion(q);
    expect(a.answered).toBe(true);
    expect(a.citations).toEqual([expect.objectContaining({ source: '意见', article: number })]);
    const art = OPINION_ARTICLES.find((x) => x.number === number)!;
    expect(a.answer).toContain(art.title);
    expect(a.answer.length).toBeLessThanOrEqual(300);
  });

  it('declines an article the opinion does not have', () => {
    expect(answerQuestion('意见第三十条讲了什么').answered).toBe(false);
  });
});
