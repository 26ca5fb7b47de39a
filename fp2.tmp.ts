import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { chunkPassages } from './src/core/text/passages.js';
import { INSTRUCTION_PATTERNS, plantedInstruction } from './src/core/planted-instructions.js';
let total = 0; const by: Record<string, number> = {};
const lines = gunzipSync(readFileSync('/work/shared/data/rtqa-news/docs.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
for (const l of lines) { const d = JSON.parse(l); const text = String(d.text ?? '');
  for (const p of chunkPassages(text)) { total++; const t = text.slice(p.start, p.end); const why = plantedInstruction(t); if (why) { by[why] = (by[why] ?? 0) + 1; if ((by[why] ?? 0) <= 6) { const pat = INSTRUCTION_PATTERNS.find((x) => x.name === why)!.pattern; const m = t.replace(/[’‘`´]/g, "'").match(pat); console.log(why, '|', JSON.stringify(t.slice(Math.max(0,(m?.index??0)-60), (m?.index??0)+120))); } } } }
console.log({ docs: lines.length, total, by });
