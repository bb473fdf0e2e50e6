// 特殊群体与工会: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };

export default {
  id: 'people',
  title: '特殊群体与工会',
  sources: SOURCES,
  topics: [],
};
