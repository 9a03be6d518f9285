/** A secret the server shows only in the answer that made it (a site's identity secret, an API token, a webhook's signing secret). */
export function ShownOnce(props: { intro: string; label: string; value: string }) {
  return (
    <section class="secret" aria-live="polite">
      <p>{props.intro} Copy it now: it will not be shown again.</p>
      <pre>
        <code aria-label={props.label}>{props.value}</code>
      </pre>
    </section>
  );
}
