// A node:test reporter for scripts/test.mjs: the seconds each test file's top-level tests took,
// as JSON keyed by the file's path relative to the repository.
import { relative } from 'node:path';

export default async function* times(source) {
  const seconds = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const file = relative(process.cwd(), event.data.file);
      seconds[file] = Math.round(((seconds[file] ?? 0) + (event.data.details?.duration_ms ?? 0) / 1000) * 100) / 100;
    }
  }
  yield JSON.stringify(seconds, null, 2) + '\n';
}
