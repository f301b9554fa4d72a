import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { resultJsonSchema } from '../src/report/result-schema.js';

writeFileSync(path.resolve(import.meta.dirname, '..', 'docs', 'result.schema.json'), JSON.stringify(resultJsonSchema(), null, 2) + '\n');
