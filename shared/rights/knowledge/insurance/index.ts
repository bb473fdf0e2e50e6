// 社会保险: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };

export default {
  id: 'insurance',
  title: '社会保险',
  sources: SOURCES,
  topics: [],
};
