// 劳动合同: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import WRITTEN_CONTRACT from './written_contract.json' with { type: 'json' };
import HIRING_DEPOSITS from './hiring_deposits.json' with { type: 'json' };
import PROBATION from './probation.json' with { type: 'json' };
import OPEN_ENDED_CONTRACT from './open_ended_contract.json' with { type: 'json' };
import CONTRACT_CHANGE from './contract_change.json' with { type: 'json' };
import CONTRACT_VALIDITY from './contract_validity.json' with { type: 'json' };
import LABOUR_RELATIONSHIP_PROOF from './labour_relationship_proof.json' with { type: 'json' };
import LABOUR_DISPATCH from './labour_dispatch.json' with { type: 'json' };
import OUTSOURCING_VS_DISPATCH from './outsourcing_vs_dispatch.json' with { type: 'json' };
import PART_TIME from './part_time.json' with { type: 'json' };
import TRAINING_BOND from './training_bond.json' with { type: 'json' };
import NONCOMPETE from './noncompete.json' with { type: 'json' };
import CONFIDENTIALITY from './confidentiality.json' with { type: 'json' };
import COMPANY_RULES from './company_rules.json' with { type: 'json' };
import LABOUR_VS_SERVICE from './labour_vs_service.json' with { type: 'json' };
import DUAL_EMPLOYMENT from './dual_employment.json' with { type: 'json' };
import INTERNS_STUDENTS from './interns_students.json' with { type: 'json' };
import EMPLOYER_QUESTIONS_HIRING from './employer_questions_hiring.json' with { type: 'json' };

export default {
  id: 'contract',
  title: '劳动合同',
  sources: SOURCES,
  topics: [WRITTEN_CONTRACT, HIRING_DEPOSITS, PROBATION, OPEN_ENDED_CONTRACT, CONTRACT_CHANGE, CONTRACT_VALIDITY, LABOUR_RELATIONSHIP_PROOF, LABOUR_DISPATCH, OUTSOURCING_VS_DISPATCH, PART_TIME, TRAINING_BOND, NONCOMPETE, CONFIDENTIALITY, COMPANY_RULES, LABOUR_VS_SERVICE, DUAL_EMPLOYMENT, INTERNS_STUDENTS, EMPLOYER_QUESTIONS_HIRING],
};
