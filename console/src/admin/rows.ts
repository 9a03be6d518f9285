import { createSignal } from 'solid-js';

/** A list of rows a form edits in place before saving them all: change one, remove one, add one. */
export function rows<T>(initial: T[]) {
  const [items, setItems] = createSignal(initial);
  return {
    items,
    edit: (i: number, change: Partial<T>) => setItems((all) => all.map((r, j) => (j === i ? { ...r, ...change } : r))),
    remove: (i: number) => setItems((all) => all.filter((_, j) => j !== i)),
    add: (row: T) => setItems((all) => [...all, row]),
  };
}
