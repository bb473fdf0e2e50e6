// 解除与终止: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import RESIGNATION from './resignation.json' with { type: 'json' };
import RESIGN_FOR_EMPLOYER_FAULT from './resign_for_employer_fault.json' with { type: 'json' };
import FORCED_RESIGNATION from './forced_resignation.json' with { type: 'json' };
import DISMISSAL_MISCONDUCT from './dismissal_misconduct.json' with { type: 'json' };
import DISMISSAL_INCOMPETENCE_ILLNESS from './dismissal_incompetence_illness.json' with { type: 'json' };
import MEDICAL_PERIOD from './medical_period.json' with { type: 'json' };
import MASS_LAYOFF from './mass_layoff.json' with { type: 'json' };
import PROTECTED_WORKERS from './protected_workers.json' with { type: 'json' };
import SEVERANCE from './severance.json' with { type: 'json' };
import UNLAWFUL_DISMISSAL from './unlawful_dismissal.json' with { type: 'json' };
import CONTRACT_EXPIRY from './contract_expiry.json' with { type: 'json' };
import MUTUAL_AGREEMENT from './mutual_agreement.json' with { type: 'json' };
import LEAVING_PROCEDURE from './leaving_procedure.json' with { type: 'json' };
import COMPANY_CLOSURE from './company_closure.json' with { type: 'json' };
import RETIREMENT_END from './retirement_end.json' with { type: 'json' };
import DISPATCH_RETURN from './dispatch_return.json' with { type: 'json' };

export default {
  id: 'termination',
  title: '解除与终止',
  sources: SOURCES,
  topics: [RESIGNATION, RESIGN_FOR_EMPLOYER_FAULT, FORCED_RESIGNATION, DISMISSAL_MISCONDUCT, DISMISSAL_INCOMPETENCE_ILLNESS, MEDICAL_PERIOD, MASS_LAYOFF, PROTECTED_WORKERS, SEVERANCE, UNLAWFUL_DISMISSAL, CONTRACT_EXPIRY, MUTUAL_AGREEMENT, LEAVING_PROCEDURE, COMPANY_CLOSURE, RETIREMENT_END, DISPATCH_RETURN],
};
