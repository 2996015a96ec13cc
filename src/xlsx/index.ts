export { writeFormXlsx, buildWorkbook } from './write';
export { readWorkbook, type FormRead, type ReadResult } from './read';
export { parseNameRef } from '../sheet/a1';
export {
  readSubmissionFromXlsx,
  readSubmissionsFromXlsx,
  type SubmissionRead,
  type SubmissionsResult,
} from './submission';
export { ZIP_LIMITS } from './zip';
