import path from 'node:path';
import { audit } from '../../src/engine/audit.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/rules.js';
import { expandInputs } from '../../src/cli/main.js';

/** The fixtures' audits the report tests share: every Pu'er .xlsx return for its year, and the Pu'er five-year cycle. */
export const FIX = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
export const builtinRules = (id: string) => loadRules(path.join(BUILTIN_RULES_DIR, `${id}.yaml`));
export const yearlyPuer = () => audit({ files: expandInputs([path.join(FIX, 'puer')], '/').filter((f) => f.endsWith('.xlsx')), rules: builtinRules('puer'), yearOption: null });
export const cyclePuer = () => audit({ files: expandInputs([path.join(FIX, 'puer-cycle')], '/'), rules: builtinRules('puer'), yearOption: null, cycle: { start: 2021, end: 2025 } });
