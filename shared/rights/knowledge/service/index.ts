// 工会服务: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import SERVICE_MEAL from './service_meal.json' with { type: 'json' };
import SERVICE_STUDIO from './service_studio.json' with { type: 'json' };
import SERVICE_LEGAL from './service_legal.json' with { type: 'json' };
import SERVICE_NOTICE from './service_notice.json' with { type: 'json' };
import SERVICE_CANCEL from './service_cancel.json' with { type: 'json' };
import SERVICE_JOIN from './service_join.json' with { type: 'json' };
import HELP from './help.json' with { type: 'json' };
import SERVICE_ACCOUNT from './service_account.json' with { type: 'json' };
import RECUPERATION from './recuperation.json' with { type: 'json' };

export default {
  id: 'service',
  title: '工会服务',
  sources: SOURCES,
  topics: [SERVICE_MEAL, SERVICE_STUDIO, SERVICE_LEGAL, SERVICE_NOTICE, SERVICE_CANCEL, SERVICE_JOIN, SERVICE_ACCOUNT, RECUPERATION, HELP],
};
