// 工伤与职业病: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import INJURY_RECOGNITION from './injury_recognition.json' with { type: 'json' };
import INJURY_APPLICATION from './injury_application.json' with { type: 'json' };
import COMMUTING_ACCIDENT from './commuting_accident.json' with { type: 'json' };
import NO_INSURANCE_EMPLOYER from './no_insurance_employer.json' with { type: 'json' };
import DISABILITY_APPRAISAL from './disability_appraisal.json' with { type: 'json' };
import DISABILITY_BENEFITS from './disability_benefits.json' with { type: 'json' };
import PAID_LEAVE_INJURY from './paid_leave_injury.json' with { type: 'json' };
import MEDICAL_COSTS from './medical_costs.json' with { type: 'json' };
import OCCUPATIONAL_DISEASE from './occupational_disease.json' with { type: 'json' };
import DEATH_AT_WORK from './death_at_work.json' with { type: 'json' };
import PLATFORM_INJURY_PROTECTION from './platform_injury_protection.json' with { type: 'json' };
import THIRD_PARTY_INJURY from './third_party_injury.json' with { type: 'json' };
import OVER_AGE_INJURY from './over_age_injury.json' with { type: 'json' };
import SAFETY_RIGHTS from './safety_rights.json' with { type: 'json' };
import INJURY_INSURANCE_BASICS from './injury_insurance_basics.json' with { type: 'json' };
import INJURY_BENEFITS_OVERVIEW from './injury_benefits_overview.json' with { type: 'json' };
import INJURY_DISPUTES from './injury_disputes.json' with { type: 'json' };

export default {
  id: 'injury',
  title: '工伤与职业病',
  sources: SOURCES,
  topics: [INJURY_RECOGNITION, INJURY_APPLICATION, COMMUTING_ACCIDENT, NO_INSURANCE_EMPLOYER, DISABILITY_APPRAISAL, DISABILITY_BENEFITS, PAID_LEAVE_INJURY, MEDICAL_COSTS, OCCUPATIONAL_DISEASE, DEATH_AT_WORK, PLATFORM_INJURY_PROTECTION, THIRD_PARTY_INJURY, OVER_AGE_INJURY, SAFETY_RIGHTS, INJURY_INSURANCE_BASICS, INJURY_BENEFITS_OVERVIEW, INJURY_DISPUTES],
};
