import type { Facet } from './schema.js';

export const FACET_LABELS: Readonly<Record<Facet, string>> = {
  rule: '规则',
  amount: '数额',
  deadline: '期限',
  who: '找谁/谁负责',
  exception: '例外',
  procedure: '怎么办',
  special: '特殊人群',
};
