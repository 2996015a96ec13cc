/**
 * The workbook host the pane runs on. In Excel that is the Office.js host (src/excel); outside Excel
 * (the page opened in a plain browser, or an Office app other than Excel) a host that has no workbook,
 * so the pane explains instead of failing.
 */
import { ExcelHost } from '../excel/host';
import type { Capabilities, WorkbookHost } from '../host/types';

const NO_EXCEL: Capabilities = { excelApi: '0', insertForm: false, comments: false, changeEvents: false };

export function unavailableHost(): WorkbookHost {
  const refuse = () => Promise.reject(new Error('Excel is not available'));
  return {
    capabilities: () => NO_EXCEL,
    insertForm: refuse,
    readActive: async () => ({ kind: 'none' }),
    selectName: refuse,
    watch: async () => () => undefined,
  };
}

/** The Office.js host (Excel.run, Office.context.requirements), once Office is ready in Excel. */
export function createExcelHost(): WorkbookHost {
  return new ExcelHost();
}
