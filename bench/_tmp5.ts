import { loadInput } from '../src/audit/load.js';
import { applyPeriodRules, auditTeacher } from '../src/audit/audit.js';
import { loadRules, BUILTIN_RULES_DIR } from '../src/audit/rules.js';
import path from 'node:path';
const rules = loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml'));
const gc = () => { globalThis.gc!(); return process.memoryUsage().heapUsed / 1e6; };
const h0 = gc();
let t = performance.now();
const loaded = await loadInput(process.argv[2]!, { yearOption: null });
const h1 = gc();
console.log('load', (performance.now() - t).toFixed(0), 'ms heap +', (h1 - h0).toFixed(0), 'MB', loaded.teachers.length);
t = performance.now();
const results = []; const findings = [];
for (const tt of loaded.teachers) { applyPeriodRules(tt, rules); const r = auditTeacher(tt, rules); results.push(r.result); findings.push(...r.findings); }
const h2 = gc();
console.log('audit', (performance.now() - t).toFixed(0), 'ms heap +', (h2 - h1).toFixed(0), 'MB findings', findings.length);
