export { KINDS, loadRealpages, type PageQuestion, type PageSet, type Part, partOf } from './dataset.js';
export { normaliseAnswer, statesExpected } from './match.js';
export { EVAL_NOW, type PageRecord, type PagesRun, runPagesEval } from './run-pages-eval.js';
export { type PartSummary, summarise, summaryTable } from './summary.js';
