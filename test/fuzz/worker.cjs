// Worker thread entry: loads TypeScript through tsx, then the fuzz worker.
require('tsx/cjs');
require('./worker.ts');
