import type { Knowledge } from './knowledge.js';
import { FACET_LABELS } from './facets.js';

/** The review page: every topic and point with its conditions, citations (with versions), examples and review. */
export function renderReport(k: Knowledge): string {
  const points = k.topics.reduce((n, t) => n + t.points.length, 0);
  const out: string[] = [`# 维权知识复核页`, '', `${k.topics.length} 个主题，${points} 个要点。每个要点：回答（≤300字）、适用条件、引用（法规版本）、例句、复核记录。`, ''];
  let area = '';
  for (const t of k.topics) {
    const a = k.areaOf.get(t.id) ?? '';
    if (a !== area) out.push(`## ${a}`, '');
    area = a;
    out.push(`### ${t.title}（\`${t.id}\`，${t.kind}，${t.category}）`, '');
    if (t.keys.length) out.push(`主题关键词：${t.keys.join('、')}`, '');
    for (const c of t.citations) out.push(`- 全主题引用：《${k.sources[c.source]?.title ?? c.source}》${c.article}${c.quote ? `：「${c.quote}」` : ''}`);
    if (t.citations.length) out.push('');
    for (const p of t.points) {
      out.push(`#### ${p.title}（\`${t.id}.${p.id}\`，${FACET_LABELS[p.facet]}${p.calc ? `，计算：${p.calc}` : ''}）`, '');
      out.push(...p.answer.map((line) => `> ${line}`), '', `（${p.answer.join('').length}字）`, '');
      if (p.conditions.length) out.push(`适用条件：${p.conditions.join('；')}`, '');
      for (const c of p.citations) {
        const s = k.sources[c.source];
        out.push(`- 《${s?.title ?? c.source}》${c.article}${s ? `（${s.version}）` : ''}${c.quote ? `：「${c.quote}」` : ''}`);
      }
      if (p.noStatuteReason) out.push(`- 不引法条：${p.noStatuteReason}`);
      out.push('', `例句（工友）：${p.examples.worker.join(' ／ ')}`);
      if (p.examples.legal.length) out.push(`例句（法律用语）：${p.examples.legal.join(' ／ ')}`);
      if (p.keys.length) out.push(`关键词：${p.keys.join('、')}`);
      out.push(`复核：${p.reviewed.by}，${p.reviewed.on}`, '');
    }
  }
  out.push('## 范围外（婉拒并转介）', '');
  for (const s of k.scope) out.push(`- **${s.title}**（\`${s.id}\`）：${s.referral}`);
  return out.join('\n') + '\n';
}
