/** Reading the admin forms' fields into request bodies. */
export const text = (form: FormData, name: string) => String(form.get(name) ?? '');
export const checked = (form: FormData, name: string) => form.get(name) === 'on';
export const all = (form: FormData, name: string) => form.getAll(name).map(String);
/** "en, de" → ["en", "de"] */
export const list = (form: FormData, name: string) =>
  text(form, name)
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
