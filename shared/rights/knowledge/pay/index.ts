// 工资与工时: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };

export default {
  id: 'pay',
  title: '工资与工时',
  sources: SOURCES,
  topics: [],
};
