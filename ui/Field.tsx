/** A labelled input: the label is the input's accessible name, for screen readers and tests alike. */
import { splitProps, type JSX } from 'solid-js';

export function Field(props: { label: string } & JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, input] = splitProps(props, ['label']);
  return (
    <label>
      {own.label}
      <input {...input} />
    </label>
  );
}
