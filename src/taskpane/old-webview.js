/*
 * Loaded by taskpane.html before the bundle, as is: ES5 on purpose. Volume-licensed Office 2016/2019
 * opens the pane in Internet Explorer 11, and retail Office 2019 without WebView2 in Edge Legacy;
 * neither can run the bundle (ES2022), so this says so in both languages instead of an empty pane,
 * and marks the page so that index.tsx mounts nothing. webpack.config.js fills in the two messages
 * (paneOldWebview of src/i18n/vi.ts and en.ts) and names the file by its content hash.
 */
(function () {
  var ua = navigator.userAgent;
  var engine = ua.indexOf('Trident/') >= 0 ? 'Internet Explorer 11' : / Edge\/\d/.test(ua) ? 'Microsoft Edge Legacy (EdgeHTML)' : '';
  if (!engine) return;
  document.documentElement.setAttribute('data-old-webview', engine);
  var text = /* MESSAGES */ null;
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'old-webview');
    box.style.cssText = 'margin:12px;padding:12px;border:1px solid #c19c00;background:#fff9f5;font-size:14px;line-height:1.4';
    var langs = ['vi', 'en'];
    for (var i = 0; i < langs.length; i++) {
      var p = document.createElement('p');
      p.setAttribute('lang', langs[i]);
      p.appendChild(document.createTextNode(text[langs[i]].replace('{engine}', engine)));
      box.appendChild(p);
    }
    document.body.insertBefore(box, document.body.firstChild);
  });
})();
