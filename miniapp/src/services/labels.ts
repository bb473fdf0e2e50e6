// Same values as shared/schemas/catalogue.ts; kept here as plain data because importing a value from
// shared/schemas would bundle zod into the page.
import type { LegalCategory, LegalMode } from '../../../shared/schemas/index';

export const LEGAL_CATEGORIES: readonly LegalCategory[] = ['劳动合同', '工资报酬', '工伤', '社会保险', '解除劳动合同', '其他'];
export const LEGAL_MODE_LABELS: Record<LegalMode, string> = { onsite: '现场', phone: '电话', video: '视频' };
