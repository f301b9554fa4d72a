import { annualModeMinimum } from './annual-mode-minimum.js';
import { annualTotalMinimum } from './annual-total-minimum.js';
import { declaredTotalMismatch } from './declared-total-mismatch.js';
import { duplicateAcrossSchools } from './duplicate-across-schools.js';
import { duplicateInSchool } from './duplicate-in-school.js';
import { idGenderMismatch } from './id-gender-mismatch.js';
import { idNameConflict } from './id-name-conflict.js';
import { idNumberInvalid } from './id-number-invalid.js';
import { modeCreditCeiling } from './mode-credit-ceiling.js';
import { modeHoursCap } from './mode-hours-cap.js';
import { schoolIncompleteShare } from './school-incomplete-share.js';
import { teacherExempt } from './teacher-exempt.js';
import { teacherIdentityMissing } from './teacher-identity-missing.js';
import type { Check } from './types.js';
import { valueImpossible } from './value-impossible.js';
import { valueNotNumber } from './value-not-number.js';

/** The registry: check id → check. A test keeps it equal to this folder and to docs/checks.md. */
export const CHECKS: Record<string, Check> = Object.fromEntries(
  [
    annualTotalMinimum,
    annualModeMinimum,
    modeHoursCap,
    declaredTotalMismatch,
    modeCreditCeiling,
    valueNotNumber,
    teacherExempt,
    schoolIncompleteShare,
    idNumberInvalid,
    idGenderMismatch,
    teacherIdentityMissing,
    valueImpossible,
    duplicateInSchool,
    duplicateAcrossSchools,
    idNameConflict,
  ].map((c) => [c.meta.id, c as Check]),
);
