import { z } from 'zod';
import { findArticle } from './opinion.js';
import { OPINION, type Point, ScopeClass, type Source, SourceRegister, Topic, WHOLE_DOCUMENT } from './schema.js';
import { AREAS, CENTRAL_SOURCES, SCOPE_CLASSES, TOPIC_OPINION_LINKS } from './knowledge/index.js';

export interface Knowledge {
  topics: readonly Topic[];
  sources: Readonly<Record<string, Source>>;
  scope: readonly ScopeClass[];
  /** Topic id → its area's id. */
  areaOf: ReadonlyMap<string, string>;
}

export class KnowledgeError extends Error {}

/** Validates every topic file, the source register and the 意见 quotes; throws naming the file's topic and point. */
const OpinionLinks = z.record(z.string(), z.array(z.object({ article: z.string(), quote: z.string().min(4) })));

export function loadKnowledge(areas = AREAS, central: unknown = CENTRAL_SOURCES, scopeData: unknown = SCOPE_CLASSES, opinionLinks: unknown = TOPIC_OPINION_LINKS): Knowledge {
  const errors: string[] = [];
  const sources: Record<string, Source> = {};
  const addSources = (where: string, data: unknown) => {
    const parsed = SourceRegister.safeParse(data);
    if (!parsed.success) return errors.push(`${where}: ${z.prettifyError(parsed.error)}`);
    for (const [name, s] of Object.entries(parsed.data)) {
      if (sources[name] && JSON.stringify(sources[name]) !== JSON.stringify(s)) errors.push(`${where}: 法规「${name}」登记了两个不同的版本`);
      sources[name] = s;
    }
  };
  addSources('sources.json', central);
  for (const area of areas) addSources(`${area.id}/sources.json`, area.sources);

  const topics: Topic[] = [];
  const areaOf = new Map<string, string>();
  for (const area of areas) {
    for (const raw of area.topics) {
      const id = (raw as { id?: unknown })?.id;
      const parsed = Topic.safeParse(raw);
      if (!parsed.success) {
        errors.push(`${area.id}/${String(id)}: ${z.prettifyError(parsed.error)}`);
        continue;
      }
      const t = parsed.data;
      if (areaOf.has(t.id)) errors.push(`${area.id}/${t.id}: 主题 id 重复`);
      areaOf.set(t.id, area.id);
      for (const p of t.points) errors.push(...checkCitations(`${area.id}/${t.id}.${p.id}`, p.citations, sources));
      errors.push(...checkCitations(`${area.id}/${t.id}`, t.citations, sources));
      topics.push(t);
    }
  }
  const links = OpinionLinks.safeParse(opinionLinks);
  if (!links.success) errors.push(`opinion-links.json: ${z.prettifyError(links.error)}`);
  else {
    for (const [id, cites] of Object.entries(links.data)) {
      const t = topics.find((x) => x.id === id);
      // a link to a topic not (yet) written is harmless; a wrong quote is not
      const citations = cites.map((c) => ({ source: OPINION, article: c.article, quote: c.quote }));
      errors.push(...checkCitations(`opinion-links.json/${id}`, citations, sources));
      if (t) t.citations.push(...citations.filter((c) => !t.citations.some((x) => x.source === OPINION && x.article === c.article)));
    }
  }
  const scope = z.array(ScopeClass).safeParse(scopeData);
  if (!scope.success) errors.push(`scope.json: ${z.prettifyError(scope.error)}`);
  if (errors.length) throw new KnowledgeError(`维权知识有 ${errors.length} 处错误:\n${errors.join('\n')}`);
  return { topics, sources, scope: scope.success ? scope.data : [], areaOf };
}

function checkCitations(where: string, citations: Point['citations'], sources: Record<string, Source>): string[] {
  const errors: string[] = [];
  for (const c of citations) {
    const source = sources[c.source];
    if (!source) {
      errors.push(`${where}: 「${c.source}」不在法规登记表（sources.json）里`);
      continue;
    }
    if (c.article === WHOLE_DOCUMENT && source.kind !== '政策文件') errors.push(`${where}: 只有政策文件可以整篇引用，「${c.source}」要写到条`);
    if (c.source !== OPINION) continue;
    const a = findArticle(c.article);
    if (!a) errors.push(`${where}: 意见没有第${c.article}条`);
    else if (!c.quote) errors.push(`${where}: 引用意见第${c.article}条要附原文`);
    else if (!`${a.title}。${a.text}`.includes(c.quote)) errors.push(`${where}: 引文不在意见（${c.article}）中: ${c.quote}`);
  }
  return errors;
}
