"""
Add notes (LibreOffice "comments", annotations) to cells of an .xlsx with LibreOffice itself and save
it as .xlsx again: used by test/xlsx/comments.test.ts so that the notes in the file are written by
LibreOffice's own xlsx export. Run with a Python that has LibreOffice's `uno` module (Debian:
python3-uno), against an soffice started with --accept="pipe,name=<pipe>;urp;".

    python3 lo-annotate.py <pipe> <in.xlsx> <out.xlsx> '[{"sheet": "...", "cell": "F12", "text": "..."}]'
"""
import sys, time, uno, json
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress

def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p

pipe, src, dst, spec = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for i in range(200):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(0.1)
else:
    sys.exit("cannot connect")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
for item in spec:
    sheet = doc.Sheets.getByName(item["sheet"])
    cell = sheet.getCellRangeByName(item["cell"])
    addr = cell.getCellAddress()
    # LibreOffice silently refuses a note on a locked cell of a protected sheet (as Excel refuses a
    # comment there): lift the (password-less) protection for the note, as the add-in does.
    protected = sheet.isProtected()
    if protected:
        sheet.unprotect("")
    sheet.getAnnotations().insertNew(addr, item["text"])
    if protected:
        sheet.protect("")
doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
