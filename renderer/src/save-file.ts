/** Hands a file the screen made to the browser's (or Electron's) download. */
export function saveFile(fileName: string, contents: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([contents], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
