/**
 * Hands a file the app fetched (with the session's token, so not a plain link) to the browser as a download
 * named `name`: the action list, the audit trail and the minutes use this one way.
 */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  // in the document while it is clicked (Firefox ignores a click on a detached link)
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
