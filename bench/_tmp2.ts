import { audit } from '../src/audit/audit.js';
import { loadRules, BUILTIN_RULES_DIR } from '../src/audit/rules.js';
import path from 'node:path';
const rules = loadRules(path.join(BUILTIN_RULES_DIR, 'puer.yaml'));
for (const reader of ['stream', 'exceljs'] as const) {
  const t = performance.now();
  const r = await audit({ files: ['/tmp/p10k.xlsx'], rules, yearOption: null, reader });
  console.log(reader, performance.now() - t, JSON.stringify(r.summary), JSON.stringify(r.inputs[0]!.sheets[0]!.skipped).slice(0, 200));
}
