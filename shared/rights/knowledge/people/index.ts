// 特殊群体与工会、争议处理: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import WOMEN_WORKERS from './women_workers.json' with { type: 'json' };
import MINORS from './minors.json' with { type: 'json' };
import DISABLED_WORKERS from './disabled_workers.json' with { type: 'json' };
import MIGRANT_WORKERS from './migrant_workers.json' with { type: 'json' };
import GIG_WORKERS from './gig_workers.json' with { type: 'json' };
import PAST_RETIREMENT_AGE from './past_retirement_age.json' with { type: 'json' };
import RETIREMENT_REFORM from './retirement_reform.json' with { type: 'json' };
import DISCRIMINATION from './discrimination.json' with { type: 'json' };
import UNION_JOIN from './union_join.json' with { type: 'json' };
import UNION_RIGHTS from './union_rights.json' with { type: 'json' };
import UNION_ORGANIZATION from './union_organization.json' with { type: 'json' };
import UNION_HELP from './union_help.json' with { type: 'json' };
import SKILLS_TRAINING from './skills_training.json' with { type: 'json' };
import MODEL_WORKERS from './model_workers.json' with { type: 'json' };
import OPINION_OVERVIEW from './opinion_overview.json' with { type: 'json' };

export default {
  id: 'people',
  title: '特殊群体与工会',
  sources: SOURCES,
  topics: [WOMEN_WORKERS, MINORS, DISABLED_WORKERS, MIGRANT_WORKERS, GIG_WORKERS, PAST_RETIREMENT_AGE, RETIREMENT_REFORM, DISCRIMINATION, UNION_JOIN, UNION_RIGHTS, UNION_ORGANIZATION, UNION_HELP, SKILLS_TRAINING, MODEL_WORKERS, OPINION_OVERVIEW],
};
