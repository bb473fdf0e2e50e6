// 争议处理: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import ARBITRATION_PROCEDURE from './arbitration_procedure.json' with { type: 'json' };
import DISPUTE_MEDIATION from './dispute_mediation.json' with { type: 'json' };
import INSPECTION_COMPLAINT from './inspection_complaint.json' with { type: 'json' };
import LEGAL_AID_SERVICE from './legal_aid_service.json' with { type: 'json' };
import DISPUTE_EVIDENCE from './dispute_evidence.json' with { type: 'json' };
import COURT_LITIGATION from './court_litigation.json' with { type: 'json' };
import COLLECTIVE_BARGAINING from './collective_bargaining.json' with { type: 'json' };
import DEMOCRATIC_MANAGEMENT from './democratic_management.json' with { type: 'json' };
import UNION_OFFICERS from './union_officers.json' with { type: 'json' };
import WORKPLACE_PRIVACY from './workplace_privacy.json' with { type: 'json' };
import SEXUAL_HARASSMENT from './sexual_harassment.json' with { type: 'json' };

export default {
  id: 'disputes',
  title: '争议处理',
  sources: SOURCES,
  topics: [ARBITRATION_PROCEDURE, DISPUTE_MEDIATION, INSPECTION_COMPLAINT, LEGAL_AID_SERVICE, DISPUTE_EVIDENCE, COURT_LITIGATION, COLLECTIVE_BARGAINING, DEMOCRATIC_MANAGEMENT, UNION_OFFICERS, WORKPLACE_PRIVACY, SEXUAL_HARASSMENT],
};
