/** Arrow keys, Home and End move between the tabs of a tablist and open the one reached. */
export function moveBetweenTabs(e: KeyboardEvent): void {
  const list = e.currentTarget as HTMLElement;
  const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
  const at = tabs.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const step: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -at, End: tabs.length - 1 - at };
  if (!(e.key in step)) return;
  e.preventDefault();
  const next = tabs[(at + step[e.key]! + tabs.length) % tabs.length]!;
  next.focus();
  next.click();
}
