import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/read/open.js';
import { InputError } from '../../src/read/types.js';
import { scratchDir } from '../helpers/scratch.js';

// A small file is read at once, its size and bytes taken without fs's promises (issue 5): what
// cannot be read still says why, naming the file.
describe('an input that cannot be read', () => {
  it('is missing: input.missing, with the file', async () => {
    const file = path.join(scratchDir(), '2025年度思茅区第一中学.xlsx');
    await expect(openInput(file)).rejects.toBeInstanceOf(InputError);
    await expect(openInput(file)).rejects.toMatchObject({ messageId: 'input.missing', data: { file } });
  });

  it('is a folder: input.isDirectory, with the folder', async () => {
    const dir = scratchDir();
    await expect(openInput(dir)).rejects.toMatchObject({ messageId: 'input.isDirectory', data: { file: dir } });
  });
});
