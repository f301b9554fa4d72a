import { loadInput } from '../src/audit/load.js';
const loaded = await loadInput(process.argv[2]!, { yearOption: null });
console.log(JSON.stringify(loaded.summary).slice(0, 600));
