/**
 * The contents of a file the user chose. File.arrayBuffer and File.text are missing in older hosts'
 * browsers (Office's IE-era and early Edge webviews): FileReader there.
 */
function viaReader<T>(
  file: File,
  read: (reader: FileReader) => void,
  result: (r: FileReader) => T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(result(reader));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader'));
    read(reader);
  });
}

export function fileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return viaReader(
    file,
    (r) => r.readAsArrayBuffer(file),
    (r) => new Uint8Array(r.result as ArrayBuffer),
  );
}

export function fileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return viaReader(
    file,
    (r) => r.readAsText(file),
    (r) => String(r.result),
  );
}
