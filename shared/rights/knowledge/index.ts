// The knowledge: one JSON file per topic under <area>/, each area's index.ts lists its files.
import CONTRACT from './contract/index.js';
import DISPUTES from './disputes/index.js';
import INJURY from './injury/index.js';
import INSURANCE from './insurance/index.js';
import PAY from './pay/index.js';
import PEOPLE from './people/index.js';
import SERVICE from './service/index.js';
import TERMINATION from './termination/index.js';
import SOURCES from './sources.json' with { type: 'json' };
import SCOPE from './scope.json' with { type: 'json' };
import OPINION_LINKS from './opinion-links.json' with { type: 'json' };

export interface Area {
  id: string;
  title: string;
  topics: readonly unknown[];
  /** Sources the area cites beyond the central register. */
  sources: Readonly<Record<string, unknown>>;
}

/** In tie-break order: an earlier topic wins an equal score. */
export const AREAS: readonly Area[] = [CONTRACT, TERMINATION, PAY, INSURANCE, INJURY, PEOPLE, DISPUTES, SERVICE];
export const CENTRAL_SOURCES: Readonly<Record<string, unknown>> = SOURCES;
export const SCOPE_CLASSES: readonly unknown[] = SCOPE;
/** Topic id → the 意见 articles that speak to it (cited by every point of the topic), with a quote. */
export const TOPIC_OPINION_LINKS: Readonly<Record<string, unknown>> = OPINION_LINKS;
