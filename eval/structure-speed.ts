// How fast structureWireText runs on Reuters-21578 TRAIN stories, on one core: stories per second
// of wall time and of CPU time (the CPU figure holds on a machine shared with other work).
// Run: npx tsx eval/structure-speed.ts [rounds]. Not part of `npm run eval`, which measures quality.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { structureWireText } from '../src/structure/index.js';
import { corporaDir, readReutersStories } from './datelines.js';

const path = join(corporaDir(), 'reuters21578', 'reuters-train.sgm');
if (!existsSync(path)) {
  console.log('skipped: ../shared/corpora/reuters21578 not found');
} else {
  const rounds = Number(process.argv[2] ?? 5);
  const texts = readReutersStories(readFileSync(path, 'latin1')).map((s) => `${s.title}\n\n${s.dateline}${s.body}`);
  for (const t of texts) structureWireText(t); // warm up the JIT and the regex caches
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const t of texts) structureWireText(t);
  const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const n = texts.length * rounds;
  const chars = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
  console.log(
    `structureWireText: ${n} Reuters stories (avg ${chars.toFixed(0)} chars): ` +
      `${(n / wall).toFixed(0)}/s wall, ${(n / cpuSeconds).toFixed(0)}/s CPU`,
  );
}
