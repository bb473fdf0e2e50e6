import { CONTRACT_TOPICS } from './contract.js';
import { PAY_TOPICS } from './pay.js';
import { SAFETY_TOPICS } from './safety.js';
import { SERVICE_TOPICS } from './service.js';
import { TERMINATION_TOPICS } from './termination.js';
import { UNION_TOPICS } from './union.js';

/** Every topic, in tie-break order (earlier wins an equal score). */
export const TOPIC_DATA = [
  ...CONTRACT_TOPICS,
  ...TERMINATION_TOPICS,
  ...PAY_TOPICS,
  ...SAFETY_TOPICS,
  ...UNION_TOPICS,
  ...SERVICE_TOPICS,
];
