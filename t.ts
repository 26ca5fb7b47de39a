import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { writeHostileCorpus } from './probe/hostile-corpus.ts';
import { readFileSync } from 'node:fs';
const dir = mkdtempSync('/tmp/hc-');
const cases = writeHostileCorpus(join(dir, 'f'), ['https://victim.example/story-1'], ['seeds/a.txt']);
const c = cases.find((x) => x.inputs[0]?.includes('0672-'));
console.log(c, JSON.stringify(readFileSync(c!.inputs[0]!).toString('latin1').slice(0, 300)));
