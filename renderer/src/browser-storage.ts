/** This browser's local storage, or undefined where it is refused (a locked-down browser): choices then hold until the page reloads. */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
