// 工会服务: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };

export default {
  id: 'service',
  title: '工会服务',
  sources: SOURCES,
  topics: [],
};
