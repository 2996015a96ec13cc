/**
 * What this Excel can do, from Office.context.requirements.isSetSupported('ExcelApi', v), and the
 * error the host rejects with when a feature's requirement set is missing (shown by the pane).
 */
import type { Capabilities } from '../host/types';
import { bilingual, msg, type Message, type MessageKey } from '../i18n';

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** The ExcelApi versions the host relies on, and for what. */
export const REQUIRED = {
  /** data validation (1.8); also enableEvents, getRangeByIndexes, freezePanes, names.add with formulas */
  insertForm: '1.8',
  /** worksheet onChanged / onSelectionChanged, worksheets onActivated, NamedItem.formula */
  changeEvents: '1.7',
  customXmlParts: '1.5',
  suspendCalculation: '1.6',
  /** pageLayout (print setup), RangeAreas (Worksheet.getRanges), suspendScreenUpdatingUntilNextSync */
  pageLayout: '1.9',
  rangeAreas: '1.9',
  comments: '1.10',
  /** WorksheetChangedEventArgs.triggerSource = ThisLocalAddin */
  triggerSource: '1.14',
} as const;

export type Feature = keyof typeof REQUIRED;

/** The global Office requirements checker, or undefined outside Office. */
export function officeRequirements(): Requirements | undefined {
  const office = (globalThis as { Office?: { context?: { requirements?: Requirements } } }).Office;
  return office?.context?.requirements;
}

const HIGHEST_KNOWN_MINOR = 30;

/** The highest ExcelApi 1.x this Excel supports ('0' outside Excel). */
export function highestExcelApi(req: Requirements | undefined): string {
  if (!req) return '0';
  for (let minor = HIGHEST_KNOWN_MINOR; minor >= 1; minor--) if (safeSupported(req, `1.${minor}`)) return `1.${minor}`;
  return '0';
}

function safeSupported(req: Requirements, version: string): boolean {
  try {
    return req.isSetSupported('ExcelApi', version) === true;
  } catch {
    return false;
  }
}

export function supports(req: Requirements | undefined, feature: Feature): boolean {
  return !!req && safeSupported(req, REQUIRED[feature]);
}

export function detectCapabilities(req: Requirements | undefined): Capabilities {
  return {
    excelApi: highestExcelApi(req),
    insertForm: supports(req, 'insertForm'),
    comments: supports(req, 'comments'),
    changeEvents: supports(req, 'changeEvents'),
  };
}

/** An error whose text exists in both languages; `message` carries both, Vietnamese first. */
export class ExcelHostError extends Error {
  constructor(
    readonly text: Message,
    readonly code: 'requirementMissing' | 'sheetNameTaken' | 'unexpected',
  ) {
    super(bilingual(text));
    this.name = 'ExcelHostError';
  }
}

const FEATURE_TEXT: Partial<Record<Feature, MessageKey>> = {
  insertForm: 'excelFeatureInsertForm',
  changeEvents: 'excelFeatureChangeEvents',
  comments: 'excelFeatureComments',
};

/** Reject when the feature's requirement set is missing, naming the set (ExcelApi 1.8) and what Excel has. */
export function requireFeature(req: Requirements | undefined, feature: Feature): void {
  if (supports(req, feature)) return;
  const key = FEATURE_TEXT[feature] ?? 'excelFeatureInsertForm';
  const have = highestExcelApi(req);
  const text: Message = {
    vi: msg('excelRequirementMissing', { feature: msg(key).vi, version: REQUIRED[feature], have: have === '0' ? msg('excelNoApi').vi : `ExcelApi ${have}` }).vi,
    en: msg('excelRequirementMissing', { feature: msg(key).en, version: REQUIRED[feature], have: have === '0' ? msg('excelNoApi').en : `ExcelApi ${have}` }).en,
  };
  throw new ExcelHostError(text, 'requirementMissing');
}
