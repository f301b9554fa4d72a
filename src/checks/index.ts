import { annualModeMinimum } from './annual-mode-minimum.js';
import { cycleEveryYear } from './cycle-every-year.js';
import { cycleMissingYear } from './cycle-missing-year.js';
import { exemptionRepeated } from './exemption-repeated.js';
import { cycleModeMinimum } from './cycle-mode-minimum.js';
import { cycleMatrixMinimum } from './cycle-matrix-minimum.js';
import { cycleModeShareMaximum } from './cycle-mode-share-maximum.js';
import { cycleRoleMinimum } from './cycle-role-minimum.js';
import { cycleTitleMinimum } from './cycle-title-minimum.js';
import { cycleSingleRecordMinimum } from './cycle-single-record-minimum.js';
import { cycleTotalMinimum } from './cycle-total-minimum.js';
import { singleRecordMaximum } from './single-record-maximum.js';
import { teacherMoved } from './teacher-moved.js';
import { annualTotalMinimum } from './annual-total-minimum.js';
import { declaredTotalMismatch } from './declared-total-mismatch.js';
import { duplicateAcrossSchools } from './duplicate-across-schools.js';
import { duplicateInSchool } from './duplicate-in-school.js';
import { duplicateInput } from './duplicate-input.js';
import { idGenderMismatch } from './id-gender-mismatch.js';
import { idNameConflict } from './id-name-conflict.js';
import { idNumberInvalid } from './id-number-invalid.js';
import { mergedNumber } from './merged-number.js';
import { modeCreditCeiling } from './mode-credit-ceiling.js';
import { modeHoursCap } from './mode-hours-cap.js';
import { resentInput } from './resent-input.js';
import { schoolConcentratedShare } from './school-concentrated-share.js';
import { roleTopicMinimum } from './role-topic-minimum.js';
import { recordCreditsMissing } from './record-credits-missing.js';
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
    roleTopicMinimum,
    recordCreditsMissing,
    modeHoursCap,
    declaredTotalMismatch,
    modeCreditCeiling,
    valueNotNumber,
    mergedNumber,
    teacherExempt,
    exemptionRepeated,
    schoolIncompleteShare,
    schoolConcentratedShare,
    singleRecordMaximum,
    cycleTotalMinimum,
    cycleModeMinimum,
    cycleSingleRecordMinimum,
    cycleModeShareMaximum,
    cycleMatrixMinimum,
    cycleTitleMinimum,
    cycleRoleMinimum,
    cycleMissingYear,
    cycleEveryYear,
    teacherMoved,
    idNumberInvalid,
    idGenderMismatch,
    teacherIdentityMissing,
    valueImpossible,
    duplicateInSchool,
    duplicateAcrossSchools,
    idNameConflict,
    duplicateInput,
    resentInput,
  ].map((c) => [c.meta.id, c as Check]),
);
