export { writeFormXlsx, buildWorkbook } from './write';
export { readWorkbook, parseNameRef, type FormRead, type ReadResult } from './read';
export {
  readSubmissionFromXlsx,
  readSubmissionsFromXlsx,
  type SubmissionRead,
  type SubmissionsResult,
} from './submission';
export { ZIP_LIMITS } from './zip';
