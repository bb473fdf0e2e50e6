// 解除与终止: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };

export default {
  id: 'termination',
  title: '解除与终止',
  sources: SOURCES,
  topics: [],
};
