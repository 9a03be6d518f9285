/** Keeps Tab inside the open panel (it is a dialog): from the last control back to the first, and back. */
const FOCUSABLE = 'button:not([disabled]),input:not([disabled]):not([type=hidden]),select,textarea,a[href],[tabindex]:not([tabindex="-1"])';

export function trapFocus(event: KeyboardEvent, panel: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const controls = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const active = (panel.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
