import { describe, expect, it } from 'vitest';
import {
  answerQuestion, findArticle, LEGAL_CATEGORY, LegalCategory, OPINION_ARTICLES, RightsAnswer, TOPIC_IDS, TOPICS,
} from '../../shared/rights/index.js';

// Topics PRODUCT.md promises, mapped to the ids that answer them.
const PRODUCT_TOPICS: Record<string, string> = {
  'written contracts': 'written_contract', probation: 'probation', 'wage arrears': 'wage_arrears',
  'overtime pay': 'overtime_pay', 'hours and rest': 'working_hours', 'annual leave': 'annual_leave',
  'social insurance': 'social_insurance', 'work injury': 'work_injury', 'gig-worker occupational injury protection': 'gig_injury',
  'labour dispatch': 'labour_dispatch', 'dismissal and severance': 'dismissal_severance', 'dispute channels': 'dispute_resolution',
  'minimum wage': 'minimum_wage', 'occupational disease': 'occupational_disease', 'work safety': 'work_safety',
  'women workers': 'women_workers', 'sick leave': 'sick_leave', 'heat allowance': 'high_temperature',
  'democratic management': 'democratic_management', 'collective bargaining': 'collective_bargaining',
  'skills and training': 'skills_training', 'migrant workers': 'migrant_workers', recuperation: 'recuperation',
  'non-compete': 'noncompete', 'joining the union': 'union_join',
  '爱心餐': 'service_meal', '工作室参观': 'service_studio', '法律咨询': 'service_legal', '通知': 'service_notice',
  '入会': 'service_join', 'cancel': 'service_cancel', help: 'help',
};

const cjk = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;

describe('rights topics data', () => {
  it('covers every PRODUCT.md topic and the service routes', () => {
    for (const id of Object.values(PRODUCT_TOPICS)) expect(TOPIC_IDS).toContain(id);
    expect(new Set(TOPIC_IDS).size).toBe(TOPIC_IDS.length);
  });

  it('cites only 意见 articles that exist, with quotes taken from them', () => {
    for (const t of TOPICS) {
      for (const c of t.citations.filter((c) => c.source === '意见')) {
        const a = findArticle(c.article);
        expect(a, `${t.id} cites 意见（${c.article}）`).toBeDefined();
        if (c.quote) expect(`${a!.title}。${a!.text}`).toContain(c.quote);
      }
    }
  });

  it('gives every topic a statute citation or a stated reason for none', () => {
    for (const t of TOPICS) {
      const statutes = t.citations.filter((c) => c.source !== '意见');
      expect(statutes.length > 0 || (t.noStatuteReason ?? '').length > 4, t.id).toBe(true);
      for (const c of statutes) expect(c.article, `${t.id} ${c.source}`).toMatch(/^第[一二三四五六七八九十百零]+条(之一)?$/);
    }
  });

  it('keeps every answer within 300 characters (one phone screen)', () => {
    for (const t of TOPICS) {
      expect(t.answer.length, t.id).toBeLessThanOrEqual(300);
      expect(cjk(t.answer), t.id).toBeLessThanOrEqual(300);
    }
    for (const a of OPINION_ARTICLES) expect(answerQuestion(`意见第${a.number}条讲了什么`).answer.length).toBeLessThanOrEqual(300);
  });

  it('says what to do next in every rights answer', () => {
    for (const t of TOPICS.filter((t) => t.kind === 'rights')) {
      expect(t.answer, t.id).toMatch(/12351|12333|12348|12350|仲裁|咨询|证据|通知|报名|工会|可以问我/);
    }
  });

  it('maps every topic to a legal-consultation category and links rights answers to it', () => {
    for (const t of TOPICS) {
      expect(LegalCategory.options).toContain(LEGAL_CATEGORY[t.id]);
      const a = answerQuestion(t.answer.slice(0, 0) || t.title);
      if (a.topic === t.id && t.kind === 'rights') {
        expect(a.links.some((l) => l.page.startsWith('pages/legal/index'))).toBe(true);
      }
    }
    const a = answerQuestion('老板拖了三个月工资不给');
    expect(a.links).toContainEqual({ title: '预约法律咨询', page: 'pages/legal/index?category=工资报酬' });
  });

  it('returns objects that match the API.md answer schema', () => {
    for (const q of ['没签合同咋整', '骑手摔了算工伤不', '加班费咋算的', '红烧肉咋做', '', '   ', 'x'.repeat(5000)]) {
      const a = answerQuestion(q);
      expect(RightsAnswer.parse(a)).toEqual(a);
      expect(Object.keys(a).sort()).toEqual(['answer', 'answered', 'citations', 'links', 'topic']);
    }
  });

  it('is deterministic', () => {
    const q = '公司一直没给我交社保 我想辞职 能要补偿吗';
    expect(answerQuestion(q)).toEqual(answerQuestion(q));
  });

  it('answers the questions from the issue', () => {
    expect(answerQuestion('没签合同咋整').topic).toBe('written_contract');
    expect(answerQuestion('骑手摔了算工伤不').topic).toBe('gig_injury');
    expect(answerQuestion('加班费咋算的').topic).toBe('overtime_pay');
    expect(answerQuestion('老板不给签合同怎么办').topic).toBe('written_contract');
  });
});
