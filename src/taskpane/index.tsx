/**
 * The task pane's entry: waits for Office.js, then mounts the pane on Excel's host. Office.js comes
 * from Microsoft's CDN (taskpane.html); if it is absent (page opened outside Office, offline), the pane
 * still renders and says that it needs Excel.
 */
import { createExcelHost, unavailableHost } from './host';
import { mountPane } from './mount';

const container = document.getElementById('root') as HTMLElement;

if (document.documentElement.hasAttribute('data-old-webview')) {
  // old-webview.js (loaded first by taskpane.html) explains that this webview is too old for the pane.
} else if (typeof Office === 'undefined') {
  mountPane(container, unavailableHost());
} else {
  Office.onReady((info) => {
    mountPane(container, info.host === Office.HostType.Excel ? createExcelHost() : unavailableHost());
  });
}
