// 工伤与职业病: one file per topic. Add a topic: write <topic>.json here and list it below.
import SOURCES from './sources.json' with { type: 'json' };
import INJURY_RECOGNITION from './injury_recognition.json' with { type: 'json' };
import INJURY_APPLICATION from './injury_application.json' with { type: 'json' };

export default {
  id: 'injury',
  title: '工伤与职业病',
  sources: SOURCES,
  topics: [INJURY_RECOGNITION, INJURY_APPLICATION],
};
