// Prints the plain closing line CI reads ("tests: N passed, N failed, N skipped") from Vitest's JUnit
// report, so a run that executed no test is visible as such.
import { readFileSync } from 'node:fs';

const xml = readFileSync(process.argv[2] ?? 'test-results/junit.xml', 'utf8');
const cases = xml.match(/<testcase\b[^>]*?(\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
let failed = 0;
let skipped = 0;
for (const c of cases) {
  if (/<(failure|error)\b/.test(c)) failed++;
  else if (/<skipped\b/.test(c)) skipped++;
}
const passed = cases.length - failed - skipped;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
