// 工资与工时: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import WAGE_ARREARS from './wage_arrears.json' with { type: 'json' };
import WAGE_DEDUCTION from './wage_deduction.json' with { type: 'json' };
import MINIMUM_WAGE from './minimum_wage.json' with { type: 'json' };
import OVERTIME_PAY from './overtime_pay.json' with { type: 'json' };
import WORKING_HOURS from './working_hours.json' with { type: 'json' };
import PUBLIC_HOLIDAYS from './public_holidays.json' with { type: 'json' };
import ANNUAL_LEAVE from './annual_leave.json' with { type: 'json' };
import SICK_PAY from './sick_pay.json' with { type: 'json' };
import CONSTRUCTION_WAGE from './construction_wage.json' with { type: 'json' };
import HIGH_TEMPERATURE from './high_temperature.json' with { type: 'json' };
import WORK_STOPPAGE from './work_stoppage.json' with { type: 'json' };
import PIECE_RATE_BONUS from './piece_rate_bonus.json' with { type: 'json' };
import WAGE_SLIP_PAYMENT_DAY from './wage_slip_payment_day.json' with { type: 'json' };
import LEAVE_TYPES from './leave_types.json' with { type: 'json' };
import NIGHT_SHIFT_REST from './night_shift_rest.json' with { type: 'json' };
import WAGE_AGREEMENT from './wage_agreement.json' with { type: 'json' };

export default {
  id: 'pay',
  title: '工资与工时',
  sources: SOURCES,
  topics: [WAGE_ARREARS, WAGE_DEDUCTION, MINIMUM_WAGE, OVERTIME_PAY, WORKING_HOURS, PUBLIC_HOLIDAYS, ANNUAL_LEAVE, SICK_PAY, CONSTRUCTION_WAGE, HIGH_TEMPERATURE, WORK_STOPPAGE, PIECE_RATE_BONUS, WAGE_SLIP_PAYMENT_DAY, LEAVE_TYPES, NIGHT_SHIFT_REST, WAGE_AGREEMENT],
};
