// 争议处理: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import ARBITRATION_PROCEDURE from './arbitration_procedure.json' with { type: 'json' };
import DISPUTE_MEDIATION from './dispute_mediation.json' with { type: 'json' };

export default {
  id: 'disputes',
  title: '争议处理',
  sources: SOURCES,
  topics: [ARBITRATION_PROCEDURE, DISPUTE_MEDIATION],
};
