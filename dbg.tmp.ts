import { rank, normalise } from './shared/rights/index.js';
const q = process.argv[2];
const r = rank(q);
console.log(r.normalised, r.point?.point.id, r.score, r.scope?.id, r.scopeScore);
import { answerQuestion } from './shared/rights/index.js';
console.log(JSON.stringify(answerQuestion(q)).slice(0, 200));
