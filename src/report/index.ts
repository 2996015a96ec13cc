export * from './types';
export { summarySheet, weakestProvinceWide, SUMMARY_SHEET, type SummaryOptions } from './summary';
export { rankingJson, type RankingJson, type RankingJsonEntry } from './json';
export { rankingText } from './text';
export {
  stageSheets,
  decisionAppendixSheet,
  awardProposalSheet,
  STAGES,
  APPENDIX_SHEET,
  AWARDS_SHEET,
  type Stage,
  type StageOptions,
} from './stages';
