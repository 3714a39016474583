/**
 * Re-renders docs/benchmarks/bench-<label>.md from its .json (after a change to the report's
 * layout, without running the builds again):  node scripts/bench/render-report.ts docs/benchmarks/bench-10000.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { reportMarkdown, type BenchReport } from './measure.ts';

for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  writeFileSync(file.replace(/\.json$/, '.md'), reportMarkdown(report));
  console.log(`Wrote ${file.replace(/\.json$/, '.md')}`);
}
