// The knowledge as loaded: counts, the rules a legal officer relies on when reading a diff, and the
// loader refusing points that lack what a reviewed point must have.
import { describe, expect, it } from 'vitest';
import { answerQuestion, KNOWLEDGE, MAX_POINT_ANSWER, POINT_IDS } from '../../shared/rights/index.js';
import { KnowledgeError, loadKnowledge } from '../../shared/rights/knowledge.js';
import { CALC_ROOM } from '../../shared/rights/schema.js';
import { AREAS, CENTRAL_SOURCES, SCOPE_CLASSES } from '../../shared/rights/knowledge/index.js';
import { renderReport } from '../../shared/rights/report.js';
import WRITTEN_CONTRACT from '../../shared/rights/knowledge/contract/written_contract.json' with { type: 'json' };

const points = KNOWLEDGE.topics.flatMap((t) => t.points.map((p) => ({ t, p })));

/** Loads the real knowledge with one topic replaced by `topic`. */
function loadWith(topic: unknown) {
  const areas = AREAS.map((a) => (a.id === 'contract' ? { ...a, topics: [...a.topics.filter((t) => t !== WRITTEN_CONTRACT), topic] } : a));
  return () => loadKnowledge(areas, CENTRAL_SOURCES, SCOPE_CLASSES);
}
function withPoint(change: (p: Record<string, unknown>) => void) {
  const copy = structuredClone(WRITTEN_CONTRACT) as { points: Record<string, unknown>[] };
  change(copy.points[0]);
  return loadWith(copy);
}

describe('rights knowledge', () => {
  it('has at least 80 topics and 400 points', () => {
    expect(KNOWLEDGE.topics.length).toBeGreaterThanOrEqual(80);
    expect(points.length).toBeGreaterThanOrEqual(400);
  });

  it('every rights point cites a statute beyond the 意见, with the version it rests on', () => {
    for (const { t, p } of points.filter((x) => x.t.kind === 'rights')) {
      const statutes = p.citations.filter((c) => c.source !== '意见');
      expect(statutes.length, `${t.id}.${p.id}`).toBeGreaterThan(0);
      for (const c of p.citations) expect(KNOWLEDGE.sources[c.source]?.version, `${t.id}.${p.id} ${c.source}`).toBeTruthy();
    }
  });

  it('every answer fits a phone screen: ≤300 characters a point, calculator room kept', () => {
    for (const { t, p } of points) expect(p.answer.join('').length, `${t.id}.${p.id}`).toBeLessThanOrEqual(MAX_POINT_ANSWER - (p.calc ? CALC_ROOM : 0));
  });

  it('point ids are unique', () => expect(new Set(POINT_IDS).size).toBe(POINT_IDS.length));

  it('refuses a point without a statute citation', () => {
    expect(withPoint((p) => (p.citations = [{ source: '意见', article: '十五', quote: '依法纠正劳动领域违法侵权行为' }]))).toThrow(/至少引用一条法律条文/);
  });
  it('refuses a point without example questions', () => {
    expect(withPoint((p) => ((p.examples as { worker: string[] }).worker = []))).toThrow(KnowledgeError);
    expect(withPoint((p) => ((p.examples as { legal: string[] }).legal = []))).toThrow(/法律用语的例句/);
  });
  it('refuses a point without its reviewed date', () => {
    expect(withPoint((p) => delete p.reviewed)).toThrow(/reviewed/);
    expect(withPoint((p) => (p.reviewed = { by: '某律师', on: '昨天' }))).toThrow(/reviewed/);
  });
  it('refuses an answer over 300 characters, a source not in the register, a misquoted 意见 and a whole-document statute', () => {
    expect(withPoint((p) => (p.answer = ['长'.repeat(301)]))).toThrow(/超过/);
    expect(withPoint((p) => (p.citations = [{ source: '劳动法典', article: '第一条' }]))).toThrow(/不在法规登记表/);
    expect(withPoint((p) => ((p.citations as unknown[]).push({ source: '意见', article: '十五', quote: '不存在的话' })))).toThrow(/引文不在意见/);
    expect(withPoint((p) => (p.citations = [{ source: '劳动合同法', article: '全文' }]))).toThrow(/整篇引用/);
  });
  it('accepts the real knowledge unchanged', () => expect(loadWith(WRITTEN_CONTRACT)).not.toThrow());

  it('the review page shows every point with its citations, versions and review', () => {
    const page = renderReport(KNOWLEDGE);
    for (const { t, p } of points) expect(page).toContain(`\`${t.id}.${p.id}\``);
    expect(page).toContain('2013年7月1日施行');
    expect(page).toContain('复核：');
  });
});

describe('answers', () => {
  it('every answered rights question carries a statute citation, and each point stays ≤300 characters', () => {
    for (const { t, p } of points) {
      const a = answerQuestion(p.examples.worker[0]);
      if (!a.answered || !a.topic) continue;
      const first = points.find((x) => `${x.t.id}.${x.p.id}` === a.topic)!;
      if (first.t.kind === 'rights') expect(a.citations.some((c) => c.source !== '意见'), `${t.id}.${p.id}`).toBe(true);
      for (const part of a.answer.split('\n')) expect(part.replace(/^【[^】]+】/, '').length).toBeLessThanOrEqual(MAX_POINT_ANSWER);
    }
  });

  it('names the answered points: `topic` is the first, `points` lists both when there are two', () => {
    const a = answerQuestion('公司两个月没发工资了，我想辞职，另外我一直没签劳动合同能要双倍工资吗');
    expect(a.answered).toBe(true);
    expect(POINT_IDS).toContain(a.topic);
    if (a.points) {
      expect(a.points[0]).toBe(a.topic);
      expect(a.points).toHaveLength(2);
    }
  });

  it('declines other areas of law with 12348 and the consultation booking', () => {
    for (const q of ['开车追尾了对方要我赔三万', '老公要离婚孩子归谁', '朋友借了五万不还怎么起诉']) {
      const a = answerQuestion(q);
      expect(a.answered, q).toBe(false);
      expect(a.answer, q).toContain('12348');
      expect(a.links.some((l) => l.page.startsWith('pages/legal/'))).toBe(true);
    }
  });

  it('a reply to an ask-back answers the chosen point', () => {
    const id = POINT_IDS.find((p) => p.startsWith('written_contract.'))!;
    const a = answerQuestion('1', { point: id });
    expect(a.answered).toBe(true);
    expect(a.topic).toBe(id);
  });
});
