/** Offers TEXT to the user as a file download named NAME. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser reads the blob asynchronously after the click; revoke once it surely has
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
