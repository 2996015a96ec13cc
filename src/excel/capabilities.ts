/**
 * What this Excel can do, from Office.context.requirements.isSetSupported('ExcelApi', v), and the
 * error the host rejects with when a feature's requirement set is missing (shown by the pane).
 */
import type { Capabilities } from '../host/types';
import { bilingual, msg, type Message, type MessageKey } from '../i18n';

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/**
 * The lowest ExcelApi the add-in starts with, as the manifest's <Requirements> asks (Office 2019's
 * ceiling). Everything above it is detected at run time and degrades with a message (missingFeatures).
 */
export const MINIMUM_EXCEL_API = '1.7';

/** The ExcelApi versions the host relies on, and for what. */
export const REQUIRED = {
  /** getRangeByIndexes, freezePanes, NamedItem.formula, conditional formats, names.add */
  insertForm: '1.7',
  /** Range.dataValidation: cells that refuse a wrong entry as it is typed */
  dataValidation: '1.8',
  /** RequestContext.runtime.enableEvents: our own writes kept from our onChanged handlers */
  enableEvents: '1.8',
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
  for (let minor = HIGHEST_KNOWN_MINOR; minor >= 1; minor--)
    if (safeSupported(req, `1.${minor}`)) return `1.${minor}`;
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
    dataValidation: supports(req, 'dataValidation'),
    comments: supports(req, 'comments'),
    changeEvents: supports(req, 'changeEvents'),
    missing: missingFeatures(req),
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

/**
 * What an Excel that starts the add-in (MINIMUM_EXCEL_API or later) cannot do, and what happens
 * instead, one bilingual line each. Empty outside Excel: the pane then says Excel is needed.
 */
export function missingFeatures(req: Requirements | undefined): Message[] {
  if (!req) return [];
  const have = highestExcelApi(req);
  const line = (feature: Feature, key: MessageKey): Message =>
    msg(key, { version: REQUIRED[feature], have: `ExcelApi ${have}` });
  const missing: Message[] = [];
  if (!supports(req, 'dataValidation')) missing.push(line('dataValidation', 'excelMissingDataValidation'));
  if (!supports(req, 'pageLayout')) missing.push(line('pageLayout', 'excelMissingPrintSetup'));
  if (!supports(req, 'comments')) missing.push(line('comments', 'excelMissingComments'));
  return missing;
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
    vi: msg('excelRequirementMissing', {
      feature: msg(key).vi,
      version: REQUIRED[feature],
      have: have === '0' ? msg('excelNoApi').vi : `ExcelApi ${have}`,
    }).vi,
    en: msg('excelRequirementMissing', {
      feature: msg(key).en,
      version: REQUIRED[feature],
      have: have === '0' ? msg('excelNoApi').en : `ExcelApi ${have}`,
    }).en,
  };
  throw new ExcelHostError(text, 'requirementMissing');
}
