// 社会保险: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import SOCIAL_INSURANCE_DUTY from './social_insurance_duty.json' with { type: 'json' };
import CONTRIBUTION_BASE from './contribution_base.json' with { type: 'json' };
import INSURANCE_ARREARS from './insurance_arrears.json' with { type: 'json' };
import COMMERCIAL_VS_SOCIAL from './commercial_vs_social.json' with { type: 'json' };
import FLEXIBLE_EMPLOYMENT from './flexible_employment.json' with { type: 'json' };
import TRANSFER_BETWEEN_CITIES from './transfer_between_cities.json' with { type: 'json' };
import PENSION_ELIGIBILITY from './pension_eligibility.json' with { type: 'json' };
import DEATH_SURVIVOR from './death_survivor.json' with { type: 'json' };
import MEDICAL_INSURANCE from './medical_insurance.json' with { type: 'json' };
import UNEMPLOYMENT_INSURANCE from './unemployment_insurance.json' with { type: 'json' };
import MATERNITY_INSURANCE from './maternity_insurance.json' with { type: 'json' };
import HOUSING_FUND from './housing_fund.json' with { type: 'json' };
import RESIDENT_INSURANCE from './resident_insurance.json' with { type: 'json' };

export default {
  id: 'insurance',
  title: '社会保险',
  sources: SOURCES,
  topics: [SOCIAL_INSURANCE_DUTY, CONTRIBUTION_BASE, INSURANCE_ARREARS, COMMERCIAL_VS_SOCIAL, FLEXIBLE_EMPLOYMENT, TRANSFER_BETWEEN_CITIES, PENSION_ELIGIBILITY, DEATH_SURVIVOR, MEDICAL_INSURANCE, UNEMPLOYMENT_INSURANCE, MATERNITY_INSURANCE, HOUSING_FUND, RESIDENT_INSURANCE],
};
