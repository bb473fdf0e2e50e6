// npm run rights:report [-- OUT.md]: validates the rights knowledge and renders every topic and point as
// one Markdown page for the union's legal officer to review (default reports/rights-knowledge.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KnowledgeError, loadKnowledge } from '../shared/rights/knowledge.js';
import { renderReport } from '../shared/rights/report.js';

const out = process.argv[2] ?? 'reports/rights-knowledge.md';
try {
  const knowledge = loadKnowledge();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderReport(knowledge));
  const points = knowledge.topics.reduce((n, t) => n + t.points.length, 0);
  console.log(`${out}: ${knowledge.topics.length} 个主题，${points} 个要点，${Object.keys(knowledge.sources).length} 部法规，${knowledge.scope.length} 类范围外问题`);
} catch (e) {
  if (!(e instanceof KnowledgeError)) throw e;
  console.error(e.message);
  process.exit(1);
}
