/**
 * `@Name` in a private note: the agents it names, by their full name or, when no other candidate
 * shares it, their first name ("@Ada" for Ada Admin). Case does not matter; an email address in
 * the note ("bob@alice.example") names nobody, since the `@` must start a word.
 */
const WORD = /[\p{L}\p{N}_]/u;

export function mentionedIn<T extends { name: string }>(text: string, people: readonly T[]): T[] {
  if (!text.includes('@')) return [];
  const lower = text.toLowerCase();
  const firstNames = people.map((p) => p.name.trim().split(/\s+/)[0]!.toLowerCase());
  return people.filter((person, i) => {
    const full = person.name.trim().toLowerCase();
    const first = firstNames[i]!;
    const names = firstNames.filter((n) => n === first).length === 1 ? [full, first] : [full];
    return names.some((name) => name && mentions(lower, name));
  });
}

function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(`@${name}`); at >= 0; at = text.indexOf(`@${name}`, at + 1)) {
    const before = text[at - 1];
    const after = text[at + 1 + name.length];
    if ((before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after))) return true;
  }
  return false;
}
