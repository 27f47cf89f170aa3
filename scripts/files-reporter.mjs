// A node:test reporter that writes the distinct test files that reported results, one a line,
// so run-tests.mjs can fail the run when a file ran nothing.
export default async function* filesReporter(source) {
  const files = new Set();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.file) files.add(event.data.file);
  }
  yield [...files].join('\n') + '\n';
}
