import { audit } from '../src/audit/audit.js';
import { loadRules, BUILTIN_RULES_DIR } from '../src/audit/rules.js';
import path from 'node:path';
const rules = loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml'));
const base = process.memoryUsage().rss;
const t = performance.now();
const r = await audit({ files: [process.argv[2]!], rules, yearOption: null });
globalThis.gc?.();
console.log(performance.now() - t, 'ms', ((process.memoryUsage().rss - base) / 1e6).toFixed(0), 'MB rss above start; heap', (process.memoryUsage().heapUsed / 1e6).toFixed(0), JSON.stringify(r.summary));
