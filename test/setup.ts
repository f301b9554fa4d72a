import { afterAll } from 'vitest';
import { removeScratchDirs } from './helpers/scratch.js';

// Every test file's scratch folders go when its tests are done.
afterAll(removeScratchDirs);
