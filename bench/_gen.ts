import { ensureInputs } from './generate.js';
await ensureInputs((s) => console.log(s));
